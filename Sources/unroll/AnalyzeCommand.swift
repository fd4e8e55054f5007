import ArgumentParser
import Foundation
import UnrollCore

/// `unroll analyze`: the gradient lab's series (squash composition, eigenvalues and powers of W,
/// gradient against distance, the memory race) as readable tables or one JSON object.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Print the vanishing-gradient analyses as tables or JSON (for scripts and notebooks).",
        discussion: """
        Every number is computed live by the core. Add --json for one JSON object on standard output.
        Exit codes: 64 bad command line, 65 malformed model file, 66 model not found.
        """,
        subcommands: [Vanishing.self, Power.self, Distance.self, Race.self]
    )

    // MARK: Option values

    /// The model an analysis runs on: a model file, or a seeded model built from options.
    struct ModelOptions: ParsableArguments {
        @Option(help: "A model file or a shipped model name (instead of building one with --cell).")
        var model: String?

        @Option(help: "Build a seeded model with this cell: rnn, lstm or gru.")
        var cell: CellKind = ElmanCell().kind

        @Option(help: "The built model's hidden size H.")
        var hidden: Int = 16

        @Option(help: "The built model's input (and output) size I.")
        var inputs: Int = 8

        @Option(name: .customLong("init"), help: "The built model's W_hh: random (PyTorch's default), identity or orthogonal.")
        var initialisation: RecurrentInitialisation = .random

        @Option(help: "Rescale W_hh so its (candidate) block has this spectral radius.")
        var radius: Double?

        @Option(help: "Seed of the built model and of random inputs.")
        var seed: UInt64 = 0

        func validate() throws {
            if hidden < 1 || hidden > 256 { throw ValidationError("--hidden must be 1…256, got \(hidden)") }
            if inputs < 1 || inputs > 256 { throw ValidationError("--inputs must be 1…256, got \(inputs)") }
            if let radius, !(radius >= 0 && radius.isFinite) { throw ValidationError("--radius must be a number ≥ 0") }
        }

        /// The model: loaded (exit 65/66 on failure) or built; `nonlinearity` for a built RNN.
        func resolve(command: String, nonlinearity: Nonlinearity = .tanh) throws -> RecurrentModel {
            if let path = model {
                var m = try loadModel(path, command: command)
                if let radius { m.rescaleRecurrentWeights(toSpectralRadius: radius) }
                return m
            }
            return RecurrentModel.analysisModel(kind: cell, inputSize: inputs, hiddenSize: hidden, nonlinearity: nonlinearity,
                                                initialisation: initialisation, spectralRadius: radius, seed: seed)
        }
    }

    /// Parses "2,5,10" into whole numbers in `range`.
    static func integerList(_ text: String, option: String, range: ClosedRange<Int>) throws -> [Int] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        var out: [Int] = []
        for p in parts {
            guard let v = Int(p), range.contains(v) else {
                throw ValidationError("\(option): '\(p)' should be a whole number \(range.lowerBound)…\(range.upperBound)")
            }
            out.append(v)
        }
        if out.isEmpty { throw ValidationError("\(option) is empty") }
        return out
    }

    /// A number for a table: 4 significant digits, scientific when small or large.
    static func cell(_ v: Double, width: Int = 11) -> String {
        let s: String
        if !v.isFinite { s = v.isNaN ? "nan" : (v > 0 ? "inf" : "-inf") }
        else if v == 0 { s = "0" }
        else if abs(v) >= 1e-3 && abs(v) < 1e5 { s = String(format: "%.4g", v) }
        else { s = String(format: "%.3e", v) }
        return s.count >= width ? s + " " : String(repeating: " ", count: width - s.count) + s
    }

    /// Text left-aligned in a column.
    static func left(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }

    static func emit(_ json: JSONValue) { print(json.serialized()) }
}

// MARK: - vanishing

extension AnalyzeCommand {
    /// `unroll analyze vanishing`: fⁿ(x) and the derivative chain ∏ f′ for n = 1…N.
    struct Vanishing: ParsableCommand, DocumentedExamples {
        static let examples = ["unroll analyze vanishing --function sigmoid --n 10 --from -6 --to 6 --json"]

        static let configuration = CommandConfiguration(
            commandName: "vanishing",
            abstract: "Compose a squashing function with itself n = 1…N times: fⁿ(x) and its slope ∏ f′ over an x range.",
            discussion: CommandExamples.text(examples)
        )

        @Option(help: "sigmoid, tanh or relu.")
        var function: Squash = .sigmoid

        @Option(name: .customLong("n"), help: "N, the deepest composition.")
        var depth: Int = 10

        @Option(parsing: .unconditional, help: "The left end of the x range (negative values as --from -6).")
        var from: Double = -6

        @Option(parsing: .unconditional, help: "The right end of the x range.")
        var to: Double = 6

        @Option(help: "Evenly spaced sample points on [from, to].")
        var samples: Int = 121

        @Flag(help: "Print one JSON object instead of a table.")
        var json = false

        func validate() throws {
            if depth < 1 || depth > 1000 { throw ValidationError("--n must be 1…1000, got \(depth)") }
            if samples < 2 || samples > 100_000 { throw ValidationError("--samples must be 2…100000, got \(samples)") }
            if depth * samples > SquashComposition.maxPoints {
                throw ValidationError("--n × --samples must be at most \(SquashComposition.maxPoints), got \(depth) × \(samples) = \(depth * samples)")
            }
            if !(from.isFinite && to.isFinite && from < to) { throw ValidationError("--from must be below --to") }
        }

        func run() throws {
            let s = SquashComposition(function: function, depth: depth, from: from, to: to, samples: samples)
            if json {
                AnalyzeCommand.emit(.object([
                    ("function", .string(function.rawValue)), ("n", .number(Double(depth))),
                    ("from", .number(from)), ("to", .number(to)), ("x", .numbers(s.xs)),
                    ("values", .array((1...depth).map { .numbers(s.values(depth: $0)) })),
                    ("derivatives", .array((1...depth).map { .numbers(s.derivatives(depth: $0)) })),
                    ("max_slope", .numbers((1...depth).map { s.maximumSlope(depth: $0) })),
                    ("range", .numbers((1...depth).map { s.range(depth: $0) })),
                ]))
                return
            }
            // Five sample columns across the range.
            let picks = (0..<5).map { k in k * (samples - 1) / 4 }
            print("\(function.rawValue) composed n times on [\(from), \(to)]: fⁿ(x) at five points, then max |(fⁿ)′| and the spread of fⁿ")
            var header = AnalyzeCommand.left("n", 4)
            for k in picks { header += AnalyzeCommand.left("x=\(String(format: "%.3g", s.xs[k]))", 11) }
            print(header + "  max slope     spread")
            for n in 1...depth {
                let v = s.values(depth: n)
                var line = AnalyzeCommand.left("\(n)", 4)
                for k in picks { line += AnalyzeCommand.cell(v[k], width: 10) + " " }
                print(line + AnalyzeCommand.cell(s.maximumSlope(depth: n)) + AnalyzeCommand.cell(s.range(depth: n)))
            }
        }
    }
}

// MARK: - power

extension AnalyzeCommand {
    /// `unroll analyze power`: the eigenvalues of W and ‖((cW)ᵗ)ᵀ h₀‖ over t.
    struct Power: ParsableCommand, DocumentedExamples {
        static let examples = ["unroll analyze power --cell rnn --hidden 32 --init orthogonal --scale 0.9 --steps 100 --json"]

        static let configuration = CommandConfiguration(
            commandName: "power",
            abstract: "Eigenvalues and spectral radius of a model's W_hh (scaled by c), and ‖h_t‖ for h_t = ((cW)ᵗ)ᵀ h₀.",
            discussion: """
            For the LSTM and GRU the H×H block of one gate is used (--gate; default the candidate).
            \(CommandExamples.text(examples))
            """
        )

        @OptionGroup var source: ModelOptions

        @Option(help: "Gated cells: the gate whose block of W_hh to use (input, forget, candidate, output, reset, update).")
        var gate: String?

        @Option(parsing: .unconditional, help: "c, the factor multiplying W.")
        var scale: Double = 1

        @Option(help: "T, the number of powers.")
        var steps: Int = 50

        @Flag(help: "Print one JSON object instead of a table.")
        var json = false

        func validate() throws {
            if !scale.isFinite { throw ValidationError("--scale must be a number") }
            if steps < 0 || steps > 1_000_000 { throw ValidationError("--steps must be 0…1000000, got \(steps)") }
            if let gate, Gate(rawValue: gate) == nil {
                throw ValidationError("--gate '\(gate)' is not a gate (\(Gate.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
        }

        func run() throws {
            let model = try source.resolve(command: "analyze power")
            let g = gate.flatMap(Gate.init(rawValue:))
            if let g, model.cell.isGated, g.block(in: model.cell) == nil {
                throw fail("analyze power", "--gate: a \(model.kind.rawValue) has no \(g.rawValue) gate", code: Exit.usage)
            }
            let w = model.recurrentBlock(g)
            let H = model.hiddenSize
            var solver = EigenSolver()
            let ev = solver.eigenvalues(of: w, size: H, scaledBy: scale)
            let rho = ev.first?.magnitude ?? 0
            let series = PowerSeries(matrix: w, size: H, scale: scale, initial: randomUnitVector(size: H, seed: source.seed),
                                     steps: steps)
            let blockName = model.cell.isGated ? "W_h\((g ?? .candidate).symbol(in: model.cell))" : "W_hh"
            if json {
                AnalyzeCommand.emit(.object([
                    ("model", .string(model.name ?? source.model ?? "")), ("cell", .string(model.kind.rawValue)),
                    ("hidden", .number(Double(H))), ("matrix", .string(blockName)), ("scale", .number(scale)),
                    ("eigenvalues", .array(ev.map { .object([("re", .number($0.real)), ("im", .number($0.imaginary)),
                                                             ("abs", .number($0.magnitude))]) })),
                    ("spectral_radius", .number(rho)), ("converged", .bool(solver.converged)),
                    ("steps", .number(Double(steps))), ("norms", .numbers(series.norms)),
                    ("log_norms", .numbers(series.logNorms)), ("average_growth", .number(series.averageGrowth)),
                ]))
                return
            }
            print("\(TerminalSafe.line(model.name ?? source.model ?? "model")): \(blockName) (H=\(H)) scaled by \(scale)")
            print("spectral radius ρ = \(String(format: "%.6g", rho))   average growth of ‖h_t‖ per step = \(String(format: "%.6g", series.averageGrowth))")
            print("eigenvalues (largest |λ| first):")
            print("   #         re         im        |λ|")
            for (k, l) in ev.enumerated() {
                print(AnalyzeCommand.left("\(k + 1)", 4) + AnalyzeCommand.cell(l.real) + AnalyzeCommand.cell(l.imaginary) + AnalyzeCommand.cell(l.magnitude))
            }
            print("h_t = ((cW)ᵗ)ᵀ h₀ from a random unit h₀:")
            print("     t       ‖h_t‖")
            for t in 0...steps { print(AnalyzeCommand.cell(Double(t), width: 6) + AnalyzeCommand.cell(series.norms[t], width: 12)) }
        }
    }
}

// MARK: - distance

extension AnalyzeCommand {
    /// `unroll analyze distance`: ‖∂L_T/∂s_t‖ and ‖∂h_T/∂s_t‖_F for t = T…0.
    struct Distance: ParsableCommand, DocumentedExamples {
        static let examples = [
            "unroll analyze distance --cell rnn --function tanh --radius 0.7 --length 30",
            "unroll analyze distance --model book-lstm --input \"Doug saw Jane . Jane saw Spot .\"",
            "unroll analyze distance --compare --hidden 16 --length 50 --json",
        ]

        static let configuration = CommandConfiguration(
            commandName: "distance",
            abstract: "Gradient against distance: ‖∂L_T/∂h_t‖ and ‖∂h_T/∂h_t‖ (Frobenius) for t = T…0.",
            discussion: """
            The loss is the cross-entropy on the last step only. For the LSTM the state is (h_t, c_t) and both
            norms are taken over the pair. --compare runs the standard comparison instead: the RNN with tanh,
            relu and sigmoid × random, identity and orthogonal W_hh, then the LSTM and the GRU, at one H.
            \(CommandExamples.text(examples))
            """
        )

        @OptionGroup var source: ModelOptions

        @Option(help: "The RNN's squashing function: tanh, relu or sigmoid (default: the model's own).")
        var function: Squash?

        @Option(help: "Whitespace-separated input tokens from the model's vocabulary (default: random tokens).")
        var input: String?

        @Option(help: "T, the length of the random input.")
        var length: Int = 50

        @Option(help: "The class of the last-step loss (a vocabulary word or an index; default 0).")
        var target: String?

        @Flag(help: "Run the standard comparison of cells and initialisations.")
        var compare = false

        @Flag(help: "Print one JSON object instead of a table.")
        var json = false

        func validate() throws {
            if length < 1 || length > 100_000 { throw ValidationError("--length must be 1…100000, got \(length)") }
            if compare && (source.model != nil || input != nil || target != nil) {
                throw ValidationError("--compare builds its own models: drop --model, --input and --target")
            }
        }

        func run() throws {
            if compare { return runComparison() }
            let nonlinearity: Nonlinearity = function == .relu ? .relu : .tanh
            let model = try source.resolve(command: "analyze distance", nonlinearity: nonlinearity)
            let sequence: SequenceInput
            var targetIndex: Int? = nil
            do {
                if let input {
                    sequence = try model.parseInput(input)
                } else {
                    sequence = randomTokenInput(steps: length, inputSize: model.inputSize, seed: source.seed &+ 101)
                }
                if let target { targetIndex = try model.parseTargets(target, steps: 1, option: "--target")[0] }
            } catch let e as TokenError {
                throw fail("analyze distance", e.message, code: Exit.usage)
            }
            if function != nil && model.cell.isGated {
                throw fail("analyze distance", "--function applies to the rnn only", code: Exit.usage)
            }
            let g = GradientDistance(model: model, input: sequence, target: targetIndex, squash: function)
            let T = g.steps
            if json {
                var members: [(String, JSONValue)] = [
                    ("model", .string(model.name ?? source.model ?? "")), ("cell", .string(model.kind.rawValue)),
                    ("function", g.squash.map { .string($0.rawValue) } ?? .null),
                    ("hidden", .number(Double(model.hiddenSize))), ("steps", .number(Double(T))),
                    ("target", .number(Double(g.target))), ("loss", .number(g.loss)),
                    ("spectral_radius", .number(model.recurrentSpectralRadius())),
                    ("state", .string(model.cell.stateNames.joined(separator: ","))), ("jacobian_norm", .string("frobenius")),
                    ("distance", .numbers((0...T).map(Double.init))), ("step", .numbers((0...T).map { Double(T - $0) })),
                    ("loss_gradient", .numbers(g.lossGradientNorms)), ("jacobian", .numbers(g.jacobianNorms)),
                ]
                if model.cell.hasCellState {
                    members.append(("loss_gradient_h", .numbers(g.lossGradientHiddenNorms)))
                    members.append(("loss_gradient_c", .numbers(g.lossGradientCellNorms)))
                }
                AnalyzeCommand.emit(.object(members))
                return
            }
            let state = model.cell.stateTuple
            print("\(TerminalSafe.line(model.name ?? source.model ?? "model")): \(model.kind.displayName)\(g.squash.map { " \($0.rawValue)" } ?? ""), H=\(model.hiddenSize), T=\(T), ρ(W)=\(String(format: "%.4g", model.recurrentSpectralRadius())), loss on step T = \(String(format: "%.4g", g.loss))")
            print("    d     t   ‖∂L_T/∂s_t‖  relative   ‖∂h_T/∂s_t‖_F  relative    (s_t = \(state))")
            for d in 0...T {
                let relL = T >= 1 ? g.lossGradientNorms[d] / g.lossGradientNorms[min(1, T)] : 1
                let relJ = T >= 1 ? g.jacobianNorms[d] / g.jacobianNorms[min(1, T)] : 1
                print(AnalyzeCommand.cell(Double(d), width: 5) + AnalyzeCommand.cell(Double(T - d), width: 6)
                      + AnalyzeCommand.cell(g.lossGradientNorms[d], width: 14) + AnalyzeCommand.cell(relL)
                      + AnalyzeCommand.cell(g.jacobianNorms[d], width: 15) + AnalyzeCommand.cell(relJ))
            }
        }

        private func runComparison() {
            let curves = GradientDistance.comparison(hiddenSize: source.hidden, inputSize: source.inputs, steps: length,
                                                     seed: source.seed, spectralRadius: source.radius)
            if json {
                AnalyzeCommand.emit(.object([
                    ("hidden", .number(Double(source.hidden))), ("steps", .number(Double(length))),
                    ("seed", .number(Double(source.seed))), ("radius", source.radius.map { .number($0) } ?? .null),
                    ("distance", .numbers((0...length).map(Double.init))),
                    ("curves", .array(curves.map { c in
                        .object([("label", .string(c.label)), ("cell", .string(c.kind.rawValue)),
                                 ("function", c.squash.map { .string($0.rawValue) } ?? .null),
                                 ("init", .string(c.initialisation.rawValue)),
                                 ("loss_gradient", .numbers(c.distance.lossGradientNorms)),
                                 ("jacobian", .numbers(c.distance.jacobianNorms))])
                    })),
                ]))
                return
            }
            let ds = [1, 2, 5, 10, 20, 50, 100, 200, 500].filter { $0 <= length }
            print("‖∂h_T/∂s_{T−d}‖_F relative to d = 1, H=\(source.hidden), T=\(length)" + (source.radius.map { ", ρ(W)=\($0)" } ?? ""))
            print(AnalyzeCommand.left("curve", 24) + ds.map { AnalyzeCommand.cell(Double($0)) }.joined())
            for c in curves {
                print(AnalyzeCommand.left(c.label, 24) + ds.map { AnalyzeCommand.cell(c.distance.relativeJacobian(distance: $0)) }.joined())
            }
        }
    }
}

// MARK: - race

extension AnalyzeCommand {
    /// `unroll analyze race`: the memory race, accuracy against delay for each cell.
    struct Race: ParsableCommand, DocumentedExamples {
        static let examples = ["unroll analyze race --delays 2,5,10 --steps 300 --hidden 16 --seed 0 --json"]

        static let configuration = CommandConfiguration(
            commandName: "race",
            abstract: "The memory race: train RNN, LSTM and GRU to recall the first token after N distractors; accuracy against N.",
            discussion: """
            Each run is `unroll train race` with the same seed and budget: Adam, one batch per step, the loss on the
            recall step only, accuracy on 512 held-out sequences. Progress goes to standard error.
            \(CommandExamples.text(examples))
            """
        )

        @Option(help: "Comma-separated delays N.")
        var delays: String = MemoryRaceRunner.Configuration.defaultDelays.map(String.init).joined(separator: ",")

        @Option(help: "Comma-separated cells.")
        var cells: String = "rnn,lstm,gru"

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
        }

        func parsedCells() throws -> [CellKind] {
            let parts = cells.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
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
                nonlinearity: function == .relu ? .relu : .tanh, clipNorm: clip)
            var reported = 0
            var lastTenth = -1
            let report = MemoryRaceRunner.run(config, progress: quiet ? nil : { p in
                let tenth = Int(p.fractionDone * 10)
                if p.finished.count > reported {
                    for r in p.finished[reported...] {
                        AnalyzeCommand.progressLine("\(r.cell.rawValue) N=\(r.delay): accuracy \(String(format: "%.3f", r.accuracy)) (\(String(format: "%.1f", r.seconds)) s)")
                    }
                    reported = p.finished.count
                }
                if tenth > lastTenth {
                    lastTenth = tenth
                    AnalyzeCommand.progressLine("\(tenth * 10)% — training \(p.cell.rawValue) at N=\(p.delay)")
                }
            })
            if !quiet, let last = report.results.last, report.results.count > reported {
                AnalyzeCommand.progressLine("\(last.cell.rawValue) N=\(last.delay): accuracy \(String(format: "%.3f", last.accuracy)) (\(String(format: "%.1f", last.seconds)) s)")
            }
            if json {
                AnalyzeCommand.emit(report.json)
                return
            }
            print("memory race: H=\(hidden), \(steps) Adam steps of batch \(batch), lr \(lr), seed \(seed); held-out accuracy (chance 0.25)")
            print(AnalyzeCommand.left("N", 7) + config.cells.map { AnalyzeCommand.left($0.displayName, 9) }.joined())
            for d in config.delays {
                print(AnalyzeCommand.left("\(d)", 7) + config.cells.map { c in
                    AnalyzeCommand.left(report.accuracy(cell: c, delay: d).map { String(format: "%.3f", $0) } ?? "-", 9)
                }.joined())
            }
            print("wall time \(String(format: "%.1f", report.seconds)) s")
        }
    }

    /// One line on standard error.
    static func progressLine(_ s: String) {
        FileHandle.standardError.write(Data((s + "\n").utf8))
    }
}
