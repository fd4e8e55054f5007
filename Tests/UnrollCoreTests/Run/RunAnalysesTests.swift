import Testing
@testable import UnrollCore

@Suite struct RunAnalysesTests {
    static func run() throws -> Run {
        let model = try Fixtures.model("book-lstm.model.json")
        return Run(model: model, input: try model.parseInput("Jane saw Spot . Doug saw"))
    }

    @Test func finiteDifferencesAgreeWithBackprop() throws {
        let run = try Self.run()
        let g = try #require(run.gradients)
        let k = try #require(run.model.layout.tensor(named: "weight_hh_l0")).offset + 3
        let fd = try #require(run.finiteDifferenceGradient(parameter: k))
        #expect(abs(fd - g.parameters[k]) < 1e-6 * max(1, abs(g.parameters[k])))
        let none = Run(model: run.model, input: try run.model.parseInput("Jane"))
        #expect(none.finiteDifferenceGradient(parameter: k) == nil, "no targets, nothing to differentiate")
    }

    @Test func oneStepOfTheCellIsTheUnrolledStep() throws {
        let run = try Self.run()
        for t in 1...run.steps { #expect(run.oneStepGap(at: t) < 1e-12) }
    }

    @Test func stepSharesSumToOneAndGreedyFeedsItself() throws {
        let run = try Self.run()
        let shares = (1...run.steps).compactMap { run.stepShare(tensor: "weight_hh_l0", at: $0) }
        #expect(shares.count == run.steps)
        #expect(abs(shares.reduce(0, +) - 1) < 1e-9)
        #expect(run.stepShare(tensor: "nope", at: 1) == nil)
        let written = try #require(run.greedyContinuation(3))
        #expect(written.count == 3)
        let first = run.model.forward(run.input).predicted(at: run.steps)
        #expect(written[0] == first)
    }

    @Test func gradientNormsAreTheStepNorms() throws {
        let run = try Self.run()
        let g = try #require(run.gradients)
        let norms = g.hiddenNorms(steps: run.steps)
        for t in 1...run.steps { #expect(abs(norms[t - 1] - g.hidden(at: t).reduce(0) { $0 + $1 * $1 }.squareRoot()) < 1e-15) }
        #expect(g.cellNorms(steps: run.steps)?.count == run.steps)
        let rnn = try Fixtures.model("dinner-rnn.model.json")
        let plain = Run(model: rnn, input: try rnn.parseInput("pizza sushi waffles"))
        #expect(plain.gradients?.cellNorms(steps: 3) == nil, "an Elman RNN has no cell state")
    }

    @Test func theToyLoopSquashesOrExplodes() {
        let tanh = ToyLoop(function: .tanh, weight: 2, steps: 30)
        #expect(tanh.values.count == 30 && !tanh.explodes)
        #expect(tanh.values.allSatisfy { abs($0) < 1 })
        let linear = ToyLoop(function: nil, weight: 2, steps: 10)
        #expect(linear.explodes)
        #expect(linear.values.last == 1023, "s_t = 2ᵗ − 1")
    }
}
