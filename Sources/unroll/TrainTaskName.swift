import ArgumentParser
import UnrollCore

/// The task `unroll train` names: a built-in recipe (dinner, book, race) or the user's own data
/// (wave: a seeded wave; csv FILE --column NAME: a column of a CSV file; text FILE: a text to learn).
enum TrainTaskName: String, CaseIterable, ExpressibleByArgument {
    case dinner, book, race, wave, csv, text

    /// The built-in recipe of that name, nil for a task on the user's own data.
    var builtIn: TrainTask? { TrainTask(rawValue: rawValue) }

    /// Whether the task reads a FILE argument.
    var takesFile: Bool { self == .csv || self == .text }

    /// Defaults: hidden size, epochs, learning rate.
    var defaults: (hidden: Int, epochs: Int, learningRate: Double) {
        if let builtIn { return builtIn.defaults }
        switch self {
        case .text: return (32, 300, 0.01)
        default: return (16, 300, 0.01)
        }
    }
}

/// `unroll train`'s options for the user's own data: the file, its column or level, the series' windows.
struct OwnDataOptions: ParsableArguments {
    @Argument(help: "csv and text: the file to learn from.")
    var file: String?

    @Option(help: "csv: the column (named in the header row) that holds the series.")
    var column: String?

    @Option(help: "text: learn words or characters (word or char).")
    var level: TextLevel = .word

    @Option(help: "wave: how many steps of the wave to train on.")
    var length: Int = 400

    @Option(help: "wave, csv, text: training windows, in steps (full BPTT inside each).")
    var window: Int?

    /// Checks the options against the task; one line each.
    func validate(for task: TrainTaskName) throws {
        if task.takesFile {
            guard file != nil else { throw ValidationError("train \(task.rawValue) needs a FILE: unroll train \(task.rawValue) FILE\(task == .csv ? " --column NAME" : "")") }
        } else if let file {
            throw ValidationError("train \(task.rawValue) takes no file, got '\(file)'")
        }
        if task == .csv && column == nil { throw ValidationError("train csv needs --column NAME (a column of the file's header row)") }
        if task != .csv && column != nil { throw ValidationError("--column is for train csv") }
        if length < 3 || length > Wave.maxLength { throw ValidationError("--length must be 3…\(Wave.maxLength), got \(length)") }
        if let window, window < 1 || window > 10_000 { throw ValidationError("--window must be 1…10000, got \(window)") }
    }
}

extension TextLevel: ExpressibleByArgument {}
