import ArgumentParser
import Foundation
import UnrollCore
import UnrollTUI

extension AnalyzeCommand {
    /// `unroll analyze race`: the memory race, accuracy against delay for each cell.
    struct Race: ParsableCommand, DocumentedExamples {
        static let examples = ["unroll analyze race --delays 2,5,10 --steps 300 --hidden 16 --seed 0 --json",
                               "unroll analyze race --cells lstm --delays 10,20 --steps 200 --forget-bias 1"]

        static let configuration = CommandConfiguration(
            commandName: "race",
            abstract: "The memory race: train RNN, LSTM and GRU to recall the first token after N distractors; accuracy against N.",
            discussion: """
            Each run is `unroll train race` with the same seed and budget: Adam, one batch per step, the loss on the
            recall step only, accuracy on 512 held-out sequences. Progress goes to standard error.
            \(CommandExamples.text(examples))
            """
        )

        @Option(parsing: .upToNextOption, help: "Delays N, e.g. --delays 2 5 10 (or 2,5,10).")
        var delays: [String] = MemoryRaceRunner.Configuration.defaultDelays.map(String.init)

        @Option(parsing: .upToNextOption, help: "Cells, e.g. --cells rnn lstm (or rnn,lstm).")
        var cells: [String] = CellKind.allCases.map(\.rawValue)

        @Option(help: "Hidden size H (the same for every cell).")
        var hidden: Int = 16

        @Option(help: "Adam steps per run, one batch each.")
        var steps: Int = 1500

        @Option(help: "Sequences per batch.")
        var batch: Int = 32

        @Option(help: "Learning rate.")
        var lr: Double = 0.01

        @Option(help: "Random seed (initial weights, batches, held-out set).")
        var seed: UInt64 = 0

        @Option(help: "The RNN's squashing function: tanh or relu.")
        var function: Squash = .tanh

        @Option(help: "Clip the gradient norm to this before each update.")
        var clip: Double?

        @Option(name: .customLong("forget-bias"), help: "Start the LSTM's forget-gate bias at this value (b_ih + b_hh; e.g. 1).")
        var forgetBias: Double?

        @Option(help: "Runs trained at once (default: one per core); the results do not depend on it.")
        var threads: Int?

        @Flag(help: "No progress on standard error.")
        var quiet = false

        @Flag(help: "Print one JSON object instead of a table.")
        var json = false

        func validate() throws {
            let delayList = try AnalyzeCommand.integerList(delays, option: "--delays", range: 0...10_000)
            _ = try parsedCells()
            if hidden < 1 || hidden > 256 { throw ValidationError("--hidden must be 1…256, got \(hidden)") }
            let limits = MemoryRaceRunner.Configuration.self
            if steps < 1 || steps > limits.maxSteps { throw ValidationError("--steps must be 1…\(limits.maxSteps), got \(steps)") }
            if batch < 1 || batch > limits.maxBatchSize { throw ValidationError("--batch must be 1…\(limits.maxBatchSize), got \(batch)") }
            let longest = (delayList.max() ?? 0) + 2
            if hidden * longest > TrainingConfig.maxTraceCells {
                throw ValidationError("--hidden × (longest delay + 2) must be at most \(TrainingConfig.maxTraceCells), got \(hidden) × \(longest)")
            }
            if batch * longest > limits.maxBatchTokenSteps {
                throw ValidationError("--batch × (longest delay + 2) must be at most \(limits.maxBatchTokenSteps) token steps, got \(batch) × \(longest)")
            }
            if !(lr > 0 && lr.isFinite) { throw ValidationError("--lr must be a positive number") }
            if function == .sigmoid { throw ValidationError("--function: the race's RNN runs tanh or relu") }
            if let clip, !(clip > 0 && clip.isFinite) { throw ValidationError("--clip must be a positive number") }
            if let forgetBias, !forgetBias.isFinite || abs(forgetBias) > 100 { throw ValidationError("--forget-bias must be a number in -100…100") }
            if let threads, threads < 1 || threads > 256 { throw ValidationError("--threads must be 1…256, got \(threads)") }
        }

        func parsedCells() throws -> [CellKind] {
            let parts = AnalyzeCommand.listItems(cells)
            if parts.allSatisfy(\.isEmpty) { throw ValidationError("--cells is empty (expected some of rnn, lstm, gru, comma-separated)") }
            return try parts.map { part in
                guard let c = CellKind(rawValue: part) else {
                    throw ValidationError("--cells: '\(part)' is not rnn, lstm or gru")
                }
                return c
            }
        }

        func run() throws {
            let config = MemoryRaceRunner.Configuration(
                cells: try parsedCells(), delays: try AnalyzeCommand.integerList(delays, option: "--delays", range: 0...10_000),
                hiddenSize: hidden, steps: steps, batchSize: batch, learningRate: lr, seed: seed,
                nonlinearity: function == .relu ? .relu : .tanh, clipNorm: clip, forgetBias: forgetBias,
                threads: threads ?? MemoryRaceRunner.Configuration.allCores)
            var reported = 0
            var lastTenth = -1
            let report = MemoryRaceRunner.run(config, progress: quiet ? nil : { p in
                let tenth = Int(p.fractionDone * 10)
                if p.finished.count > reported {
                    for r in p.finished[reported...] {
                        AnalyzeCommand.progressLine("\(r.cell.rawValue) N=\(r.delay): accuracy \(NumberFormat.fixed(r.accuracy, decimals: 3)) (\(NumberFormat.fixed(r.seconds, decimals: 1)) s)")
                    }
                    reported = p.finished.count
                }
                if tenth > lastTenth {
                    lastTenth = tenth
                    AnalyzeCommand.progressLine("\(tenth * 10)% — training \(p.cell.rawValue) at N=\(p.delay)")
                }
            })
            if !quiet, let last = report.results.last, report.results.count > reported {
                AnalyzeCommand.progressLine("\(last.cell.rawValue) N=\(last.delay): accuracy \(NumberFormat.fixed(last.accuracy, decimals: 3)) (\(NumberFormat.fixed(last.seconds, decimals: 1)) s)")
            }
            if json {
                AnalyzeCommand.emit(report.json)
                return
            }
            let bias = forgetBias.map { ", LSTM forget bias \($0)" } ?? ""
            print("memory race: H=\(hidden), \(steps) Adam steps of batch \(batch), lr \(lr), seed \(seed)\(bias); held-out accuracy (chance 0.25)")
            print(AnalyzeCommand.left("N", 7) + config.cells.map { AnalyzeCommand.left($0.displayName, 9) }.joined())
            for d in config.delays {
                print(AnalyzeCommand.left("\(d)", 7) + config.cells.map { c in
                    AnalyzeCommand.left(report.accuracy(cell: c, delay: d).map { NumberFormat.fixed($0, decimals: 3) } ?? "-", 9)
                }.joined())
            }
            print("wall time \(NumberFormat.fixed(report.seconds, decimals: 1)) s")
        }
    }

    /// One line on standard error.
    static func progressLine(_ s: String) {
        FileHandle.standardError.write(Data((s + "\n").utf8))
    }
}
