import Testing
import UnrollCore
@testable import UnrollLessons

@Suite struct CheckEvaluatorTests {
    /// The trained book LSTM on "Jane saw Spot . Doug saw" with its true next words as targets.
    static let withTargets = doc("""
    ## A
    ```scene
    targets: saw Spot . Doug saw Jane
    ```
    """)

    func value(_ expression: String, _ text: String = CheckEvaluatorTests.withTargets) throws -> CheckValue {
        try evaluate(expression, on: try run(text)).get()
    }

    func failure(_ expression: String, _ text: String = CheckEvaluatorTests.withTargets) throws -> CheckError {
        switch evaluate(expression, on: try run(text)) {
        case let .success(v): Issue.record("'\(expression)' gave \(v)"); throw CheckError("no error", at: 0..<0)
        case let .failure(e): return e
        }
    }

    @Test func readsEveryQuantityFromTheCore() throws {
        let r = try run(Self.withTargets)
        let trace = r.trace
        let model = r.model
        #expect(try value("predicted@6") == .word("Jane"))
        #expect(try value("token@5") == .word("Doug"))
        #expect(try value("target@6") == .word("Jane"))
        #expect(try value("steps") == .number(6))
        #expect(try value("probs@6[Doug]") == .number(trace.probabilities(at: 6)[0]))
        #expect(try value("probs@6[0]") == .number(trace.probabilities(at: 6)[0]))
        #expect(try value("logits@2[Spot]") == .number(trace.logits(at: 2)[2]))
        #expect(try value("probs@3") == .vector(trace.probabilities(at: 3)))
        #expect(try value("hidden@4[2]") == .number(trace.hidden(at: 4)[2]))
        #expect(try value("hidden@0") == .vector([Double](repeating: 0, count: model.hiddenSize)))
        #expect(try value("cell@5[7]") == .number(trace.cell(at: 5)?[7] ?? .nan))
        #expect(try value("forget@6[3]") == .number(trace.gate(.forget, at: 6)?[3] ?? .nan))
        #expect(try value("input@1") == .vector(trace.gate(.input, at: 1) ?? []))
        #expect(try value("candidate@2[0]") == .number(trace.gate(.candidate, at: 2)?[0] ?? .nan))
        #expect(try value("output@3[1]") == .number(trace.gate(.output, at: 3)?[1] ?? .nan))
        #expect(try value("loss@2") == .number(trace.loss(at: 2) ?? .nan))
        #expect(try value("loss") == .number(trace.totalLoss ?? .nan))
        #expect(try value("accuracy") == .number(4.0 / 6.0))
        let g = try #require(r.gradients)
        #expect(try value("grad_h@3[1]") == .number(g.hidden(at: 3)[1]))
        #expect(try value("grad_c@2[0]") == .number(g.cell(at: 2)?[0] ?? .nan))
        let norm = g.hidden(at: 1).reduce(0) { $0 + $1 * $1 }.squareRoot()
        #expect(try value("grad_norm@1") == .number(norm))
        #expect(try value("norm(grad_h@1) == grad_norm@1") == .bool(true))
    }

    @Test func evaluatesTheIssueExamples() throws {
        #expect(try value("predicted@5 == saw") == .bool(true))
        #expect(try value("probs@6[Doug] < 0.05") == .bool(true))
        #expect(try value("loss < 1.2") == .bool(false))
        #expect(try value("grad_norm@3 < grad_norm@6") == .bool(true))
        #expect(try value("mean(forget@6) > 0.4 and not (steps != 6)") == .bool(true))
        #expect(try value("loss@(steps - 1) < loss@steps") == .bool(true))
        #expect(try value("2 * 3 - 4 / 2 == 4") == .bool(true))
        #expect(try value("-probs@1[saw] < -0.9") == .bool(true))
        #expect(try value("0.1 + 0.2 == 0.3") == .bool(true), "== on numbers is within 1e-9")
    }

    @Test func freeReadsTheUnclampedRun() throws {
        let text = doc("## A\n```scene\nclamps: [forget=0@5..6]\n```\n")
        let r = try run(text)
        #expect(r.freeTrace != nil)
        let clamped = try value("probs@6[Doug]", text)
        let free = try value("free.probs@6[Doug]", text)
        #expect(clamped != free)
        #expect(try value("forget@5[0] == 0 and free.forget@5[0] > 0.9", text) == .bool(true))
        // Without clamps, free. reads the same run.
        #expect(try value("free.probs@6[Doug] == probs@6[Doug]") == .bool(true))
    }

    @Test func observationsShowWhatTheCheckSaw() throws {
        let r = try run(Self.withTargets)
        let formula = try Formula.parse("probs@6[Doug] > 0.5 and abs(loss@6) > 0", at: .start, file: "t.md").get()
        let outcome = CheckEvaluator(run: r).check(formula)
        guard case let .failed(observations) = outcome else { Issue.record("\(outcome)"); return }
        #expect(observations.map(\.text) == ["probs@6[Doug]", "loss@6", "abs(loss@6)"])
        let message = CheckOutcome.failureMessage(formula, observations)
        #expect(message.hasPrefix("check failed: probs@6[Doug] > 0.5 and abs(loss@6) > 0 (probs@6[Doug] = 0.005"))
    }

    @Test func aCheckMustBeTrueOrFalse() throws {
        let r = try run(Self.withTargets)
        let formula = try Formula.parse("probs@6[Doug]", at: .start, file: "t.md").get()
        guard case let .invalid(e) = CheckEvaluator(run: r).check(formula) else { Issue.record("should be invalid"); return }
        #expect(e.message.contains("must be true or false"))
    }

    static let errors: [(String, String, Int)] = [
        ("predicted@7 == saw", "step 7 is outside 1…6", 10),
        ("hidden@7[0] > 0", "step 7 is outside 0…6", 7),
        ("predicted@0 == saw", "outside 1…6", 10),
        ("predicted@5 == sawx", "'sawx' is not in the vocabulary of book-lstm-trained (Doug Jane Spot saw .) (did you mean 'saw'?)", 15),
        ("probs@6[Dug] < 1", "'Dug' is not in the vocabulary", 8),
        ("probs@6[5] < 1", "class 5 is outside 0…4", 8),
        ("hidden@6[8] > 0", "unit 8 is outside 0…7", 9),
        ("hidden@6[memory] > 0", "no hidden unit labelled 'memory'", 9),
        ("reset@2[0] > 0", "a LSTM has no reset gate", 0),
        ("predicted@5 == 3", "cannot compare 'predicted@5' (a word) with '3' (a number)", 0),
        ("predicted@5 < 3", "'<' compares numbers; 'predicted@5' is a word", 0),
        ("forget@3 < 0.1", "'forget@3' is a vector of 8 values: index it", 0),
        ("hidden@3 + 1 > 0", "'+' needs numbers", 0),
        ("1 / (steps - 6) > 0", "division by zero", 4),
        ("steps and 1", "'and' joins true/false conditions", 0),
        ("not steps", "'not' needs true or false", 4),
        ("-saw < 0", "'-' needs a number", 1),
        ("predicted@(1.5) == saw", "whole number", 10),
        ("nosuch(1) > 0", "unknown function 'nosuch'", 0),
        ("maks(1) > 0", "(did you mean 'max'?)", 0),
        ("abs(1, 2) > 0", "abs takes 1 argument, not 2", 0),
        ("abs(saw) > 0", "argument 1 of abs should be a number, not a word", 4),
        ("sqrt(-1) > 0", "sqrt of a negative number", 5),
    ]

    @Test(arguments: errors.indices)
    func errorsAreLocatedNeverCrashes(_ k: Int) throws {
        let (expression, fragment, offset) = Self.errors[k]
        let e = try failure(expression)
        #expect(e.message.contains(fragment), "\(expression): \(e.message)")
        #expect(e.range.lowerBound == offset, "\(expression): \(e.range)")
    }

    @Test func gradientsAndLossNeedTargets() throws {
        // One word: the next-word policy gives no target, so there is no loss.
        let plain = doc("## A\n```scene\ninput: Jane\n```\n")
        #expect(try failure("grad_norm@1 > 0", plain).message.contains("needs targets"))
        #expect(try failure("grad_h@1[0] > 0", plain).message.contains("needs targets"))
        #expect(try failure("loss > 0", plain).message.contains("needs targets"))
        #expect(try failure("accuracy > 0", plain).message.contains("needs targets"))
        let partial = doc("## A\n```scene\ntargets: saw ? . Doug saw ?\n```\n")
        #expect(try failure("loss@2 > 0", partial).message.contains("step 2 has no target"))
        #expect(try value("target@2 == \"?\"", partial) == .bool(true))
        #expect(try value("accuracy", partial) == .number(0.75), "steps 1, 3, 4, 5 have targets; step 4 is missed")
    }

    @Test func unknownTokensAreQuestionMarks() throws {
        let text = doc("## A\n```scene\ninput: Jane ? Spot\n```\n")
        #expect(try value("token@2 == \"?\"", text) == .bool(true))
        #expect(try value("token@2 == '?' and token@3 == Spot", text) == .bool(true))
    }

    @Test func gatesOfOtherCells() throws {
        let rnn = """
        ---
        title: T
        summary: S
        minutes: 1
        model: dinner-rnn
        input: pizza sushi
        ---
        ## A
        """
        #expect(try failure("forget@1[0] > 0", rnn).message.contains("a RNN has no forget gate (it has no gates)"))
        #expect(try failure("cell@1[0] > 0", rnn).message.contains("no cell state"))
        #expect(try value("predicted@1 == pizza or predicted@1 != pizza", rnn) == .bool(true))
    }
}
