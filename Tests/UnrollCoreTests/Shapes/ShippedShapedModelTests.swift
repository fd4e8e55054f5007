import Foundation
import Testing
@testable import UnrollCore

/// The hand-built shaped models lesson 5 uses, in `lessons/models/shapes/`: each file equals its recipe
/// (documented in `lessons/models/README.md`), and every number the lesson states is asserted here.
///
/// To rewrite the files from the recipes: `UNROLL_WRITE_SHAPED_MODELS=1 swift test --filter ShippedShapedModelTests`.
@Suite(.serialized) struct ShippedShapedModelTests {
    static let dishes = ["pizza", "sushi", "waffles"]
    static var directory: URL { ShippedModels.directory.appendingPathComponent("shapes") }

    static func load(_ name: String) throws -> RecurrentModel {
        try ModelFile.load(path: directory.appendingPathComponent("\(name).json").path)
    }

    static func stack(_ name: String) throws -> RecurrentModel {
        let m = try load(name)
        guard !m.isEncoderDecoder else { throw TokenError(message: "\(name) is not a stack") }
        return m
    }

    // MARK: Recipes (rows: today's dish pizza, sushi, waffles; columns: the dish voting)

    /// The dish itself: +3 for it, −3 against the others.
    static let itself: [Double] = [3, -3, -3, -3, 3, -3, -3, -3, 3]
    /// Dinner-voting's input votes: a dish votes +3 for the dish after it, −3 against the others.
    static let itsSuccessor: [Double] = [-3, -3, 3, 3, -3, -3, -3, 3, -3]
    /// Unit d gets `w` from the unit of the dish before d (the cycle run forward).
    static func fromPredecessor(_ w: Double) -> [Double] { [0, 0, w, w, 0, 0, 0, w, 0] }
    /// Unit d gets `w` from the unit of the dish after d (the cycle run backward).
    static func fromSuccessor(_ w: Double) -> [Double] { [0, w, 0, 0, 0, w, w, 0, 0] }
    static func identity(_ w: Double) -> [Double] { [w, 0, 0, 0, w, 0, 0, 0, w] }
    static let zeros = [Double](repeating: 0, count: 3)

    static func bothWays() -> RecurrentModel {
        var m = RecurrentModel(kind: .rnn, inputSize: 3, hiddenSize: 3, numLayers: 1, bidirectional: true, outputSize: 3, vocab: dishes)
        m.setTensor("weight_ih_l0", to: itself)
        m.setTensor("weight_hh_l0", to: fromPredecessor(2))
        m.setTensor("weight_ih_l0_reverse", to: itself)
        m.setTensor("weight_hh_l0_reverse", to: fromSuccessor(2))
        m.setTensor("head.weight", to: [2, 0, 0, 2, 0, 0,
                                        0, 2, 0, 0, 2, 0,
                                        0, 0, 2, 0, 0, 2])
        m.hiddenLabels = dishes
        m.name = "dinner, both ways"
        m.description = "A hand-built bidirectional RNN that fills in the dinners of days you were away. Each direction's units say what was eaten today: a known dinner votes +3 for itself and -3 against the others; the forward direction adds twice the dish after yesterday's, the reverse direction twice the dish before tomorrow's. The read-out adds both halves, doubled."
        return m
    }

    static func twoLayers() -> RecurrentModel {
        var m = RecurrentModel(kind: .rnn, inputSize: 3, hiddenSize: 3, numLayers: 2, outputSize: 3, vocab: dishes)
        m.setTensor("weight_ih_l0", to: itsSuccessor)
        m.setTensor("weight_hh_l0", to: fromPredecessor(2))
        m.setTensor("weight_ih_l1", to: fromPredecessor(3))
        m.setTensor("weight_hh_l1", to: fromPredecessor(2))
        m.setTensor("head.weight", to: identity(2))
        m.hiddenLabels = dishes
        m.name = "dinner, two layers"
        m.description = "A hand-built two-layer RNN. Layer 0 is the dinner voting network's layer (its units: tomorrow's dish); layer 1 never sees a dinner, only layer 0's states, and moves them one dish on (+3), with its own memory voting the same way (+2): its units, and the read-out, name the dish of the day after tomorrow."
        return m
    }

    static func plan() -> RecurrentModel {
        var m = RecurrentModel.encoderDecoder(kind: .rnn, inputSize: 3, decoderInputSize: 3, hiddenSize: 3, outputSize: 3,
                                              vocab: dishes, decoderVocab: dishes)
        m.setTensor("encoder.weight_ih_l0", to: itself)
        m.setTensor("encoder.weight_hh_l0", to: fromPredecessor(2))
        m.setTensor("decoder.weight_ih_l0", to: itsSuccessor)
        m.setTensor("decoder.weight_hh_l0", to: fromPredecessor(2))
        m.setTensor("head.weight", to: identity(2))
        m.encoder?.hiddenLabels = dishes
        m.hiddenLabels = dishes
        m.name = "dinner plan"
        m.description = "A hand-built encoder-decoder. The encoder reads the days you know and keeps today's dish (a dinner votes +3 for itself, memory twice for the dish after yesterday's); the decoder starts from that state and writes the coming days, each step fed its own last guess, with the dinner voting network's weights."
        return m
    }

    static let recipes: [(String, RecurrentModel)] = [
        ("dinner-both-ways", bothWays()), ("dinner-two-layers", twoLayers()), ("dinner-plan", plan()),
    ]

    @Test func everyFileIsItsRecipe() throws {
        if ProcessInfo.processInfo.environment["UNROLL_WRITE_SHAPED_MODELS"] == "1" {
            try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
            for (name, model) in Self.recipes {
                try ModelFile.save(model, to: Self.directory.appendingPathComponent("\(name).json").path)
            }
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).filter { $0.hasSuffix(".json") }.sorted()
        #expect(files == Self.recipes.map { "\($0.0).json" }.sorted())
        for (name, model) in Self.recipes {
            #expect(try Self.load(name) == model, "\(name)")
        }
    }

    /// Day by day through a sequence of dish names and `?`.
    static func input(_ text: String) -> SequenceInput {
        SequenceInput(tokens: text.split(separator: " ").map { dishes.firstIndex(of: String($0)) }, inputSize: 3)
    }

    // MARK: dinner-both-ways

    @Test func bothWaysFillsInTheDaysYouWereAway() throws {
        let m = try Self.stack("dinner-both-ways")
        let run = m.forward(Self.input("? sushi waffles ? sushi"))
        #expect((1...5).map { Self.dishes[run.predicted(at: $0)] } == ["pizza", "sushi", "waffles", "pizza", "sushi"])
        // Day 1: only the backward half knows (the forward half has seen nothing yet).
        let p1 = run.probabilities(at: 1)[0]
        #expect(abs(p1 - 0.9594) < 5e-5)
        #expect(m.halfProbabilities(run, direction: .forward, at: 1).allSatisfy { abs($0 - 1.0 / 3) < 1e-12 })
        #expect(abs(m.halfProbabilities(run, direction: .reverse, at: 1)[0] - p1) < 1e-12)
        // Day 4: both halves say pizza, and together they are surer than either.
        let p4 = run.probabilities(at: 4)[0]
        let fwd4 = m.halfProbabilities(run, direction: .forward, at: 4)[0], bwd4 = m.halfProbabilities(run, direction: .reverse, at: 4)[0]
        #expect(abs(p4 - 0.9991) < 5e-5 && abs(fwd4 - 0.9594) < 5e-5 && abs(bwd4 - 0.9593) < 5e-5)
        #expect(p4 > max(fwd4, bwd4))
    }

    /// Any one day missing from a week, from any start: filled in with the right dish.
    @Test func bothWaysFillsAnyMissingDay() throws {
        let m = try Self.stack("dinner-both-ways")
        for start in 0..<3 {
            for away in 0..<7 {
                let week = (0..<7).map { Self.dishes[(start + $0) % 3] }
                var seen = week
                seen[away] = "?"
                let run = m.forward(Self.input(seen.joined(separator: " ")))
                for t in 1...7 {
                    #expect(Self.dishes[run.predicted(at: t)] == week[t - 1])
                    #expect(run.probabilities(at: t)[run.predicted(at: t)] > 0.95)
                }
            }
        }
    }

    /// When the two sides disagree (the cook broke the cycle) the network cannot pick: a tie.
    @Test func bothWaysTiesWhenTheSidesDisagree() throws {
        let m = try Self.stack("dinner-both-ways")
        let run = m.forward(Self.input("pizza ? pizza"))
        let p = run.probabilities(at: 2)
        #expect(abs(p[1] - p[2]) < 1e-12 && abs(p[1] - 0.4948) < 5e-5 && abs(p[0] - 0.0105) < 5e-5)
    }

    // MARK: dinner-two-layers

    @Test func twoLayersLookTwoDaysAhead() throws {
        let m = try Self.stack("dinner-two-layers")
        let voting = try ShippedModels.load("dinner-voting")
        for start in 0..<3 {
            let days = (0..<12).map { Self.dishes[(start + $0) % 3] }
            let input = Self.input(days.joined(separator: " "))
            let run = m.forward(input)
            for t in 1...12 {
                #expect(Self.dishes[run.predicted(at: t)] == Self.dishes[(start + t + 1) % 3])
                #expect(abs(run.probabilities(at: t)[run.predicted(at: t)] - (t == 1 ? 0.9640 : 0.9647)) < 5e-5)
            }
            // Layer 0 is the dinner voting network's layer: the same states, exactly.
            #expect(run.layer(0).hiddenStates == voting.forward(input).hiddenStates)
            // Layer 1 reads layer 0's states, not the dinners.
            #expect(run.layer(1).inputs == run.layer(0).hiddenStates)
        }
        let both = try Self.stack("dinner-both-ways")
        #expect(m.parameterCount == 60 && both.parameterCount == 69)
        let away = m.forward(Self.input("pizza ? ? ? sushi"))
        #expect((1...5).map { Self.dishes[away.predicted(at: $0)] } == ["waffles", "pizza", "sushi", "waffles", "pizza"])
    }

    // MARK: dinner-plan

    @Test func planWritesTheComingWeek() throws {
        let m = try Self.load("dinner-plan")
        guard m.isEncoderDecoder else { Issue.record("not an encoder-decoder"); return }
        for start in 0..<3 {
            let read = (0..<5).map { Self.dishes[(start + $0) % 3] }
            for text in [read.joined(separator: " "), (read.dropLast(2) + ["?", "?"]).joined(separator: " ")] {
                let run = m.generate(Self.input(text), steps: 7)
                for k in 1...7 {
                    #expect(Self.dishes[run.predicted(at: k)] == Self.dishes[(start + 4 + k) % 3], "\(text) day \(k)")
                    #expect(run.probabilities(at: k)[run.predicted(at: k)] > 0.95)
                }
            }
        }
        let run = m.generate(Self.input("pizza sushi waffles pizza sushi waffles pizza"), steps: 3)
        #expect(run.tokens == [nil, 1, 2])
        #expect(abs(run.probabilities(at: 1)[1] - 0.9594) < 5e-5)
    }
}
