import Testing
@testable import UnrollLessons

@Suite struct FormulaTests {
    @Test func errorsAreShiftedToTheFormulasPosition() {
        let result = Formula.parse("probs@6[Doug] <", at: SourcePosition(line: 12, column: 5), file: "x.md")
        guard case let .failure(d) = result else { Issue.record("should fail"); return }
        #expect(d.description == "x.md:12:20: the expression ends too early: expected a value")
    }

    @Test func slicesTheTextByScalarOffsets() throws {
        let f = try Formula.parse("hidden@1[\"é\"] > 0", at: .start, file: "x.md").get()
        #expect(f.slice(0..<13) == "hidden@1[\"é\"]")
        #expect(f.slice(40..<50) == "")
        let d = f.diagnostic(CheckError("boom", at: 9..<12), file: "x.md")
        #expect(d.description == "x.md:1:10: boom (in 'hidden@1[\"é\"] > 0')")
    }
}
