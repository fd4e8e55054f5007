import ArgumentParser
import UnrollApp
import UnrollCore
import UnrollLessons

/// `unroll lab`: step through a model's run, clamp gates, explain numbers, train live.
struct LabCommand: ParsableCommand, DocumentedExamples, FullScreenCommand {
    static let examples = ["unroll lab book-lstm --input \"Jane saw Spot . Doug saw\" --clamp forget=0@3 --step 4"]

    static let configuration = CommandConfiguration(
        commandName: "lab",
        abstract: "Step through a model's run on an input: gates, cell, hidden state, prediction; clamp, explain, train.",
        discussion: """
        A clamp holds a gate at a value: σ gates (input, forget, output, reset, update) in 0…1, the tanh candidate in -1…1.
        The time-series lab is unroll lab series (see unroll lab series --help).
        \(CommandExamples.text(examples))
        """
    )

    @Argument(help: "A model file or a shipped model name.")
    var model: String

    @Option(help: "Whitespace-separated input tokens; '?' is an unknown step (default: a story for the model's vocabulary).")
    var input: String?

    @Option(name: .customLong("clamp"), help: "Start with a gate clamped: GATE[UNITS]=VALUE@STEPS (repeatable).")
    var clamps: [String] = []

    @Option(name: [.customShort("t"), .customLong("step")], help: "Start at this step (1-based).")
    var t: Int = 1

    @OptionGroup(title: "Continuation") var continuation: ContinuationOptions
    @OptionGroup var display: DisplayOptions
    @OptionGroup var source: LessonSourceOptions
    @OptionGroup(title: "PyTorch files") var stateDict: StateDictOptions

    var mayOpenFullScreen: Bool { !display.plain }

    func run() throws {
        var lab = try makeLab(model: model, input: input, clamps: clamps, t: t, command: "lab", lessons: source.source,
                              stateDict: stateDict)
        lab.ghosts = try continuation.request(for: lab.model, name: model)
        lab.motion = lab.motion && !display.noMotion
        let app = App(state: AppState(screen: .lab(lab), presenter: display.present, notes: display.notes), lessons: source.files)
        try runTutor(app, options: display) { PlainReport.lab(lab) }
    }
}

/// The default input for a model: a story over its vocabulary.
func defaultInput(for model: RecurrentModel) -> String {
    let vocab = model.vocab ?? []
    if vocab == ChildrensBook().vocab { return "Jane saw Spot . Doug saw Jane ." }
    if vocab == DinnerCycle().menu { return "pizza sushi waffles pizza ? ? ? sushi" }
    if !vocab.isEmpty { return (0..<6).map { vocab[$0 % vocab.count] }.joined(separator: " ") }
    return (0..<6).map { String($0 % model.inputSize) }.joined(separator: " ")
}

/// Loads a model and sets up a lab, turning every problem into a one-line error and exit code.
func makeLab(model name: String, input: String?, clamps: [String], t: Int, command: String,
             lessons: LessonSource = LessonSource(), stateDict: StateDictOptions? = nil) throws -> LabState {
    let model = try loadModel(name, command: command, lessons: lessons, stateDict: stateDict)
    do {
        var parsed: [Clamp] = []
        for spec in clamps { parsed.append(try Clamp.parse(spec, cell: model.cell, hiddenSize: model.hiddenSize)) }
        var lab = try LabState(title: model.name ?? name, model: model, inputText: input ?? defaultInput(for: model), clamps: parsed)
        if let bad = parsed.first(where: { ($0.steps?.upperBound ?? 0) > lab.steps }) {
            throw fail(command, "--clamp '\(bad)': past the last step \(lab.steps)", code: Exit.usage)
        }
        guard t >= 1 && t <= lab.steps else { throw fail(command, "--step \(t) is outside 1…\(lab.steps)", code: Exit.usage) }
        lab.t = t
        return lab
    } catch let e as Clamp.ParseError {
        throw fail(command, "--clamp: \(e.description)", code: Exit.usage)
    } catch let e as LabState.SetupError {
        throw fail(command, e.description, code: Exit.usage)
    }
}
