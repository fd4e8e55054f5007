import ArgumentParser
import Foundation
import UnrollApp
import UnrollCore
import UnrollLessons
import UnrollTerminal
import UnrollTUI

/// `unroll gradients`: the gradient lab's screens, opened directly: vanishing and exploding
/// gradients, BPTT on a model, and the memory race.
struct GradientsCommand: ParsableCommand, DocumentedExamples, FullScreenCommand {
    static let examples = [
        "unroll gradients vanishing --scale 1.5",
        "unroll gradients bptt --model book-lstm --input \"Jane saw Spot . Doug saw\"",
        "unroll gradients race --delays 2,10 --steps 300",
    ]

    static let configuration = CommandConfiguration(
        commandName: "gradients",
        abstract: "Open the gradient lab: vanishing and exploding gradients, BPTT, or the memory race.",
        discussion: """
        vanishing: the squash composition, the powers and eigenvalues of cW, gradient against distance (a seeded RNN,
        H=32, T=100, unless --model); ↑/↓ scale W. bptt: per-step loss, ∂L/∂h_t and each step's share of a weight
        (default the trained book LSTM). race: RNN vs LSTM vs GRU recalling a symbol after N distractors, trained live.
        With --plain (or when the terminal cannot show the tutor) the same series print as tables.
        \(CommandExamples.text(examples))
        """
    )

    enum Screen: String, CaseIterable, ExpressibleByArgument { case vanishing, bptt, race }

    @Argument(help: "The screen: vanishing, bptt or race.")
    var screen: Screen = .vanishing

    @Option(help: "A model file or shipped model name (vanishing, bptt).")
    var model: String?

    @Option(help: "Whitespace-separated input tokens (default: vanishing 100 random tokens; bptt a story for the model).")
    var input: String?

    @Option(help: "bptt: per-step targets (default: the next token).")
    var targets: String?

    @Option(help: "bptt: the weight tensor to follow, e.g. weight_hh_l0, weight_ih_l0, head.weight.")
    var tensor: String = "weight_hh_l0"

    @Option(parsing: .unconditional, help: "vanishing: c, the factor multiplying W_hh.")
    var scale: Double = 1

    @Option(name: .customLong("n"), help: "vanishing: how many times the function is composed.")
    var depth: Int = 10

    @Option(help: "vanishing: the composed function: sigmoid, tanh or relu.")
    var function: Squash = .sigmoid

    @Option(parsing: .upToNextOption, help: "race: the delays N, e.g. --delays 2 10 (or 2,10).")
    var delays: [String] = MemoryRaceRunner.Configuration.defaultDelays.map(String.init)

    @Option(help: "race: Adam updates per run.")
    var steps: Int = 1500

    @Option(help: "race: hidden size H of every cell.")
    var hidden: Int = 16

    @Option(help: "Seed of the race, or of the vanishing screen's random input.")
    var seed: UInt64 = 0

    @Option(help: "Print one WIDTHxHEIGHT frame of the screen as text and exit (for slides and docs).")
    var frame: String?

    @OptionGroup var display: DisplayOptions

    var mayOpenFullScreen: Bool { !display.plain && frame == nil }

    func validate() throws {
        if !(scale.isFinite && scale > 0) { throw ValidationError("--scale must be a number > 0") }
        if depth < 1 || depth > VanishingState.maximumDepth { throw ValidationError("--n must be 1…\(VanishingState.maximumDepth), got \(depth)") }
        if steps < 1 || steps > 1_000_000 { throw ValidationError("--steps must be 1…1000000, got \(steps)") }
        if hidden < 1 || hidden > 256 { throw ValidationError("--hidden must be 1…256, got \(hidden)") }
        _ = try AnalyzeCommand.integerList(delays, option: "--delays", range: 0...1000)
        if let frame, Size(frame) == nil { throw ValidationError("--frame must be \(Size.expected)") }
    }

    func frameSize(_ text: String) -> (Int, Int)? {
        Size(text).map { ($0.width, $0.height) }
    }

    func run() throws {
        let command = "gradients \(screen.rawValue)"
        switch screen {
        case .vanishing:
            let vanishing = try makeVanishing(command: command)
            try show(.vanishing(vanishing)) { GradientReport.vanishing(vanishing) }
        case .bptt:
            let bptt = try makeBPTT(command: command)
            try show(.bptt(bptt)) { GradientReport.bptt(bptt) }
        case .race:
            let config = MemoryRaceRunner.Configuration(delays: try AnalyzeCommand.integerList(delays, option: "--delays", range: 0...1000),
                                                        hiddenSize: hidden, steps: steps, seed: seed,
                                                        threads: MemoryRaceRunner.Configuration.allCores)
            try runRace(RaceState(configuration: config))
        }
    }

    /// The vanishing screen from the options.
    func makeVanishing(command: String) throws -> VanishingState {
        guard let name = model else {
            var v = VanishingState.standard()
            if input != nil { throw fail(command, "--input needs --model (the standard model reads 100 random tokens)", code: Exit.usage) }
            v.setScale(scale)
            v.setDepth(depth)
            while v.settings.function != function { v.cycleFunction() }
            return v
        }
        let m = try loadModel(name, command: command)
        do {
            let sequence = try input.map { try m.parseInput($0) } ?? randomTokenInput(steps: 100, inputSize: m.inputSize, seed: seed &+ 2)
            guard sequence.count >= 1 else { throw fail(command, "--input has no tokens", code: Exit.usage) }
            let tokens = input?.split(whereSeparator: \.isWhitespace).map(String.init) ?? []
            let settings = VanishingLab.Settings(function: function, depth: depth, scale: scale)
            return VanishingState(title: m.name ?? name, model: m, input: sequence, tokens: tokens, settings: settings, seed: seed)
        } catch let e as TokenError {
            throw fail(command, e.message, code: Exit.usage)
        }
    }

    /// The BPTT screen from the options (by default the first of `BPTTState.defaultModels` shipped).
    func makeBPTT(command: String) throws -> BPTTState {
        let name = model ?? BPTTState.defaultModels.first { LessonLibrary.builtIn.contains("models/\($0).json") } ?? "book-rnn"
        let m = try loadModel(name, command: command)
        if m.layout.tensor(named: tensor) == nil {
            throw fail(command, "--tensor '\(tensor)': the model has \(m.layout.tensors.map(\.name).joined(separator: ", "))", code: Exit.usage)
        }
        do {
            var screen = try BPTTState(title: m.name ?? name, model: m, inputText: input ?? defaultInput(for: m), targetsText: targets, tensor: tensor)
            screen.motion = screen.motion && !display.noMotion
            return screen
        } catch let e as LabState.SetupError {
            throw fail(command, e.description, code: Exit.usage)
        }
    }

    /// A frame, the full-screen tutor, or the plain tables.
    func show(_ screen: AppState.Screen, plain: () -> String) throws {
        if let frame, let (w, h) = frameSize(frame) {
            var buffer = Buffer(width: w, height: h)
            view(AppState(screen: screen, width: w, height: h), into: &buffer, glyphs: display.ascii ? .ascii : .utf8)
            print(buffer.text)
            return
        }
        let app = App(state: AppState(screen: screen, presenter: display.present, notes: display.notes))
        try runTutor(app, options: display, plain: plain)
    }

    /// The race: started at once on screen; in plain mode run here with progress on standard error.
    func runRace(_ race: RaceState) throws {
        if frame != nil {
            try show(.race(race)) { "" }
            return
        }
        let app = App(state: AppState(screen: .race(race), presenter: display.present, notes: display.notes))
        let caps = TerminalCapabilities.detect()
        if !(display.plain || !caps.fullScreen) { app.send(.key(.char("s"))) }
        try runTutor(app, options: display) {
            // Plain mode (or the full screen failed): stop any background race and run it here.
            app.send(.key(.escape))
            app.waitForBackgroundWork()
            var running = race
            _ = running.start()
            var state = AppState(screen: .race(running))
            var reported = -1
            RaceRunner.run(race.configuration, cancel: CancellationToken()) { msg in
                if case let .raceProgress(p) = msg, p.finished.count != reported {
                    reported = p.finished.count
                    let line = "race: \(p.finished.count)/\(p.runs) runs done; now \(p.cell.displayName) at N=\(p.delay)\n"
                    FileHandle.standardError.write(Data(line.utf8))
                }
                _ = update(&state, msg)
            }
            return state.race.map(GradientReport.race) ?? ""
        }
    }
}
