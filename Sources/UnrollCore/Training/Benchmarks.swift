import Foundation

/// Speed measurements of the core, for `unroll bench` and the README's performance section.
public enum Benchmarks {
    /// The most book epochs per cell (`bench --epochs`).
    public static let maxEpochs = 100_000
    /// The most repetitions of a timed pass (`bench --repeats`): one stored time each.
    public static let maxRepeats = 10_000
    /// One figure.
    public struct Result: Sendable {
        public let name: String
        /// Microseconds or milliseconds, as `unit` says.
        public let value: Double
        public let unit: String

        public init(name: String, value: Double, unit: String) {
            self.name = name
            self.value = value
            self.unit = unit
        }
    }

    /// Per-token-step training time on the book task (LSTM, GRU, RNN at H=8) and the median time of
    /// one forward + BPTT pass over T=1000 at H=32 for each cell; then the gradient lab's figures:
    /// the median time to recompute the vanishing screen after a W-scale key (H=32, T=100, each cell;
    /// goal ≤ 10 ms for the RNN) and, when `race` is true, the wall time of the default memory race
    /// (3 cells × 6 delays on every core; goal ≤ 6 s on two).
    public static func run(epochs: Int, repeats: Int, race: Bool = true) -> [Result] {
        var out: [Result] = []
        for cell in [CellKind.lstm, .gru, .rnn] {
            let config = TrainingConfig(epochs: epochs, optimizer: .adam, learningRate: 0.02)
            let report = TrainTask.book.run(.init(cell: cell, hidden: 8, config: config, seed: 1))
            let micros = report.seconds * 1e6 / Double(epochs * report.stepsPerEpoch)
            out.append(Result(name: "book \(cell.rawValue) H=8 train", value: micros, unit: "µs/token-step"))
        }
        let clock = ContinuousClock()
        for cell in [CellKind.lstm, .gru, .rnn] {
            var rng = SeededRandom(seed: 7)
            var model = RecurrentModel(kind: cell, inputSize: 5, hiddenSize: 32, outputSize: 5, hasHead: true)
            model.initialise(using: &rng)
            let tokens: [Int?] = (0..<1000).map { _ in rng.below(5) }
            let input = SequenceInput(tokens: tokens, inputSize: 5)
            let targets: [Int?] = (0..<1000).map { _ in rng.below(5) }
            var trace = Trace(layout: model.layout, nonlinearity: model.nonlinearity)
            var grads = Gradients(layout: model.layout)
            var times: [Double] = []
            for _ in 0..<repeats {
                let start = clock.now
                model.forward(input, targets: targets, into: &trace)
                model.backward(trace, into: &grads)
                let d = clock.now - start
                times.append(Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) * 1e-15)
            }
            times.sort()
            out.append(Result(name: "T=1000 H=32 \(cell.rawValue) fwd+BPTT", value: times[times.count / 2], unit: "ms"))
        }
        out += analysisBenchmarks(repeats: repeats, race: race)
        out.append(modelFileBenchmark())
        return out
    }

    /// Reading a model file of about 50 MB (an LSTM, H=760, I=20, written by `ModelFile.save`'s encoder):
    /// the best of three `ModelFile.decode` runs (parse and validation), in MB/s. Goal ≥ 50 MB/s.
    public static func modelFileBenchmark() -> Result {
        var rng = SeededRandom(seed: 5)
        var model = RecurrentModel(kind: .lstm, inputSize: 20, hiddenSize: 760, hasHead: false)
        model.initialise(using: &rng)
        let data = Data((ModelFile.encode(model).serialized(indent: 1) + "\n").utf8)
        let clock = ContinuousClock()
        var best = Double.infinity
        for _ in 0..<3 {
            let start = clock.now
            guard (try? ModelFile.decode(data, file: "bench.json")) != nil else { return Result(name: "read 50 MB model file", value: 0, unit: "MB/s (failed)") }
            let d = clock.now - start
            best = min(best, Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
        }
        return Result(name: "read \(data.count / 1_000_000) MB model file", value: Double(data.count) / 1e6 / best, unit: "MB/s")
    }
}

extension Benchmarks {
    /// The gradient lab: one vanishing-screen recomputation per W-scale key (squash series,
    /// eigenvalues, power series, gradient against distance) at H=32, T=100, and the default race.
    static func analysisBenchmarks(repeats: Int, race: Bool) -> [Result] {
        var out: [Result] = []
        let clock = ContinuousClock()
        func milliseconds(_ d: Duration) -> Double {
            Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) * 1e-15
        }
        for cell in [CellKind.rnn, .lstm, .gru] {
            let model = RecurrentModel.analysisModel(kind: cell, inputSize: 8, hiddenSize: 32, seed: 1)
            var lab = VanishingLab(model: model, input: randomTokenInput(steps: 100, inputSize: 8, seed: 2))
            var times: [Double] = []
            for k in 0..<max(repeats, 11) {
                let start = clock.now
                lab.update(scale: k % 2 == 0 ? 1.1 : 1 / 1.1)
                times.append(milliseconds(clock.now - start))
            }
            times.sort()
            out.append(Result(name: "vanishing screen H=32 T=100 \(cell.rawValue)", value: times[times.count / 2], unit: "ms"))
        }
        if race {
            let report = MemoryRaceRunner.run(MemoryRaceRunner.Configuration(threads: MemoryRaceRunner.Configuration.allCores))
            out.append(Result(name: "memory race 3 cells x 6 delays", value: report.seconds, unit: "s"))
        }
        return out
    }
}
