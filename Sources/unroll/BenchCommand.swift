import ArgumentParser
import Foundation
import UnrollApp
import UnrollCore
import UnrollTerminal
import UnrollTUI

/// `unroll bench`: measures the core's speed on the book task and on one long sequence.
struct BenchCommand: ParsableCommand, DocumentedExamples {
    static let examples = ["unroll bench --epochs 5 --repeats 3 --no-race --json"]

    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure training time per token-step (book task, H=8) and one forward + BPTT pass over T=1000 at H=32.",
        discussion: """
        Build with -c release for meaningful figures (swift run -c release unroll bench).
        \(CommandExamples.text(examples))
        """
    )

    @Option(help: "Epochs of the book task per cell (each 199 token-steps).")
    var epochs: Int = 300

    @Option(help: "Repetitions of the T=1000 pass (the median is reported).")
    var repeats: Int = 21

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Flag(name: .customLong("no-race"), help: "Skip the memory race (3 cells × 6 delays, about 5 s on two cores).")
    var noRace = false

    func validate() throws {
        if epochs < 1 || epochs > Benchmarks.maxEpochs {
            throw ValidationError("--epochs must be 1…\(Benchmarks.maxEpochs), got \(epochs)")
        }
        if repeats < 1 || repeats > Benchmarks.maxRepeats {
            throw ValidationError("--repeats must be 1…\(Benchmarks.maxRepeats), got \(repeats)")
        }
    }

    @Option(help: "A model file or shipped name for the screen benchmarks (default: a seeded book LSTM, H=8).")
    var model: String?

    func run() throws {
        var results = Benchmarks.run(epochs: epochs, repeats: repeats, race: !noRace)
        results += largeModelBenchmarks()
        results += try screenBenchmarks()
        if json {
            print(JSONValue.object(results.map { ($0.name, .number($0.value)) }).serialized())
        } else {
            for r in results { print("\(r.name.padding(32))\(NumberFormat.short(r.value)) \(r.unit)") }
        }
    }
}

extension BenchCommand {
    /// The screen's figures: composing a 200×60 lab frame, and the bytes one step keypress sends
    /// to a (headless) terminal at 100×30.
    func screenBenchmarks() throws -> [Benchmarks.Result] {
        let labModel: RecurrentModel
        if let name = model {
            labModel = try loadModel(name, command: "bench")
        } else {
            var rng = SeededRandom(seed: 3)
            var m = RecurrentModel(cell: LSTMCell(), inputSize: 5, hiddenSize: 8, outputSize: 5, vocab: ChildrensBook().vocab)
            m.initialise(using: &rng)
            labModel = m
        }
        let lab = try LabState(title: "bench", model: labModel, inputText: defaultInput(for: labModel))
        var state = AppState(screen: .lab(lab), width: 200, height: 60)
        let clock = ContinuousClock()
        var times: [Double] = []
        for k in 0..<max(repeats, 51) {
            _ = update(&state, .key(k % 2 == 0 ? .right : .left))
            let start = clock.now
            var buffer = Buffer(width: 200, height: 60)
            view(state, into: &buffer, glyphs: .utf8)
            let d = clock.now - start
            times.append(Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) * 1e-15)
        }
        times.sort()
        var out = [Benchmarks.Result(name: "compose 200x60 lab frame", value: times[times.count / 2], unit: "ms")]
        if let bytes = stepKeypressBytes(lab) {
            out.append(Benchmarks.Result(name: "bytes for one step keypress", value: Double(bytes), unit: "bytes (100x30)"))
        }
        out += trainingLatency(lab)
        return out
    }

    /// Key → frame latency while the lab trains in the background as fast as the core goes (the
    /// worst case for the screen): a step key handled, the latest training snapshot taken (as a
    /// tick does), a 200×60 frame composed; the median and the 95th percentile of the runs, and the
    /// updates a second the training made meanwhile. With the default book model: fresh 50-sentence
    /// stories at H = 8.
    func trainingLatency(_ lab: LabState) -> [Benchmarks.Result] {
        let app = App(state: AppState(screen: .lab(lab), width: 200, height: 60))
        _ = app.handle(.key(.char("t")))
        guard app.state.lab?.training?.running == true else { return [] }
        // Unlimited pace: every + steps the pace up to "as fast as the core goes".
        for _ in 0..<PacedTraining.paces.count { _ = app.handle(.key(.char("+"))) }
        app.waitForTraining(updates: 2, timeoutSeconds: 30)
        let clock = ContinuousClock()
        var times: [Double] = []
        let firstUpdates = app.state.lab?.training?.updates ?? 0
        let started = clock.now
        for k in 0..<max(repeats, 51) {
            let start = clock.now
            _ = app.handle(.key(k % 2 == 0 ? .right : .left))
            app.drainInbox()
            var buffer = Buffer(width: 200, height: 60)
            app.render(into: &buffer, glyphs: .utf8)
            let d = clock.now - start
            times.append(Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) * 1e-15)
            Thread.sleep(forTimeInterval: 0.02)
        }
        app.drainInbox()
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let updates = (app.state.lab?.training?.updates ?? 0) - firstUpdates
        app.perform(.cancelTraining)
        times.sort()
        let data = app.state.lab?.training?.data ?? "?"
        return [
            Benchmarks.Result(name: "key → frame while training", value: times[times.count / 2], unit: "ms median (200x60, \(data), H=\(lab.model.hiddenSize))"),
            Benchmarks.Result(name: "key → frame while training p95", value: times[min(times.count - 1, times.count * 95 / 100)], unit: "ms"),
            Benchmarks.Result(name: "training meanwhile", value: Double(updates) / max(seconds, 1e-9), unit: "updates/s"),
        ]
    }

    /// Draws the lab headlessly at 100×30, presses → once, and reports the bytes that frame wrote.
    func stepKeypressBytes(_ lab: LabState) -> Int? {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-bench-\(getpid()).out").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let caps = TerminalCapabilities(fullScreen: true, palette: .color256, unicode: true, terminalName: "xterm-256color")
        guard let session = try? TerminalSession(capabilities: caps, device: .headless(terminal: "xterm-256color", output: output, width: 100, height: 30)) else { return nil }
        defer { session.stop() }
        var state = AppState(screen: .lab(lab), width: 100, height: 30)
        var buffer = Buffer(width: 100, height: 30)
        view(state, into: &buffer, glyphs: .utf8)
        session.draw(buffer)
        _ = update(&state, .key(.right))
        buffer = Buffer(width: 100, height: 30)
        view(state, into: &buffer, glyphs: .utf8)
        session.draw(buffer)
        return session.lastFrameBytes
    }
}

extension BenchCommand {
    /// Bigger models: one forward + BPTT pass of an H=256 LSTM over T=1000 (I=5 one-hot, O=5 head;
    /// median of `repeats`, at least 5), and the lab's key → frame with an H=256 LSTM over 200 steps:
    /// a step key (update and a 200×60 frame) and a clamp set from the keyboard (the run recomputed:
    /// free and clamped traces and the gradients, then the frame); medians.
    func largeModelBenchmarks() -> [Benchmarks.Result] {
        let clock = ContinuousClock()
        func milliseconds(_ d: Duration) -> Double { Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) * 1e-15 }
        func median(_ times: [Double]) -> Double { let s = times.sorted(); return s[s.count / 2] }
        var rng = SeededRandom(seed: 7)
        var model = RecurrentModel(kind: .lstm, inputSize: 5, hiddenSize: 256, outputSize: 5, hasHead: true)
        model.initialise(using: &rng)
        let tokens: [Int?] = (0..<1000).map { _ in rng.below(5) }
        let input = SequenceInput(tokens: tokens, inputSize: 5)
        let targets: [Int?] = (0..<1000).map { _ in rng.below(5) }
        var trace = Trace(layout: model.layout, nonlinearity: model.nonlinearity)
        var grads = Gradients(layout: model.layout)
        var times: [Double] = []
        for _ in 0..<max(repeats, 5) {
            let start = clock.now
            model.forward(input, targets: targets, into: &trace)
            model.backward(trace, into: &grads)
            times.append(milliseconds(clock.now - start))
        }
        var out = [Benchmarks.Result(name: "T=1000 H=256 lstm fwd+BPTT", value: median(times), unit: "ms")]

        let vocab = ChildrensBook().vocab
        var labRng = SeededRandom(seed: 3)
        var labModel = RecurrentModel(cell: LSTMCell(), inputSize: vocab.count, hiddenSize: 256, outputSize: vocab.count, vocab: vocab)
        labModel.initialise(using: &labRng)
        let text = (0..<200).map { vocab[($0 * 7) % vocab.count] }.joined(separator: " ")
        guard let lab = try? LabState(title: "bench", model: labModel, inputText: text) else { return out }
        var state = AppState(screen: .lab(lab), width: 200, height: 60)
        var stepTimes: [Double] = [], clampTimes: [Double] = []
        for k in 0..<max(repeats, 11) {
            let start = clock.now
            _ = update(&state, .key(k % 2 == 0 ? .right : .left))
            var buffer = Buffer(width: 200, height: 60)
            view(state, into: &buffer, glyphs: .utf8)
            stepTimes.append(milliseconds(clock.now - start))
        }
        var clamped = lab
        for k in 0..<max(repeats / 2, 5) {
            let start = clock.now
            clamped.setClamps(k % 2 == 0 ? [Clamp(gate: .forget, value: 1)] : [])
            let frameState = AppState(screen: .lab(clamped), width: 200, height: 60)
            var buffer = Buffer(width: 200, height: 60)
            view(frameState, into: &buffer, glyphs: .utf8)
            clampTimes.append(milliseconds(clock.now - start))
        }
        out.append(Benchmarks.Result(name: "lab H=256 T=200 step key→frame", value: median(stepTimes), unit: "ms"))
        out.append(Benchmarks.Result(name: "lab H=256 T=200 clamp key→frame", value: median(clampTimes), unit: "ms"))
        return out
    }
}

extension String {
    /// Left-aligned in a column of `width` characters.
    func padding(_ width: Int) -> String { count >= width ? self + " " : self + String(repeating: " ", count: width - count) }
}
