import ArgumentParser
import Foundation
import UnrollCore


/// `unroll train`: trains a seeded model on a built-in task or the user's own data and prints one JSON object.
struct TrainCommand: ParsableCommand, DocumentedExamples {
    static let examples = ["unroll train book --cell lstm --hidden 8 --epochs 800 --lr 0.02 --seed 0 --out book.json"] + ownDataExamples

    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a seeded model on a built-in task (dinner, book, race) or your own data (wave, csv, text) and print a JSON summary.",
        discussion: """
        book: each epoch is a fresh seeded story of 50 sentences (199 next-token steps), full BPTT, one update;
        accuracy and subject_after_saw are measured on a held-out story. dinner: the pizza → sushi → waffles cycle.
        race: recall the first of N+2 tokens after N distractors (--delay), batches of 32.
        \(ownDataDiscussion)
        \(CommandExamples.text(examples))
        """
    )

    @Argument(help: "The task: dinner, book, race, wave, csv or text.")
    var task: TrainTaskName

    @OptionGroup(title: "Your own data") var data: OwnDataOptions

    @Option(help: "The cell: rnn, lstm or gru.")
    var cell: CellKind = LSTMCell().kind

    @Option(help: "Hidden size H (default: dinner 4, book 8, race 16).")
    var hidden: Int?

    @Option(help: "Epochs, one update each (default: dinner 200, book 800, race 1500).")
    var epochs: Int?

    @Option(help: "Learning rate (default: 0.02; race 0.01).")
    var lr: Double?

    @Option(help: "Random seed: the same seed gives the same model on every run.")
    var seed: UInt64 = 0

    @Option(help: "adam or sgd.")
    var optimizer: OptimizerKind = .adam

    @Option(help: "Clip the gradient norm to this value before each update.")
    var clip: Double?

    @Option(help: "Truncated BPTT window in steps (default: full BPTT).")
    var bptt: Int?

    @Option(help: "The race's delay N.")
    var delay: Int = 10

    @Option(help: "rnn only: tanh or relu.")
    var nonlinearity: Nonlinearity = .tanh

    @Option(name: .customLong("forget-bias"), help: "lstm only: start the forget gate's bias at this value (b_ih + b_hh; e.g. 1).")
    var forgetBias: Double?

    @Option(help: "Write the trained model here (a model file unroll trace reads).")
    var out: String?

    func validate() throws {
        try data.validate(for: task)
        if let hidden, hidden < 1 || hidden > 1024 { throw ValidationError("--hidden must be 1…1024, got \(hidden)") }
        if let epochs, epochs < 1 || epochs > TrainingConfig.maxEpochs {
            throw ValidationError("--epochs must be 1…\(TrainingConfig.maxEpochs), got \(epochs)")
        }
        if let lr, !(lr > 0 && lr.isFinite) { throw ValidationError("--lr must be a positive number") }
        if let clip, !(clip > 0 && clip.isFinite) { throw ValidationError("--clip must be a positive number") }
        if let bptt, bptt < 1 { throw ValidationError("--bptt must be ≥ 1, got \(bptt)") }
        if delay < 0 || delay > 10_000 { throw ValidationError("--delay must be 0…10000, got \(delay)") }
        // One activation enum serves the analyses too; a model file names only tanh or relu.
        if !Nonlinearity.fileValues.contains(nonlinearity) {
            throw ValidationError("--nonlinearity must be tanh or relu, got \(nonlinearity.rawValue)")
        }
        if let forgetBias {
            if !forgetBias.isFinite || abs(forgetBias) > 100 { throw ValidationError("--forget-bias must be a number in -100…100") }
            if cell != .lstm { throw ValidationError("--forget-bias needs --cell lstm (a \(cell.rawValue) has no forget gate)") }
        }
        if task == .race {
            let h = hidden ?? task.defaults.hidden
            if h * (delay + 2) > TrainingConfig.maxTraceCells {
                throw ValidationError("--hidden × (--delay + 2) must be at most \(TrainingConfig.maxTraceCells), got \(h) × \(delay + 2)")
            }
        }
    }

    func run() throws {
        // A target that is not a regular file (a device, a folder, a fifo) is refused before training.
        if let out {
            do { _ = try OutputFile.target(out) } catch { throw fail("train", "--out \(error.description)", code: Exit.usage) }
        }
        guard let builtIn = task.builtIn else { return try runOwnData() }
        let d = builtIn.defaults
        let config = TrainingConfig(epochs: epochs ?? d.epochs, optimizer: optimizer, learningRate: lr ?? d.learningRate,
                                    clipNorm: clip, bpttWindow: bptt)
        let report = builtIn.run(.init(cell: cell, hidden: hidden ?? d.hidden, config: config, seed: seed, delay: delay,
                                       nonlinearity: nonlinearity, forgetBias: forgetBias))
        if let out {
            let text = ModelFile.encode(report.model).serialized(indent: 1) + "\n"
            do { try OutputFile.write(Data(text.utf8), to: out) } catch {
                throw fail("train", "cannot write \(out): \(error)", code: 73)
            }
        }
        print(report.json.serialized())
    }
}
