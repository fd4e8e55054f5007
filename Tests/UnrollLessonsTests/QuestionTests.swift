import Testing
@testable import UnrollLessons

@Suite struct QuestionTests {
    func question(_ yaml: String, scene: String = "") throws -> (Question, CheckEvaluator) {
        let l = try lesson(doc("## A\n\(scene)```question\n\(yaml)\n```\n"))
        let q = try #require(l.steps[0].questions.first)
        return (q, CheckEvaluator(run: try run(l.steps[0].scene)))
    }

    @Test func aChoiceAnswerIsTheMatchingChoice() throws {
        let (q, evaluator) = try question("prompt: Next?\nchoices: [Doug, Jane, Spot]\nanswer: predicted@6\nexplanation: E")
        let computed = try q.computeAnswer(with: evaluator).get()
        #expect(computed.value == .word("Jane"))
        #expect(computed.choice == 1)
        #expect(computed.text == "Jane")
        #expect(computed.observations.map(\.text) == ["predicted@6"])
        #expect(q.isCorrect(.choice(1), answer: computed))
        #expect(!q.isCorrect(.choice(0), answer: computed))
        #expect(q.text(of: .choice(2)) == "Spot")
    }

    @Test func numbersAndTruthMatchChoices() throws {
        let (q, e) = try question("prompt: T?\nchoices: [\"5\", \"6.0\", \"7\"]\nanswer: steps\nexplanation: E")
        #expect(try q.computeAnswer(with: e).get().choice == 1)
        let (yes, e2) = try question("prompt: Sure?\nchoices: [Yes, No]\nanswer: probs@1[saw] > 0.9\nexplanation: E")
        #expect(try yes.computeAnswer(with: e2).get().choice == 0)
        #expect(Question.matches(.word("jane"), in: ["Doug", "Jane"]) == [1], "case-insensitive when nothing matches exactly")
        #expect(Question.matches(.vector([1]), in: ["1"]).isEmpty)
    }

    @Test func aRangeAnswerUsesTheTolerance() throws {
        let (q, e) = try question("prompt: P(Doug)?\nrange: [0, 1]\nanswer: probs@6[Doug]\nexplanation: E")
        let computed = try q.computeAnswer(with: e).get()
        guard case let .number(p) = computed.value else { Issue.record("not a number"); return }
        #expect(q.effectiveTolerance == 0.05)
        #expect(q.isCorrect(.number(0), answer: computed), "0 is within 0.05 of \(p)")
        #expect(!q.isCorrect(.number(0.2), answer: computed))
        let (tight, e2) = try question("prompt: P?\nrange: [0, 1]\ntolerance: 0.001\nanswer: probs@6[Doug]\nexplanation: E")
        #expect(!tight.isCorrect(.number(0), answer: try tight.computeAnswer(with: e2).get()))
    }

    @Test func answersTheCoreCannotGiveAreErrors() throws {
        let (notAmong, e) = try question("prompt: P\nchoices: [Doug, Spot]\nanswer: predicted@6\nexplanation: E")
        #expect(try #require(notAmong.computeAnswer(with: e).failure).message == "the computed answer 'Jane' is not among the choices (Doug, Spot)")
        let (outside, e2) = try question("prompt: P\nrange: [0.5, 1]\nanswer: probs@6[Doug]\nexplanation: E")
        #expect(try #require(outside.computeAnswer(with: e2).failure).message.contains("is outside the range [0.5, 1]"))
        let (word, e3) = try question("prompt: P\nrange: [0, 1]\nanswer: predicted@6\nexplanation: E")
        #expect(try #require(word.computeAnswer(with: e3).failure).message.contains("must be a number"))
        let (several, e4) = try question("prompt: P\nchoices: [\"6\", \"6.0\"]\nanswer: steps\nexplanation: E")
        #expect(try #require(several.computeAnswer(with: e4).failure).message.contains("matches several choices"))
        let (bad, e5) = try question("prompt: P\nchoices: [a, b]\nanswer: predicted@9\nexplanation: E")
        #expect(try #require(bad.computeAnswer(with: e5).failure).message.contains("step 9 is outside 1…6"))
    }
}
