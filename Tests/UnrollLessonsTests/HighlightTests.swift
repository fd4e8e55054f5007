import Testing
import UnrollCore
@testable import UnrollLessons

@Suite struct HighlightTests {
    @Test func unitReferencesResolveAgainstTheModel() throws {
        var m = try Fixtures.models.load("book-lstm").get()
        #expect(UnitReference.index(5).resolve(in: m) == 5)
        #expect(UnitReference.index(6).resolve(in: m) == nil)
        #expect(UnitReference.index(-1).resolve(in: m) == nil)
        #expect(UnitReference.label("h[2]").resolve(in: m) == 2)
        m.hiddenLabels = ["subject", "verb"]
        #expect(UnitReference.label("verb").resolve(in: m) == 1)
        #expect(UnitReference.label("h[4]").resolve(in: m) == 4, "unlabelled units keep their h[u] name")
        #expect(UnitReference.label("object").resolve(in: m) == nil)
        #expect(UnitReference.label("verb").description == "verb" && UnitReference.index(3).description == "3")
    }

    @Test func aHighlightHoldsOptionalParts() {
        let h = Highlight(gate: Located(.forget, at: .start))
        #expect(h.gate?.value == .forget && h.unit == nil && h.vector == nil)
    }
}
