import Testing
@testable import UnrollCore

@Suite struct RunTests {
    static func book() throws -> RecurrentModel { try Fixtures.model("book-lstm.model.json") }

    @Test func theTargetPolicyIsTheNextWord() throws {
        let model = try Self.book()
        let input = try model.parseInput("Jane saw Spot . Doug saw")
        let run = Run(model: model, input: input)
        #expect(run.targets == Array(input.tokens?.dropFirst() ?? []) + [nil])
        #expect(run.hasTargets)
        #expect(run.shown.totalLoss != nil)
        #expect(run.gradients?.parameters == model.backward(model.forward(input, targets: run.targets), recordStepShares: true).parameters, "a small run records step shares")
        let one = Run(model: model, input: try model.parseInput("Jane"))
        #expect(one.targets == nil && one.gradients == nil, "one word: no next word, no target")
    }

    @Test func givenTargetsArePaddedToTheInput() throws {
        let model = try Self.book()
        let input = try model.parseInput("Jane saw Spot")
        let run = Run(model: model, input: input, targets: .given([3]))
        #expect(run.targets == [3, nil, nil])
        #expect(run.shown.loss(at: 1) != nil && run.shown.loss(at: 2) == nil)
    }

    @Test func clampsGiveAClampedRunBesideTheFreeOne() throws {
        let model = try Self.book()
        let input = try model.parseInput("Jane saw Spot . Doug saw")
        let clamp = try Clamp.parse("output=0", cell: model.cell, hiddenSize: model.hiddenSize)
        let run = Run(model: model, input: input, clamps: [clamp])
        let clamped = try #require(run.clamped)
        #expect(run.shown.hiddenStates == clamped.hiddenStates)
        #expect(clamped.hidden(at: 3) == [Double](repeating: 0, count: model.hiddenSize))
        #expect(run.free.hiddenStates == model.forward(input, targets: run.targets).hiddenStates)
        #expect(run.freeGradients?.parameters != run.clampedGradients?.parameters)
        #expect(run.gradients?.parameters == run.clampedGradients?.parameters)
        #expect(run.with(clamps: []).clamped == nil)
    }

    @Test func unknownStepsCanBeFedThePredictionBeforeThem() throws {
        let model = try Fixtures.model("dinner-rnn.model.json")
        let input = try model.parseInput("pizza sushi ? ? waffles pizza")
        let plain = Run(model: model, input: input)
        #expect(plain.canFeedOwnPredictions)
        #expect(plain.fedTokens.isEmpty)
        let fed = plain.with(feedOwnPredictions: true)
        #expect(fed.feedsOwnPredictions)
        #expect(fed.fedTokens[2] == plain.free.predicted(at: 2))
        #expect(fed.fedTokens[0] == nil && fed.fedTokens[1] == nil && fed.fedTokens[4] == nil)
        #expect(fed.free.hiddenStates != plain.free.hiddenStates)
    }

    @Test func stepSharesAreRecordedWhenAsked() throws {
        let model = try Self.book()
        let run = Run(model: model, input: try model.parseInput("Jane saw Spot"), recordStepShares: false)
        #expect(run.gradients?.stepShares == nil)
        #expect(run.recordingStepShares().gradients?.stepShares != nil)
    }
}
