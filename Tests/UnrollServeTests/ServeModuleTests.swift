import Testing
@testable import UnrollServe

@Test func defaultPortIsTheDocumentedOne() {
    #expect(ServeModule.defaultPort == 2222)
}
