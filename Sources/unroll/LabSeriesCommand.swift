import ArgumentParser
import Foundation
import UnrollApp
import UnrollCore
import UnrollLessons

/// `unroll lab series`: the time-series lab: a forecaster's run over a series, drawn as the series,
/// the one-step-ahead predictions and the free-running forecast over the unrolled chain.
struct LabSeriesCommand: ParsableCommand, DocumentedExamples, FullScreenCommand {
    static let examples = [
        "unroll lab series --plain",
        "unroll lab series wave-lstm --observe 36 --horizon 36 --plain",
    ]

    static let configuration = CommandConfiguration(
        commandName: "unroll lab series",
        abstract: "The time-series lab: a forecaster reads a series, then runs on its own predictions.",
        discussion: """
        Without --input or --csv the series is a wave the shipped model never saw (unroll train wave's formula, \
        --wave-seed 1). The first --observe steps are read; the --horizon steps after them are '?', fed the \
        network's own previous prediction (o: feed nothing instead, to compare).
        \(CommandExamples.text(examples))
        """
    )

    @Argument(help: "A forecaster (input real, output regression): a model file or a shipped model name.")
    var model: String = "wave-lstm"

    @Option(help: "The series: whitespace-separated numbers, '?' for the steps to forecast.")
    var input: String?

    @Option(help: "Read the series from this CSV file (with --column).")
    var csv: String?

    @Option(help: "The CSV column (named in its header row) that holds the series.")
    var column: String?

    @Option(help: "Steps of the series the network reads before it forecasts (default: all but the horizon).")
    var observe: Int?

    @Option(help: "Steps to forecast after the observed ones.")
    var horizon: Int = 24

    @Option(help: "The seed of the default wave.")
    var waveSeed: UInt64 = 1

    @Option(name: [.customShort("t"), .customLong("step")], help: "Start at this step (1-based).")
    var t: Int?

    @OptionGroup var display: DisplayOptions
    @OptionGroup var source: LessonSourceOptions
    @OptionGroup(title: "PyTorch files") var stateDict: StateDictOptions

    var mayOpenFullScreen: Bool { !display.plain }

    func validate() throws {
        if input != nil && csv != nil { throw ValidationError("give --input or --csv, not both") }
        if csv != nil && column == nil { throw ValidationError("--csv needs --column NAME") }
        if csv == nil && column != nil { throw ValidationError("--column is for --csv") }
        if horizon < 0 || horizon > 10_000 { throw ValidationError("--horizon must be 0…10000, got \(horizon)") }
        if let observe, observe < 1 || observe > 100_000 { throw ValidationError("--observe must be 1…100000, got \(observe)") }
    }

    func run() throws {
        let command = "lab series"
        let loaded = try loadModel(model, command: command, lessons: source.source, stateDict: stateDict)
        guard loaded.inputKind == .real, loaded.outputKind == .regression, loaded.canFeedPredictions else {
            throw fail(command, "\(TerminalSafe.line(model)) is not a forecaster of one series (it needs \"input\": \"real\", \"output\": \"regression\" and as many outputs as inputs); try unroll lab \(TerminalSafe.line(model))", code: Exit.usage)
        }
        let text: String
        var context: SeriesContext
        if let input {
            text = input
            let words = input.split(whereSeparator: \.isWhitespace)
            let known = words.prefix { $0 != "?" }.count
            context = SeriesContext(truth: [], observed: max(1, known))
            if observe != nil { warn(command, "--observe is ignored with --input (its '?' steps are the forecast)") }
        } else {
            let truth: [Double]
            if let csv {
                do { truth = try SeriesCSV.load(path: csv, column: column ?? "") } catch {
                    throw fail(command, error.description, code: error.kind == .notFound ? Exit.noInput : Exit.dataError)
                }
            } else {
                // Three decimals: short labels in the chain, and the values the network reads are the plotted ones.
                truth = Wave(seed: waveSeed).values(length: (observe ?? 48) + horizon).map { ($0 * 1000).rounded() / 1000 }
            }
            guard loaded.inputSize == 1 else {
                throw fail(command, "\(TerminalSafe.line(model)) reads \(loaded.inputSize) numbers a step; a CSV column or the wave is one (use --input)", code: Exit.usage)
            }
            let seen = min(observe ?? max(1, truth.count - horizon), truth.count)
            guard seen >= 1 else { throw fail(command, "nothing to observe", code: Exit.usage) }
            let steps = seen + horizon
            let known = truth.prefix(seen).map { format($0) }
            text = (known + [String](repeating: "?", count: steps - seen)).joined(separator: " ")
            context = SeriesContext(truth: truth, observed: seen)
        }
        var lab = try makeLab(model: model, input: text, clamps: [], t: 1, command: command, lessons: source.source, stateDict: stateDict)
        lab.series = context
        if !lab.feedOwnPredictions { lab.toggleOwnPredictions() }
        let start = t ?? min(lab.steps, context.observed + 1)
        guard start >= 1 && start <= lab.steps else { throw fail(command, "--step \(start) is outside 1…\(lab.steps)", code: Exit.usage) }
        lab.t = start
        lab.motion = lab.motion && !display.noMotion
        let app = App(state: AppState(screen: .lab(lab), presenter: display.present, notes: display.notes), lessons: source.files)
        try runTutor(app, options: display) { PlainReport.lab(lab) }
    }

    /// Parses `unroll lab series`'s arguments (after `lab series`): `unroll lab` takes a model name where a
    /// subcommand would go, so `Invocation` routes here first.
    static func parseLine(_ arguments: [String]) -> Invocation.Parsed {
        do { return .command(try parseAsRoot(arguments), path: ["lab", "series"]) } catch {
            if exitCode(for: error) == .success { return .text(fullMessage(for: error)) }
            return .usageError("unroll lab series: " + Invocation.firstLine(message(for: error)))
        }
    }

    /// A series value as an input token: shortest round-trip decimal.
    func format(_ v: Double) -> String { "\(v)" }
}
