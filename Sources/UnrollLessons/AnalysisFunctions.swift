import Foundation
import Synchronization
import UnrollCore

/// Check functions backed by the core's analyses: what lessons 4–11 claim about squashing,
/// spectral radius, vanishing gradients, BPTT and the memory race, computed when checked.
public enum AnalysisFunctions {
    /// Every analysis function, as listed in `CheckFunctions.standard`.
    public static let all: [CheckFunction] = [
        CheckFunction(name: "tanh", arity: 1...1, summary: "tanh(x): the hyperbolic tangent") { a, _ in .number(tanhD(try a.number(0))) },
        CheckFunction(name: "sigmoid", arity: 1...1, summary: "sigmoid(x): the logistic function 1 / (1 + e^(−x))") { a, _ in
            .number(UnrollCore.sigmoid(try a.number(0)))
        },
        CheckFunction(name: "spectral_radius", arity: 0...0,
                      summary: "spectral_radius(): ρ(W_hh) of the scene's model (the candidate block for a gated cell)") { _, ctx in
            .number(ctx.run.model.recurrentSpectralRadius())
        },
        CheckFunction(name: "eigenvalue_abs", arity: 1...1,
                      summary: "eigenvalue_abs(k): |λ_k| of the scene's W_hh (its candidate block for a gated cell), the k-th largest in size; eigenvalue_abs(1) is ρ") { a, ctx in
            let k = try positive(a, 0), model = ctx.run.model
            guard k <= model.hiddenSize else { throw CheckFunctionError("k should be 1…\(model.hiddenSize), the model's hidden size", argument: 0) }
            let sizes = eigenvalues(of: model.recurrentBlock(), size: model.hiddenSize).map(\.magnitude).sorted(by: >)
            return .number(sizes[k - 1])
        },
        CheckFunction(name: "nonnormality", arity: 0...0,
                      summary: "nonnormality(): ‖WᵀW − WWᵀ‖ / ‖W‖² for the scene's W_hh (candidate block for a gated cell): 0 for a normal W, at most √2") { _, ctx in
            .number(nonNormality(of: ctx.run.model.recurrentBlock(), size: ctx.run.model.hiddenSize))
        },
        CheckFunction(name: "power_norm", arity: 2...2,
                      summary: "power_norm(scale, t): ‖h_t‖ for h_t = ((scale·W)ᵗ)ᵀh₀ on the scene's W_hh, h₀ the plot `power`'s random unit vector (seed 0)") { a, ctx in
            let scale = try a.number(0), t = try a.integer(1)
            guard scale >= 0.05, scale <= 4 else { throw CheckFunctionError("scale should be 0.05…4", argument: 0) }
            guard (0...500).contains(t) else { throw CheckFunctionError("t should be 0…500", argument: 1) }
            let model = ctx.run.model, H = model.hiddenSize
            let series = PowerSeries(matrix: model.recurrentBlock(), size: H, scale: scale, initial: randomUnitVector(size: H, seed: 0), steps: max(t, 1))
            return .number(series.norms[t])
        },
        CheckFunction(name: "squash", arity: 3...3,
                      summary: "squash(f, n, x): f applied n times to x, f one of sigmoid, tanh, relu") { a, _ in
            let f = try squashFunction(a, 0), n = try positive(a, 1), x = try a.number(2)
            var v = x
            for _ in 0..<n { v = f.value(v) }
            return .number(v)
        },
        CheckFunction(name: "squash_slope", arity: 2...2,
                      summary: "squash_slope(f, n): the steepest slope of f∘…∘f (n times) over x in [−6, 6]") { a, _ in
            .number(SquashComposition(function: try squashFunction(a, 0), depth: try positive(a, 1)).maximumSlope(depth: try positive(a, 1)))
        },
        CheckFunction(name: "toy_loop", arity: 3...3,
                      summary: "toy_loop(f, w, steps): |s| after s ← f(w·s + 1) from s = 0; f one of none, sigmoid, tanh, relu") { a, _ in
            let name = try a.word(0), w = try a.number(1), steps = try positive(a, 2)
            let f: Squash? = name == "none" ? nil : Squash(rawValue: name)
            if name != "none" && f == nil { throw CheckFunctionError("unknown function '\(name)' (none, sigmoid, tanh, relu)", argument: 0) }
            var s = 0.0
            for _ in 0..<steps { s = f.map { $0.value(w * s + 1) } ?? (w * s + 1) }
            return .number(abs(s))
        },
        CheckFunction(name: "grad_ratio", arity: 1...1,
                      summary: "grad_ratio(d): ‖∂L_T/∂h_{T−d}‖ / ‖∂L_T/∂h_{T−1}‖ on the scene (loss on the last step)") { a, ctx in
            let d = try positive(a, 0)
            let run = ctx.run
            guard d < run.input.count else { throw CheckFunctionError("distance \(d) needs more than \(run.input.count) steps", argument: 0) }
            let target = run.targets?.last.flatMap { $0 }
            let g = GradientDistance(model: run.model, input: run.input, target: target, clamps: run.clamps)
            return .number(g.relativeLossGradient(distance: d))
        },
        CheckFunction(name: "untrained_grad_ratio", arity: 2...2,
                      summary: "untrained_grad_ratio(cell, d): the plot `distance, compare: true` (untrained, H=16, T=40, seed 0): ‖∂L_T/∂s_{T−d}‖ / ‖∂L_T/∂s_{T−1}‖ for rnn (tanh, random W), lstm ((h, c)) or gru") { a, _ in
            let cellName = try a.word(0)
            guard let cell = CellKind(rawValue: cellName) else { throw CheckFunctionError("unknown cell '\(cellName)' (rnn, lstm, gru)", argument: 0) }
            let d = try positive(a, 1)
            guard d < 40 else { throw CheckFunctionError("distance should be 1…39", argument: 1) }
            let curves = GradientDistance.comparison(hiddenSize: 16, inputSize: 8, steps: 40, seed: 0)
            // The first curve of each cell: the RNN's is tanh with a random W (the plot's "RNN tanh random").
            guard let curve = curves.first(where: { $0.kind == cell }) else { throw CheckFunctionError("no untrained \(cellName) curve", argument: 0) }
            return .number(curve.distance.relativeLossGradient(distance: d))
        },
        CheckFunction(name: "radius_grad_ratio", arity: 2...2,
                      summary: "radius_grad_ratio(r, d): the same ratio for a tanh RNN (H=16, seed 0) whose W_hh has spectral radius r") { a, _ in
            let r = try a.number(0), d = try positive(a, 1)
            guard r > 0, r < 10 else { throw CheckFunctionError("radius should be in (0, 10)", argument: 0) }
            let model = RecurrentModel.analysisModel(kind: ElmanCell().kind, hiddenSize: 16, spectralRadius: r, seed: 0)
            let input = randomTokenInput(steps: d + 5, inputSize: model.inputSize, seed: 0)
            return .number(GradientDistance(model: model, input: input).relativeLossGradient(distance: d))
        },
        CheckFunction(name: "race_accuracy", arity: 2...4,
                      summary: "race_accuracy(cell, delay[, seed[, forget_bias]]): recall accuracy after training on the memory race (H=8, 400 Adam steps of 16, lr 0.02; seed 0 unless given; an LSTM's forget-gate bias started at forget_bias)") { a, ctx in
            let cellName = try a.word(0)
            guard let cell = CellKind(rawValue: cellName) else { throw CheckFunctionError("unknown cell '\(cellName)' (rnn, lstm, gru)", argument: 0) }
            let delay = try a.integer(1)
            guard (0...60).contains(delay) else { throw CheckFunctionError("delay should be 0…60", argument: 1) }
            var seed = 0
            if a.count > 2 {
                seed = try a.integer(2)
                guard (0...99).contains(seed) else { throw CheckFunctionError("seed should be 0…99", argument: 2) }
            }
            var forgetBias: Double? = nil
            if a.count > 3 {
                let b = try a.number(3)
                guard b.isFinite, abs(b) <= 10 else { throw CheckFunctionError("forget_bias should be -10…10", argument: 3) }
                guard cell == .lstm else { throw CheckFunctionError("only an LSTM has a forget gate", argument: 3) }
                forgetBias = b
            }
            return .number(ctx.analyses.raceAccuracy(cell: cell, delay: delay, seed: UInt64(seed), forgetBias: forgetBias))
        },
        CheckFunction(name: "book_subject", arity: 2...3,
                      summary: "book_subject(cell, bptt[, seed]): trained on the book with BPTT cut after bptt steps (1…50, or full), the largest probability given to the sentence's own subject right after \"saw\" on a held-out story (H=8, 800 Adam epochs of one 50-sentence story, lr 0.02; seed 0 unless given)") { a, ctx in
            .number(ctx.analyses.truncation(try truncationDemo(a)).subjectAfterSaw)
        },
        CheckFunction(name: "book_accuracy", arity: 2...3,
                      summary: "book_accuracy(cell, bptt[, seed]): the same run's share of held-out steps whose top word the grammar allows") { a, ctx in
            .number(ctx.analyses.truncation(try truncationDemo(a)).accuracy)
        },
        CheckFunction(name: "clip_training", arity: 2...3,
                      summary: "clip_training(clip, measure[, seed]): a tanh RNN (H=8) trained on the book by SGD at lr 0.3 for 150 updates, its gradient clipped to clip (or none); measure is first_loss (before any update), final_loss, worst_loss (from update 2) or max_norm (before clipping)") { a, ctx in
            let curve = ctx.analyses.clipping(try clippingDemo(a))
            switch try a.word(1) {
            case "first_loss": return .number(curve.losses.first ?? .nan)
            case "final_loss": return .number(curve.finalLoss)
            case "worst_loss": return .number(curve.worstLoss)
            case "max_norm": return .number(curve.maxNorm)
            case let other: throw CheckFunctionError("unknown measure '\(other)' (first_loss, final_loss, worst_loss, max_norm)", argument: 1)
            }
        },
        CheckFunction(name: "grad", arity: 3...3,
                      summary: "grad(tensor, row, col): ∂L/∂θ for one weight of the scene's run (needs targets), e.g. grad(weight_hh_l0, 0, 1)") { a, ctx in
            let k = try parameterIndex(a, ctx.run.model)
            guard let g = ctx.run.gradients else { throw CheckFunctionError("the scene has no targets, so no gradient") }
            return .number(g.parameters[k])
        },
        CheckFunction(name: "fd_grad", arity: 3...3,
                      summary: "fd_grad(tensor, row, col): the same derivative by central finite differences (ε = 1e-6)") { a, ctx in
            let k = try parameterIndex(a, ctx.run.model)
            guard let d = ctx.run.run.finiteDifferenceGradient(parameter: k) else {
                throw CheckFunctionError("the scene has no targets, so no loss to differentiate")
            }
            return .number(d)
        },
        CheckFunction(name: "grad_total_norm", arity: 0...0, summary: "grad_total_norm(): ‖∂L/∂θ‖ over every parameter") { _, ctx in
            guard let g = ctx.run.gradients else { throw CheckFunctionError("the scene has no targets, so no gradient") }
            return .number(g.norm)
        },
        CheckFunction(name: "clip_after", arity: 1...1, summary: "clip_after(max): the gradient's norm after clipping it to max") { a, ctx in
            guard let g = ctx.run.gradients else { throw CheckFunctionError("the scene has no targets, so no gradient") }
            let m = try a.number(0)
            guard m > 0 else { throw CheckFunctionError("max should be > 0", argument: 0) }
            return .number(ClippingReport(gradient: g.parameters, layout: ctx.run.model.layout, maxNorm: m).normAfter)
        },
        CheckFunction(name: "step_share", arity: 2...2,
                      summary: "step_share(tensor, t): step t's share of ∂L/∂tensor (projections onto the total; the shares sum to 1)") { a, ctx in
            let name = try a.word(0), t = try positive(a, 1)
            guard ctx.run.gradients != nil else { throw CheckFunctionError("the scene has no targets, so no gradient") }
            guard t <= ctx.run.input.count else { throw CheckFunctionError("step \(t) is past the last step", argument: 1) }
            guard let share = ctx.run.run.stepShare(tensor: name, at: t) else { throw CheckFunctionError("unknown tensor '\(name)'", argument: 0) }
            return .number(share)
        },
        CheckFunction(name: "one_step_gap", arity: 1...1,
                      summary: "one_step_gap(t): max |h_t of the unrolled run − one step of the same cell from h_{t−1}|") { a, ctx in
            let t = try positive(a, 0), run = ctx.run
            guard t <= run.input.count else { throw CheckFunctionError("step \(t) is past the last step", argument: 0) }
            return .number(run.run.oneStepGap(at: t))
        },
        CheckFunction(name: "greedy", arity: 1...1,
                      summary: "greedy(k): the k-th word the model writes after the scene's input, feeding its own predictions") { a, ctx in
            let k = try positive(a, 0), model = ctx.run.model
            guard model.vocabCoversOutputs, ctx.run.input.tokens != nil else {
                throw CheckFunctionError("greedy needs a model whose vocabulary names its outputs")
            }
            guard k <= 64 else { throw CheckFunctionError("k should be ≤ 64", argument: 0) }
            let written = ctx.run.run.greedyContinuation(k) ?? []
            return .word(written.last.map(model.outputLabel) ?? "")
        },
    ]


    /// The cell named by argument `i`.
    static func cellKind(_ a: CheckArguments, _ i: Int) throws(CheckFunctionError) -> CellKind {
        let name = try a.word(i)
        guard let cell = CellKind(rawValue: name) else { throw CheckFunctionError("unknown cell '\(name)' (rnn, lstm, gru)", argument: i) }
        return cell
    }

    /// Argument `i` as a seed 0…99, or 0 when it is not given.
    static func seed(_ a: CheckArguments, _ i: Int) throws(CheckFunctionError) -> UInt64 {
        guard a.count > i else { return 0 }
        let n = try a.integer(i)
        guard (0...99).contains(n) else { throw CheckFunctionError("seed should be 0…99", argument: i) }
        return UInt64(n)
    }

    /// `book_subject`'s and `book_accuracy`'s run: (cell, bptt window or `full`, seed).
    static func truncationDemo(_ a: CheckArguments) throws(CheckFunctionError) -> TruncationDemo {
        let cell = try cellKind(a, 0)
        let window: Int?
        if case .word("full") = a[1] {
            window = nil
        } else {
            guard case .number = a[1], let k = LessonInteger.from(try a.number(1), in: TruncationDemo.windows) else {
                throw CheckFunctionError("bptt should be a whole number \(LessonInteger.describe(TruncationDemo.windows)) or full", argument: 1)
            }
            window = k
        }
        return TruncationDemo(cell: cell, window: window, seed: try seed(a, 2))
    }

    /// `clip_training`'s run: (clip threshold or `none`, _, seed).
    static func clippingDemo(_ a: CheckArguments) throws(CheckFunctionError) -> ClippingDemo {
        let clip: Double?
        if case .word("none") = a[0] {
            clip = nil
        } else {
            guard case let .number(c) = a[0], ClippingDemo.clips.contains(c) else {
                throw CheckFunctionError("clip should be a number 0.01…100 or none", argument: 0)
            }
            clip = c
        }
        return ClippingDemo(clip: clip, seed: try seed(a, 2))
    }

    static func squashFunction(_ a: CheckArguments, _ i: Int) throws(CheckFunctionError) -> Squash {
        let name = try a.word(i)
        guard let f = Squash(rawValue: name) else { throw CheckFunctionError("unknown function '\(name)' (sigmoid, tanh, relu)", argument: i) }
        return f
    }

    static func positive(_ a: CheckArguments, _ i: Int) throws(CheckFunctionError) -> Int {
        let n = try a.integer(i)
        guard n >= 1, n <= 10_000 else { throw CheckFunctionError("argument \(i + 1) should be 1…10000", argument: i) }
        return n
    }

    /// The flat index of `tensor[row, col]` (a vector tensor takes col 0).
    static func parameterIndex(_ a: CheckArguments, _ model: RecurrentModel) throws(CheckFunctionError) -> Int {
        let name = try a.word(0), row = try a.integer(1), col = try a.integer(2)
        guard let t = model.layout.tensor(named: name) else {
            throw CheckFunctionError("unknown tensor '\(name)' (\(model.layout.tensors.map(\.name).joined(separator: ", ")))", argument: 0)
        }
        guard row >= 0, row < t.rows else { throw CheckFunctionError("row \(row) is outside 0…\(t.rows - 1)", argument: 1) }
        let cols = t.columns ?? 1
        guard col >= 0, col < cols else { throw CheckFunctionError("column \(col) is outside 0…\(cols - 1)", argument: 2) }
        return t.offset + row * cols + col
    }
}

