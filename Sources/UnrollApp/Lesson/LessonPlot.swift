import UnrollCore
import UnrollLessons
import UnrollTUI

/// A scene's `plot`, computed by the core when the step loads (or the W scale changes), so the
/// view only draws: the series, whether y is logarithmic, and a caption with the key numbers.
public struct LessonPlot: Sendable, Equatable {
    public var title: String
    public var series: [LinePlot.Series]
    public var logY: Bool
    public var caption: String

    /// Computes `spec` on the scene's run; nil for an unknown kind (lint reports those).
    public static func compute(_ spec: PlotSpec, run: SceneRun, scale: Double, analyses: AnalysisCache = AnalysisCache()) -> LessonPlot? {
        let p = spec.parameters
        guard let kind = spec.plotKind else { return nil }
        switch kind {
        case .squash:
            let f = p["function"]?.text.flatMap(Squash.init(rawValue:)) ?? .sigmoid
            let n = spec.integer("n", default: 5)
            let from = spec.number("from", default: -6), to = max(spec.number("to", default: 6), from + 1e-6)
            let c = SquashComposition(function: f, depth: n, from: from, to: to, samples: 121)
            let depths = Array(Set([1, 2, max(1, n / 2), n].filter { $0 <= n })).sorted()
            let roles: [Role] = [.positive, .accent, .gate, .memory]
            let series = depths.enumerated().map { k, d in
                LinePlot.Series("\(f.rawValue)×\(d)", points: zip(c.xs, c.values(depth: d)).map { LinePlot.Point($0, $1) }, role: roles[k % roles.count])
            }
            let slope1 = c.maximumSlope(depth: 1), slopeN = c.maximumSlope(depth: n)
            return LessonPlot(title: "\(f.rawValue) applied n times, n = \(depths.map(String.init).joined(separator: ", "))", series: series, logY: false,
                              caption: "steepest slope: n=1 \(NumberFormat.significant(slope1)), n=\(n) \(NumberFormat.significant(slopeN))")
        case .toy_loop:
            let name = p["function"]?.text ?? "tanh"
            let f = Squash(rawValue: name)
            let w = spec.number("w", default: 2)
            let steps = spec.integer("steps", default: 30)
            let loop = ToyLoop(function: f, weight: w, steps: steps)
            let values = loop.values, explodes = loop.explodes
            return LessonPlot(title: "s ← \(f == nil ? "" : name)(\(NumberFormat.fixed(w, decimals: 1))·s + 1)", series: [
                LinePlot.Series("s", values: explodes ? values.map(abs) : values, firstX: 1, role: explodes ? .warning : .positive),
            ], logY: explodes, caption: "after \(steps) steps: s = \(NumberFormat.compact(values.last ?? 0, width: 10, decimals: 3))")
        case .power:
            let model = run.model
            let w = model.recurrentBlock()
            let H = model.hiddenSize
            let steps = spec.integer("steps", default: 40)
            let series = PowerSeries(matrix: w, size: H, scale: scale, initial: randomUnitVector(size: H, seed: 0), steps: steps)
            let rho = spectralRadius(of: w, size: H) * scale
            return LessonPlot(title: "‖h_t‖ for h_t = (Wᵗ)ᵀh₀, W scaled by \(NumberFormat.fixed(scale, decimals: 2))",
                              series: [LinePlot.Series("‖h_t‖", values: series.norms.map { max($0, 1e-300) }, firstX: 0, role: rho > 1 ? .warning : .positive)],
                              logY: true, caption: "spectral radius ρ = \(NumberFormat.fixed(rho, decimals: 3)) (s / S scale W)")
        case .distance:
            if p["compare"] == .bool(true) || p["compare"]?.text == "true" || p["compare"]?.number == 1 {
                let curves = GradientDistance.comparison(hiddenSize: 16, inputSize: 8, steps: 40, seed: 0)
                let wanted: Set<String> = ["RNN tanh random", "LSTM", "GRU"]
                let chosen = curves.filter { c in wanted.contains { c.label.hasPrefix($0) } }.prefix(4)
                let roles: [Role] = [.warning, .memory, .gate, .accent]
                let series = chosen.enumerated().map { k, c in
                    // The LSTM's curve is labelled "LSTM(h,c)" by the core: it measures the whole state.
                    LinePlot.Series(c.label,
                                    values: Array(c.distance.lossGradientNorms.dropFirst().map { max($0, 1e-300) }), firstX: 1, role: roles[k % roles.count])
                }
                // What is left at distance 20, relative to distance 1, read off the curves themselves.
                let at20 = chosen.map { c -> String in
                    let norms = c.distance.lossGradientNorms
                    let kept = norms.count > 20 && norms[1] > 0 ? norms[20] / norms[1] : 0
                    return "\(c.kind.displayName) \(NumberFormat.compact(kept, width: 7, decimals: 2))"  // the legend names the LSTM's (h, c)
                }
                return LessonPlot(title: "‖∂L_T/∂h_t‖ against distance T − t (H = 16, untrained)", series: series, logY: true,
                                  caption: "untrained, all fade; left at 20 vs 1: " + at20.joined(separator: ", "))
            }
            let target = run.targets?.last.flatMap { $0 }
            let g = GradientDistance(model: run.model, input: run.input, target: target, clamps: run.clamps)
            return LessonPlot(title: "‖∂L_T/∂h_t‖ against distance on this scene", series: [
                LinePlot.Series("gradient", values: Array(g.lossGradientNorms.dropFirst().map { max($0, 1e-300) }), firstX: 1, role: .positive),
            ], logY: true, caption: "loss on the last step only")
        case .loss:
            return loss(run.trace)
        case .bptt, .gradient:
            guard let g = run.gradients else {
                return LessonPlot(title: "gradients", series: [], logY: false, caption: "this scene has no targets, so no loss to send back")
            }
            let T = run.trace.steps
            // Log scale: zero values (e.g. step 1's share, where h₀ = 0) are left out, not floored.
            let norms = g.hiddenNorms(steps: T)
            var series = [LinePlot.Series("‖∂L/∂h_t‖", values: norms, firstX: 1, role: .positive)]
            var caption = "the gradient at each step, in total"
            let full = g.stepShares == nil ? (run.run.recordingStepShares().gradients ?? g) : g
            if let shares = StepContributions(gradients: full, tensor: "weight_hh_l0") {
                series.append(LinePlot.Series("share of ∂L/∂W_hh", values: shares.fractions.map { abs($0) }, firstX: 1, role: .memory))
                caption += "; each step's share of ∂L/∂W_hh"
            }
            return LessonPlot(title: "backpropagation through time", series: series, logY: true, caption: caption)
        case .clipping:
            let clip = spec.number("clip", default: 1), seed = UInt64(spec.integer("seed", default: 0))
            let free = analyses.clipping(ClippingDemo(clip: nil, seed: seed)), clipped = analyses.clipping(ClippingDemo(clip: clip, seed: seed))
            let c = NumberFormat.significant(clip)
            let series = [
                LinePlot.Series("loss", values: free.losses, firstX: 1, role: .warning),
                LinePlot.Series("‖g‖", values: free.norms, firstX: 1, role: .gate),
                LinePlot.Series("loss, clip \(c)", values: clipped.losses, firstX: 1, role: .positive),
                LinePlot.Series("‖g‖, clip \(c)", values: clipped.norms, firstX: 1, role: .memory),
            ].map { s in LinePlot.Series(s.name, points: s.points.map { LinePlot.Point($0.x, max($0.y, 1e-300)) }, role: s.role) }
            return LessonPlot(title: "SGD at lr \(NumberFormat.significant(ClippingDemo.learningRate)), tanh RNN, per update (seed \(seed))", series: series, logY: true,
                              caption: "max ‖g‖ \(NumberFormat.significant(free.maxNorm)) vs \(NumberFormat.significant(clipped.maxNorm)) clipped; final loss \(NumberFormat.significant(free.finalLoss)) vs \(NumberFormat.significant(clipped.finalLoss))")
        case .series:
            return series(run, errors: p["show"]?.text == "error")
        case .race, .accuracy:
            let delays = spec.integers("delays", default: [5, 15])
            let series = CellKind.allCases.map { cell in
                LinePlot.Series(cell.displayName, points: delays.map { LinePlot.Point(Double($0), analyses.raceAccuracy(cell: cell, delay: $0)) },
                                role: GradientText.role(cell))
            }
            return LessonPlot(title: "recall accuracy against delay (seed 0, H = 8, 400 Adam steps of 16)", series: series, logY: false,
                              caption: "the full race: unroll gradients race")
        }
    }

    /// The `series` plot: the true wave, the one-step-ahead predictions (each step read the truth)
    /// and the forecast from the observed steps on (each step read its own guess); or, with
    /// `errors`, how far the forecast and the one-step predictions are from the truth h steps on.
    static func series(_ run: SceneRun, errors: Bool) -> LessonPlot {
        guard let spec = run.scene.series, run.model.inputKind == .real, run.model.inputSize == 1, run.model.outputSize == 1 else {
            return LessonPlot(title: "series", series: [], logY: false, caption: "this scene has no 'series' for a forecaster")
        }
        let f = spec.forecast(run.model), observed = f.observed, T = f.truth.count
        let mark = "reads the truth to t=\(observed), then its own guesses"
        if errors {
            guard f.horizon >= 1 else { return LessonPlot(title: "forecast error", series: [], logY: false, caption: "the scene forecasts nothing (horizon 0)") }
            let hs = Array(1...f.horizon)
            let lines = [
                LinePlot.Series("forecast, fed itself", points: hs.map { LinePlot.Point(Double($0), f.forecastError($0)) }, role: .positive),
                LinePlot.Series("one step ahead", points: hs.map { LinePlot.Point(Double($0), f.oneStepError(atStep: observed + $0)) }, role: .accent),
            ]
            return LessonPlot(title: "|error| h steps past t=\(observed) (wave seed \(spec.seed.value))", series: lines, logY: false,
                              caption: "h = 1: \(NumberFormat.significant(f.forecastError(1))); h = \(f.horizon): \(NumberFormat.significant(f.forecastError(f.horizon)))"
                                + "; one step ahead, mean \(NumberFormat.significant(f.meanOneStepError))")
        }
        var lines = [LinePlot.Series("wave", values: f.truth, firstX: 1, role: .text)]
        lines.append(LinePlot.Series("one step ahead", points: f.oneStep.indices.map { LinePlot.Point(Double($0 + 2), f.oneStep[$0]) }, role: .accent))
        if f.horizon >= 1 {
            lines.append(LinePlot.Series("forecast, fed itself", points: f.forecast.indices.map { LinePlot.Point(Double(observed + $0 + 1), f.forecast[$0]) },
                                         role: .positive))
        }
        let caption = f.horizon >= 1 ? mark : "every step reads the truth; mean |error| one step ahead \(NumberFormat.significant(f.meanOneStepError))"
        return LessonPlot(title: "the wave (seed \(spec.seed.value)), \(T) steps", series: lines, logY: false, caption: caption)
    }

    /// The `loss` plot of one trace: the loss at each step and their sum (live while training).
    public static func loss(_ trace: Trace, updates: Int? = nil) -> LessonPlot {
        let losses = (1...max(1, trace.steps)).map { trace.loss(at: $0) ?? 0 }
        let after = updates.map { " (after \($0) updates)" } ?? ""
        return LessonPlot(title: "loss at each step" + after, series: [LinePlot.Series("loss", values: losses, firstX: 1, role: .accent)],
                          logY: false, caption: "total loss = sum over steps = \(NumberFormat.compact(trace.totalLoss ?? 0, width: 8, decimals: 4))")
    }
}
