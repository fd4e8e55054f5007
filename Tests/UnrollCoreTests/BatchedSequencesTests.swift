import Testing
@testable import UnrollCore

@Suite struct BatchedSequencesTests {
    /// B seeded sequences of T steps over I tokens, targets at some steps; `unknownAt` makes one
    /// step of the first sequence a dense vector (no token), so both input paths run.
    static func examples(count B: Int, steps T: Int, inputSize I: Int, outputs O: Int, seed: UInt64, dense: Bool) -> [Example] {
        var rng = SeededRandom(seed: seed)
        return (0..<B).map { b in
            var input = SequenceInput(tokens: (0..<T).map { _ in rng.below(I) }, inputSize: I)
            if dense && b == 0 && T > 1 {
                input.tokens?[1] = nil
                for j in 0..<I { input.values[I + j] = rng.uniform(-1, 1) }
            }
            let targets: [Int?] = (0..<T).map { s in s == T - 1 || rng.below(3) == 0 ? rng.below(O) : nil }
            return Example(input: input, targets: targets)
        }
    }

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * (1 + abs(b)) }

    /// The batch's summed gradient is the per-sequence BPTT summed, for every registered cell (the
    /// peephole LSTM's own tensors too), token and dense steps, a read-out at several steps.
    @Test(arguments: RecurrentCells.registered.map(\.identifier))
    func theSummedGradientEqualsThePerSequenceSum(cell identifier: String) throws {
        let cell = try #require(RecurrentCells.registered.first { $0.identifier == identifier })
        for (T, B, dense) in [(7, 5, true), (1, 3, false), (12, 9, false)] {
            var rng = SeededRandom(seed: UInt64(T * 31 + B))
            var model = RecurrentModel(cell: cell, inputSize: 6, hiddenSize: 5, outputSize: 4, hasHead: true)
            model.initialise(using: &rng)
            let exs = Self.examples(count: B, steps: T, inputSize: 6, outputs: 4, seed: UInt64(B), dense: dense)
            var expected = [Double](repeating: 0, count: model.layout.count)
            var losses: [Double] = []
            var predictions: [[Int?]] = []
            for ex in exs {
                let trace = model.forward(ex.input, targets: ex.targets)
                let g = model.backward(trace)
                for k in expected.indices { expected[k] += g.parameters[k] }
                losses.append(trace.totalLoss ?? 0)
                predictions.append((1...T).map { t in ex.targets[t - 1] == nil ? nil : trace.predicted(at: t) })
            }
            var batch = SequenceBatch(layout: model.layout)
            model.forward(exs, into: &batch)
            model.backward(&batch)
            #expect(batch.count == B && batch.steps == T)
            for k in expected.indices {
                #expect(Self.close(batch.gradient[k], expected[k]), "\(identifier) T=\(T) B=\(B) θ[\(k)]: \(batch.gradient[k]) vs \(expected[k])")
            }
            #expect(expected.contains { $0 != 0 })
            for b in 0..<B {
                #expect(Self.close(batch.losses[b], losses[b]))
                for t in 1...T where predictions[b][t - 1] != nil { #expect(batch.predicted(sequence: b, at: t) == predictions[b][t - 1]) }
            }
        }
    }

    /// The tanh, ReLU and sigmoid RNNs alike (the nonlinearity reaches the cell through the batch).
    @Test(arguments: [Nonlinearity.tanh, .relu, .sigmoid])
    func everyNonlinearityOfThePlainRNN(_ f: Nonlinearity) {
        var rng = SeededRandom(seed: 9)
        var model = RecurrentModel(kind: .rnn, inputSize: 4, hiddenSize: 6, outputSize: 4, nonlinearity: f)
        model.initialise(using: &rng)
        let exs = Self.examples(count: 4, steps: 6, inputSize: 4, outputs: 4, seed: 3, dense: false)
        var expected = [Double](repeating: 0, count: model.layout.count)
        for ex in exs {
            let g = model.backward(model.forward(ex.input, targets: ex.targets))
            for k in expected.indices { expected[k] += g.parameters[k] }
        }
        var batch = SequenceBatch(layout: model.layout)
        model.forward(exs, into: &batch)
        model.backward(&batch)
        #expect(zip(batch.gradient, expected).allSatisfy { Self.close($0, $1) })
    }

    /// Storage is reused across batches of other sizes: a second, smaller batch gives its own gradient.
    @Test func aBatchCanBeReusedAtAnotherSize() {
        var rng = SeededRandom(seed: 4)
        var model = RecurrentModel(kind: .lstm, inputSize: 5, hiddenSize: 4, outputSize: 5)
        model.initialise(using: &rng)
        var reused = SequenceBatch(layout: model.layout)
        model.forward(Self.examples(count: 8, steps: 9, inputSize: 5, outputs: 5, seed: 1, dense: false), into: &reused)
        model.backward(&reused)
        let small = Self.examples(count: 3, steps: 4, inputSize: 5, outputs: 5, seed: 2, dense: false)
        model.forward(small, into: &reused)
        model.backward(&reused)
        var fresh = SequenceBatch(layout: model.layout)
        model.forward(small, into: &fresh)
        model.backward(&fresh)
        #expect(reused.gradient == fresh.gradient && reused.losses == fresh.losses)
    }
}
