import UnrollCore

/// The vanishing-gradient screen: the squash composition fⁿ(x), the powers of the scaled recurrent
/// matrix cW with its eigenvalues, and gradient against distance for this model beside the
/// standard comparison of cell types.
///
/// Everything is computed by the core's `VanishingLab` when a setting changes (in `update`, never
/// in `view`): a W-scale key costs one `VanishingLab.update(scale:)` plus the O(T) ρᵗ reference
/// series. The cell-type comparison does not depend on c and is computed once, when the screen opens.
///
/// ```swift
/// var screen = VanishingState(model: model, input: input)
/// screen.scale(by: 1.1)             // the ↑ key
/// screen.lab.spectralRadius          // ρ(cW), shown in the header
/// ```
public struct VanishingState: Sendable {
    public var title: String
    /// The core's screen computation: composition, eigenvalues, power series, gradient against distance.
    public private(set) var lab: VanishingLab
    /// The input's words (for captions; may be empty).
    public let tokens: [String]
    /// Gradient against distance for RNN variants, the LSTM and the GRU (same H, I and T; seeded).
    public private(set) var comparison: [GradientDistance.Curve]
    /// Which RNN curve of `comparison` is plotted beside the LSTM and GRU.
    public private(set) var variant: Int
    /// The distance d = T − t under the cursor of the gradient plot.
    public private(set) var distance: Int
    /// ρ(cW)ᵗ for t = 0…T: the growth the power series follows.
    public private(set) var radiusPowers: [Double]
    /// The depths n of the composition plot (1, 2, … and N).
    public private(set) var shownDepths: [Int]
    /// A one-line message for the status bar.
    public var note: String?

    /// The scale factor per W-scale key.
    public static let scaleStep = 1.1
    /// The deepest composition the keys allow.
    public static let maximumDepth = 50

    /// A screen on `model` over `input` (at least one step) with `settings` (scale c, depth n,
    /// function, gate, target).
    ///
    /// - Parameters:
    ///   - compare: whether to compute the cell-type comparison (11 gradient measurements).
    ///   - distance: the distance under the cursor (default a quarter of T).
    public init(title: String = "gradient lab", model: RecurrentModel, input: SequenceInput, tokens: [String] = [],
                settings: VanishingLab.Settings = VanishingLab.Settings(), compare: Bool = true, seed: UInt64 = 0,
                distance: Int? = nil) {
        self.title = title
        self.tokens = tokens
        lab = VanishingLab(model: model, input: input, settings: settings)
        comparison = compare
            ? GradientDistance.comparison(hiddenSize: model.hiddenSize, inputSize: model.inputSize, steps: input.count, seed: seed)
            : []
        variant = 0
        self.distance = min(max(0, distance ?? input.count / 4), input.count)
        radiusPowers = []
        shownDepths = []
        refresh()
    }

    /// The default screen: a seeded RNN with H = 32 over T = 100 random tokens (the benchmark's size).
    public static func standard() -> VanishingState {
        let model = RecurrentModel.analysisModel(kind: ElmanCell().kind, inputSize: 8, hiddenSize: 32, seed: 1)
        return VanishingState(title: "vanishing and exploding gradients", model: model,
                              input: randomTokenInput(steps: 100, inputSize: 8, seed: 2))
    }

    public var settings: VanishingLab.Settings { lab.settings }
    public var model: RecurrentModel { lab.model }
    /// T.
    public var steps: Int { lab.input.count }

    /// The RNN curves of the comparison (the variants `v` cycles through).
    public var rnnCurves: [GradientDistance.Curve] { comparison.filter { !$0.kind.standardCell.isGated } }
    /// The RNN curve plotted beside the gated cells.
    public var rnnCurve: GradientDistance.Curve? {
        let rnn = rnnCurves
        return rnn.isEmpty ? nil : rnn[variant % rnn.count]
    }
    /// The gated cells' curves of the comparison.
    public var gatedCurves: [GradientDistance.Curve] { comparison.filter { $0.kind.standardCell.isGated } }

    /// ‖∂h_T/∂s_{T−d}‖ of this model (scaled by c) at the cursor's distance.
    public var gradientAtCursor: Double { lab.distance.jacobianNorms[min(distance, lab.distance.jacobianNorms.count - 1)] }

    // MARK: - Changes (each recomputes what depends on it)

    /// Multiplies c by `factor` and recomputes every W-dependent panel.
    public mutating func scale(by factor: Double) {
        setScale(lab.settings.scale * factor)
    }

    /// Sets c and recomputes every W-dependent panel.
    public mutating func setScale(_ c: Double) {
        guard c.isFinite, c > 0 else { return }
        lab.update(scale: c)
        refresh()
    }

    /// Picks c so that ρ(cW) = 1: the edge between vanishing and exploding.
    public mutating func scaleToUnitRadius() {
        let rho = lab.spectralRadius
        guard rho > 0, rho.isFinite else {
            note = "ρ(cW) is 0: W has no eigenvalue to put on the circle"
            return
        }
        setScale(lab.settings.scale / rho)
    }

    /// Sets n, the depth of the composition (1…`maximumDepth`).
    public mutating func setDepth(_ n: Int) {
        var s = lab.settings
        s.depth = min(max(1, n), VanishingState.maximumDepth)
        guard s != lab.settings else { return }
        lab.update(s)
        refresh()
    }

    /// The next squashing function for the composition panel: σ → tanh → relu → σ.
    public mutating func cycleFunction() {
        var s = lab.settings
        let all = Squash.allCases
        s.function = all[((all.firstIndex(of: s.function) ?? 0) + 1) % all.count]
        lab.update(s)
        refresh()
    }

    /// Gated models: the next gate whose block of W_hh the eigenvalue and power panels use.
    public mutating func cycleGate() {
        let gates = model.kind.gates
        guard !gates.isEmpty else {
            note = "an RNN has one recurrent matrix W_hh: no gate to choose"
            return
        }
        var s = lab.settings
        let current = gates.firstIndex(of: s.gate ?? .candidate) ?? 0
        s.gate = gates[(current + 1) % gates.count]
        lab.update(s)
        refresh()
    }

    /// The next RNN variant of the comparison (squash × initialisation).
    public mutating func cycleVariant() {
        let n = rnnCurves.count
        guard n > 0 else { return }
        variant = (variant + 1) % n
    }

    /// Moves the distance cursor by `delta` steps, within 0…T.
    public mutating func moveDistance(by delta: Int) { setDistance(distance + delta) }

    /// Puts the distance cursor at d (clamped to 0…T).
    public mutating func setDistance(_ d: Int) { distance = min(max(0, d), steps) }

    /// c = 1, the default depth and function.
    public mutating func reset() {
        var s = lab.settings
        let defaults = VanishingLab.Settings()
        s.scale = 1
        s.depth = defaults.depth
        s.function = defaults.function
        lab.update(s)
        refresh()
        note = "reset: c = 1, n = \(defaults.depth), \(defaults.function.rawValue)"
    }

    /// Recomputes the screen's own series from the lab: ρᵗ and the depths to plot. O(T + N).
    private mutating func refresh() {
        let rho = lab.spectralRadius
        let T = steps
        if radiusPowers.count != T + 1 { radiusPowers = [Double](repeating: 0, count: T + 1) }
        var p = lab.power.norms.first ?? 1
        for t in 0...T {
            radiusPowers[t] = p
            p *= rho
        }
        let N = lab.settings.depth
        shownDepths = [1, 2, 4].filter { $0 < N } + [N]
    }
}

extension AppState {
    /// The vanishing-gradient screen, when it is showing.
    public var vanishing: VanishingState? {
        if case let .vanishing(v) = screen { return v }
        return nil
    }
}
