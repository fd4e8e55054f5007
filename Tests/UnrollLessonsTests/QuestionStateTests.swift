import Testing
@testable import UnrollLessons

@Suite struct QuestionStateTests {
    func state(_ yaml: String) throws -> (QuestionState, CheckEvaluator) {
        let l = try lesson(doc("## A\n```question\n\(yaml)\n```\n"))
        return (QuestionState(question: try #require(l.steps[0].questions.first)), CheckEvaluator(run: try run(l.steps[0].scene)))
    }

    @Test func choiceFlowAskedAnsweredRevealed() throws {
        var (s, evaluator) = try state("prompt: Next?\nchoices: [Doug, Jane, Spot]\nanswer: predicted@6\nexplanation: Not Doug.")
        #expect(s.phase == .asked)
        #expect(s.press("x") == .ignored)
        #expect(s.press("4") == .ignored, "only 3 choices")
        #expect(s.press("a") == .answered)
        #expect(s.phase == .answered(.choice(0)))
        #expect(s.press("b") == .ignored, "answered once")
        #expect(s.reveal(using: evaluator) == nil)
        let r = try #require(s.revealed)
        #expect(!r.correct, "a wrong answer is fine")
        #expect(r.answer.text == "Jane")
        #expect(r.explanation == "Not Doug.")
        #expect(s.record(step: 2, question: 0) == AnswerRecord(step: 2, question: 0, given: "Doug", correct: false))
        s.reset()
        #expect(s.phase == .asked)
        #expect(s.press("2") == .answered)
        s.reveal(using: evaluator)
        #expect(s.revealed?.correct == true)
    }

    @Test func numberFlowTypesThenAnswersOnEnter() throws {
        var (s, evaluator) = try state("prompt: P(Doug)?\nrange: [0, 1]\nanswer: probs@6[Doug]\nexplanation: E")
        #expect(s.press("\n") == .rejected, "nothing typed")
        for k in "0.0x1" { _ = s.press(k) }
        #expect(s.typed == "0.01")
        #expect(s.press("\u{7f}") == .edited)
        #expect(s.typed == "0.0")
        #expect(s.press("2") == .edited)
        #expect(s.press("\r") == .answered)
        #expect(s.phase == .answered(.number(0.02)))
        s.reveal(using: evaluator)
        #expect(s.revealed?.correct == true)
        #expect(s.record(step: 1, question: 0)?.given == "0.02")
    }

    @Test func malformedNumbersAreRejectedNotCrashes() throws {
        var (s, _) = try state("prompt: P\nrange: [0, 1]\nanswer: probs@6[Doug]\nexplanation: E")
        for k in "1e-" { _ = s.press(k) }
        #expect(s.press("\n") == .rejected)
        #expect(s.phase == .asked)
        for _ in 0..<40 { _ = s.press("9") }
        #expect(s.typed.count == 24)
    }

    @Test func revealWithoutAnAnswerDoesNothingAndChoiceKeysMap() throws {
        var (s, evaluator) = try state("prompt: P\nchoices: [a, b]\nanswer: '\"a\"'\nexplanation: E")
        s.reveal(using: evaluator)
        #expect(s.phase == .asked)
        s.answer(.choice(5))
        #expect(s.phase == .asked, "no such choice")
        s.answer(.choice(1))
        #expect(s.phase == .answered(.choice(1)))
        #expect(QuestionState.choiceIndex("1") == 0 && QuestionState.choiceIndex("9") == 8)
        #expect(QuestionState.choiceIndex("a") == 0 && QuestionState.choiceIndex("I") == 8)
        #expect(QuestionState.choiceIndex("0") == nil && QuestionState.choiceIndex("j") == nil)
    }
}
