/// What the unrolled chain shows: plain values, built by the app from a run (no core types here).
///
/// One `ChainStep` per time step: the token fed, the prediction and its target, the state of
/// each layer, the backward direction's state for a bidirectional network, clamp marks, the
/// gradient norm for BPTT, and whether the step is a ghost (a greedy continuation the network
/// would produce by feeding itself). An encoder–decoder network puts its encoder steps in
/// `encoder` and its context in `context`; `steps` are then the decoder's.
public struct ChainModel: Equatable, Sendable {
    /// The states shown inside a box.
    public enum Shape: Equatable, Sendable {
        /// One chain (or, with more than one state per step, a stack of layers).
        case chain
        /// A second chain running right to left under the first; predictions read both.
        case bidirectional
        /// Encoder chain → context → decoder chain.
        case encoderDecoder
    }

    public var steps: [ChainStep]
    /// The encoder's steps (encoder–decoder only).
    public var encoder: [ChainStep]
    /// The state handed from the encoder to the decoder (encoder–decoder only).
    public var context: ChainState?
    /// The |h| drawn as a strong unit (1 for tanh-bounded states).
    public var hiddenScale: Double
    /// The |c| drawn as a strong unit; nil for the largest |c| (at least 1).
    public var cellScale: Double?

    public init(steps: [ChainStep], encoder: [ChainStep] = [], context: ChainState? = nil, hiddenScale: Double = 1, cellScale: Double? = nil) {
        self.steps = steps
        self.encoder = encoder
        self.context = context
        self.hiddenScale = hiddenScale
        self.cellScale = cellScale
    }

    /// Which shape the values describe.
    public var shape: Shape {
        if context != nil || !encoder.isEmpty { return .encoderDecoder }
        if steps.contains(where: { $0.backward != nil }) { return .bidirectional }
        return .chain
    }

    /// The number of stacked layers (the most any step has).
    public var layerCount: Int { Swift.max(1, (encoder + steps).map(\.layers.count).max() ?? 1) }

    /// Whether any state carries a cell state (an LSTM).
    public var hasCell: Bool {
        (encoder + steps).contains { s in s.layers.contains { $0.cell != nil } || s.backward?.cell != nil } || context?.cell != nil
    }

    /// Every slot left to right: the encoder's steps, the context, the decoder's (or only) steps.
    var slotCount: Int { encoder.count + (context == nil ? 0 : 1) + steps.count }

    /// The scale used for cell states.
    var resolvedCellScale: Double {
        if let cellScale, cellScale > 0, cellScale.isFinite { return cellScale }
        var m = 1.0
        for s in encoder + steps {
            for l in s.layers { for v in l.cell ?? [] where v.isFinite { m = Swift.max(m, Swift.abs(v)) } }
        }
        return m
    }

    /// The largest finite gradient norm (for intensities), 0 when there is none.
    var largestGradient: Double {
        var m = 0.0
        for s in encoder + steps { if let g = s.gradientNorm, g.isFinite { m = Swift.max(m, g) } }
        return m
    }
}

/// One layer's state at one step: h, and c for an LSTM.
public struct ChainState: Equatable, Sendable {
    public var hidden: [Double]
    public var cell: [Double]?

    public init(hidden: [Double], cell: [Double]? = nil) {
        self.hidden = hidden
        self.cell = cell
    }
}

/// One time step of the chain.
public struct ChainStep: Equatable, Sendable {
    /// The token as given (`?` for an unknown step).
    public var input: String
    /// What the network was fed at an unknown step (its own prediction), if anything.
    public var fed: String?
    public var prediction: String?
    public var target: String?
    /// One state per layer, the bottom layer first.
    public var layers: [ChainState]
    /// The backward direction's state (bidirectional networks).
    public var backward: ChainState?
    /// A short clamp mark for the step (e.g. `=f`), nil when nothing is clamped there.
    public var clampMark: String?
    /// Whether the clamps changed this step's prediction.
    public var clampChangedPrediction: Bool
    /// ‖∂L/∂h_t‖ (gradient mode).
    public var gradientNorm: Double?
    /// A greedy continuation step: what the network would say next, fed its own output.
    public var ghost: Bool
    /// The label in the box's top border; nil for `t=<n>` (`e<n>` in an encoder).
    public var label: String?

    public init(input: String, fed: String? = nil, prediction: String? = nil, target: String? = nil,
                layers: [ChainState], backward: ChainState? = nil, clampMark: String? = nil, clampChangedPrediction: Bool = false,
                gradientNorm: Double? = nil, ghost: Bool = false, label: String? = nil) {
        self.input = input
        self.fed = fed
        self.prediction = prediction
        self.target = target
        self.layers = layers
        self.backward = backward
        self.clampMark = clampMark
        self.clampChangedPrediction = clampChangedPrediction
        self.gradientNorm = gradientNorm
        self.ghost = ghost
        self.label = label
    }

    /// The token drawn under the box: `?→sushi` when an unknown step was fed a prediction.
    public func shownInput(arrow: Character = "→") -> String {
        guard let fed else { return input }
        return input + String(arrow) + fed
    }

    /// Whether the prediction equals the target (nil when either is missing).
    public var correct: Bool? {
        guard let prediction, let target else { return nil }
        return prediction == target
    }
}
