import Foundation
import Testing
import UnrollCore
@testable import UnrollLessons

/// The shape functions (lesson 5) against the core computed directly, on the shipped shaped models, and their refusals.
@Suite struct ShapeFunctionsTests {
    static let lessons = (Fixtures.root as NSString).appendingPathComponent("lessons")
    static let models = ModelStore(lessonsDirectory: lessons)
    static let runner = SceneRunner(models: models)

    /// The scene of an inline one-step lesson on a shipped model.
    static func scene(model: String, input: String) throws -> SceneRun {
        let text = """
        ---
        title: T
        summary: S
        minutes: 5
        model: \(model)
        input: "\(input)"
        ---

        ## A
        """
        let l = try lesson(text)
        switch runner.run(l.steps[0].scene, file: "t.md") {
        case let .success(r): return r
        case let .failure(d): Issue.record("scene failed: \(d)"); throw d
        }
    }

    static func value(_ expression: String, on run: SceneRun) -> Result<CheckValue, CheckError> {
        switch Formula.parse(expression, at: .start, file: "t.md") {
        case let .success(f): return CheckEvaluator(run: run, functions: .standard, models: models).evaluate(f).map(\.value)
        case let .failure(d): return .failure(CheckError(d.message, at: (d.column - 1)..<d.column))
        }
    }

    static func number(_ expression: String, on run: SceneRun) throws -> Double {
        guard case let .number(x) = try value(expression, on: run).get() else { throw CheckError("\(expression) is not a number", at: 0..<1) }
        return x
    }

    static func shaped(_ name: String) throws -> RecurrentModel {
        try ModelFile.load(path: "\(lessons)/models/shapes/\(name).json")
    }

    @Test func everyShapeFunctionIsRegisteredAndDocumented() {
        for f in ShapeFunctions.all {
            #expect(CheckFunctions.standard.function(named: f.name) != nil, "\(f.name) is not registered")
            #expect(AuthorGuideTests.guide.contains("`\(f.name)("), "\(f.name) is not in lessons/README.md")
        }
    }

    @Test func bidirectionalValuesAreTheCores() throws {
        let run = try Self.scene(model: "dinner-voting", input: "? sushi waffles ? sushi")
        let m = try Self.shaped("dinner-both-ways")
        #expect(m.bidirectional && !m.isEncoderDecoder)
        let trace = m.forward(SequenceInput(tokens: [nil, 1, 2, nil, 1], inputSize: 3))
        #expect(try Self.value("shape_predicted(\"dinner-both-ways\", 1)", on: run).get() == .word("pizza"))
        #expect(try Self.number("shape_prob(\"dinner-both-ways\", 4, pizza)", on: run) == trace.probabilities(at: 4)[0])
        #expect(try Self.number("shape_prob(\"dinner-both-ways\", 4, 0)", on: run) == trace.probabilities(at: 4)[0])
        #expect(try Self.number("bidir_half_prob(\"dinner-both-ways\", forward, 1, pizza)", on: run)
                == m.halfProbabilities(trace, direction: .forward, at: 1)[0])
        #expect(try Self.number("bidir_half_prob(\"dinner-both-ways\", backward, 4, sushi)", on: run)
                == m.halfProbabilities(trace, direction: .reverse, at: 4)[1])
        #expect(try Self.number("param_count(\"dinner-both-ways\")", on: run) == 69)
        #expect(try Self.number("param_count()", on: run) == 36)
    }

    @Test func stackAndEncoderDecoderValuesAreTheCores() throws {
        let run = try Self.scene(model: "dinner-voting", input: "pizza sushi waffles pizza")
        let two = try Self.shaped("dinner-two-layers"), plan = try Self.shaped("dinner-plan")
        #expect(two.numLayers == 2 && !two.isEncoderDecoder && plan.isEncoderDecoder)
        let input = SequenceInput(tokens: [0, 1, 2, 0], inputSize: 3)
        let trace = two.forward(input)
        #expect(try Self.number("stack_hidden(\"dinner-two-layers\", 1, 2, waffles)", on: run) == trace.hidden(layer: 1, at: 2)[2])
        #expect(try Self.number("stack_hidden(\"dinner-two-layers\", 0, 3, 0)", on: run) == run.trace.hidden(at: 3)[0])
        #expect(try Self.number("stack_hidden(\"dinner-two-layers\", 1, 0, 1)", on: run) == 0)
        #expect(try Self.value("shape_predicted(\"dinner-two-layers\", 4)", on: run).get() == .word(two.outputLabel(trace.predicted(at: 4))))
        let written = plan.generate(input, steps: 3)
        #expect(try Self.value("seq2seq(\"dinner-plan\", 3)", on: run).get() == .word(plan.outputLabel(written.predicted(at: 3))))
        #expect(try Self.number("seq2seq_prob(\"dinner-plan\", 2, waffles)", on: run) == plan.generate(input, steps: 2).probabilities(at: 2)[2])
        #expect(try Self.value("seq2seq(\"dinner-plan\", 1) == greedy(1)", on: run).get() == .bool(true))
        #expect(try Self.number("param_count(\"dinner-plan\")", on: run) == 48 + 12)
    }

    @Test(arguments: [
        ("shape_predicted(\"dinner-both-way\", 1)", "no model named 'dinner-both-way' in lessons/models/shapes/"),
        ("shape_predicted(\"../dinner-both-ways\", 1)", "must be the plain name"),
        ("shape_predicted(\"dinner-plan\", 1)", "use seq2seq"),
        ("seq2seq(\"dinner-two-layers\", 1)", "is not an encoder–decoder"),
        ("bidir_half_prob(\"dinner-two-layers\", forward, 1, pizza)", "is not bidirectional"),
        ("bidir_half_prob(\"dinner-both-ways\", sideways, 1, pizza)", "side should be forward or backward"),
        ("shape_predicted(\"dinner-both-ways\", 9)", "step 9 is outside 1…4"),
        ("shape_prob(\"dinner-both-ways\", 1, Doug)", "'Doug' is not one of the model's outputs"),
        ("stack_hidden(\"dinner-two-layers\", 2, 1, 0)", "layer 2 is outside 0…1"),
        ("stack_hidden(\"dinner-two-layers\", 0, 1, tofu)", "'tofu' names no hidden unit"),
        ("seq2seq(\"dinner-plan\", 65)", "k should be 1…64"),
    ])
    func badArgumentsAreRefused(_ expression: String, _ message: String) throws {
        let run = try Self.scene(model: "dinner-voting", input: "pizza sushi waffles pizza")
        switch Self.value(expression, on: run) {
        case let .success(v): Issue.record("\(expression) gave \(v)")
        case let .failure(e): #expect(e.message.contains(message), "\(expression): \(e.message)")
        }
    }

    /// A scene whose words the shaped model does not know is refused by word, not misread by position.
    @Test func foreignWordsAreRefused() throws {
        let run = try Self.scene(model: "book-rnn", input: "Doug saw Jane")
        switch Self.value("shape_predicted(\"dinner-both-ways\", 1)", on: run) {
        case let .success(v): Issue.record("gave \(v)")
        case let .failure(e): #expect(e.message.contains("the scene's word 'Doug' is not in the model's vocabulary"), "\(e.message)")
        }
    }
}
