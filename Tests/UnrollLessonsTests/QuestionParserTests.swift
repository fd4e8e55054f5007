import Testing
@testable import UnrollLessons

@Suite struct QuestionParserTests {
    @Test func readsChoicesRangeAndLocatesTheAnswer() throws {
        let l = try lesson(doc("""
        ## A
        ```question
        prompt: Who?
        choices:
          - Doug
          - " Jane "
        answer: predicted@6
        explanation: |
          Because.
        ```
        ```question
        prompt: How much?
        range: [0, 2.5]
        tolerance: 0.1
        answer: 'loss@6 * 1'
        explanation: E
        ```
        """))
        let (a, b) = (l.steps[0].questions[0], l.steps[0].questions[1])
        #expect(a.prompt == "Who?")
        #expect(a.kind == .choices(["Doug", "Jane"]))
        #expect(a.answer.text == "predicted@6")
        #expect(a.answer.location == SourcePosition(line: 14, column: 9))
        #expect(a.explanation == "Because.")
        #expect(a.location == SourcePosition(line: 9, column: 1))
        #expect(b.kind == .range(low: 0, high: 2.5))
        #expect(b.tolerance == 0.1 && b.effectiveTolerance == 0.1)
        #expect(b.answer.text == "loss@6 * 1")
        #expect(b.answer.location == SourcePosition(line: 22, column: 10), "inside the quotes")
    }

    @Test func anUnparsableAnswerIsLocatedInsideTheBlock() {
        let d = firstError(doc("## A\n```question\nprompt: P\nrange: [0, 1]\nanswer: probs@6[Doug] <\nexplanation: E\n```\n"))
        #expect(d?.position == "12:24")
    }
}
