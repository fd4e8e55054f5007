import Testing
@testable import UnrollLessons

@Suite struct QuantityCatalogTests {
    @Test func everyQuantityIsDescribedOnce() {
        let names = QuantityCatalog.names
        #expect(Set(names).count == names.count)
        #expect(names.contains("grad_norm") && names.contains("predicted") && names.contains("update"))
        #expect(QuantityCatalog.all.allSatisfy { !$0.summary.isEmpty })
        #expect(QuantityCatalog.spec("hidden")?.allowsZero == true)
        #expect(QuantityCatalog.spec("loss")?.step == .optional)
    }
}
