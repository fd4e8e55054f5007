import Testing
@testable import UnrollLessons

@Suite struct DiagnosticTests {
    @Test func describesItselfAsFileLineColumnMessage() {
        let d = Diagnostic(file: "lessons/07.md", line: 12, column: 5, message: "check failed: x")
        #expect(d.description == "lessons/07.md:12:5: check failed: x")
        let w = Diagnostic(file: "a.md", line: 0, column: -3, message: "m", severity: .warning)
        #expect(w.description == "a.md:1:1: warning: m", "positions are at least 1:1")
        #expect([d, w].errors == [d] && [d, w].warnings == [w])
    }

    @Test func sortsByPositionKeepingTheOrderOfTies() {
        let a = Diagnostic(file: "f", line: 2, column: 1, message: "z")
        let b = Diagnostic(file: "f", line: 1, column: 9, message: "y")
        let c = Diagnostic(file: "f", line: 2, column: 1, message: "a")
        #expect([a, b, c].sortedByPosition() == [b, a, c])
    }
}
