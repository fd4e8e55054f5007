/// Everything the vanishing-gradient screen shows, recomputed in one call for a model and a W-scale
/// factor: the squash composition fⁿ(x) and its slope, the eigenvalues and spectral radius of the
/// scaled recurrent matrix cW, the power series ‖((cW)ᵗ)ᵀ h₀‖, and gradient against distance for
/// the model with W_hh scaled by c.
///
/// The lab keeps all storage between calls, so a key press that changes the scale recomputes the
/// screen without allocating large buffers (well under 10 ms at H=32, T=100 in a release build).
///
/// ```swift
/// var lab = VanishingLab(model: model, input: input)
/// lab.update(scale: 1.25)          // after the W-scale key
/// lab.spectralRadius, lab.power.norms, lab.distance.lossGradientNorms
/// ```
public struct VanishingLab: Sendable {
    /// What the screen controls.
    public struct Settings: Sendable, Equatable {
        /// The function composed with itself in the first panel.
        public var function: Squash
        /// N, the deepest composition.
        public var depth: Int
        public var from: Double
        public var to: Double
        public var samples: Int
        /// c: W_hh is multiplied by c for the eigenvalues, the power series and the gradients.
        public var scale: Double
        /// The RNN's squashing function for gradient-against-distance (nil: the model's own).
        public var recurrentSquash: Squash?
        /// The gate whose H×H block of W_hh the eigenvalue and power panels use (gated cells; nil: candidate).
        public var gate: Gate?
        /// The class of the last-step loss.
        public var target: Int?
        /// Seed of the power series' random unit h₀.
        public var powerSeed: UInt64

        public init(function: Squash = .sigmoid, depth: Int = 10, from: Double = -6, to: Double = 6, samples: Int = 121,
                    scale: Double = 1, recurrentSquash: Squash? = nil, gate: Gate? = nil, target: Int? = nil, powerSeed: UInt64 = 0) {
            self.function = function
            self.depth = depth
            self.from = from
            self.to = to
            self.samples = samples
            self.scale = scale
            self.recurrentSquash = recurrentSquash
            self.gate = gate
            self.target = target
            self.powerSeed = powerSeed
        }
    }

    /// The model as given (unscaled).
    public let model: RecurrentModel
    /// The input sequence (T steps); the power series runs for T steps too.
    public let input: SequenceInput
    public private(set) var settings: Settings
    /// The model with W_hh multiplied by `settings.scale`.
    public private(set) var scaledModel: RecurrentModel
    public private(set) var composition: SquashComposition
    /// Eigenvalues of c·W (largest |λ| first).
    public private(set) var eigenvalues: [Eigenvalue]
    /// ρ(c·W).
    public private(set) var spectralRadius: Double
    /// h_t = ((cW)ᵗ)ᵀ h₀ for t = 0…T.
    public private(set) var power: PowerSeries
    /// Gradient against distance for `scaledModel` on `input`.
    public private(set) var distance: GradientDistance

    private var solver = EigenSolver()
    private var baseBlock: [Double]
    private var block: [Double]
    private let initialState: [Double]

    /// Computes every panel for `model` on `input`.
    ///
    /// - Complexity: O(depth · samples + H³ + T·H² + (H + 1)·T·G·H²).
    public init(model: RecurrentModel, input: SequenceInput, settings: Settings = Settings()) {
        self.model = model
        self.input = input
        self.settings = settings
        scaledModel = model
        composition = SquashComposition(function: settings.function, depth: settings.depth, from: settings.from,
                                        to: settings.to, samples: settings.samples)
        eigenvalues = []
        spectralRadius = 0
        baseBlock = model.recurrentBlock(settings.gate)
        block = baseBlock
        initialState = randomUnitVector(size: model.hiddenSize, seed: settings.powerSeed)
        power = PowerSeries(matrix: block, size: model.hiddenSize, initial: initialState, steps: 0)
        distance = GradientDistance()
        update(settings)
    }

    /// Recomputes everything for new settings.
    public mutating func update(_ settings: Settings) {
        self.settings = settings
        composition.recompute(function: settings.function, depth: settings.depth, from: settings.from, to: settings.to,
                              samples: settings.samples)
        // cW: the scaled model and its square block.
        let L = model.layout
        for k in L.weightHH..<L.biasIH { scaledModel.parameters[k] = model.parameters[k] * settings.scale }
        let H = model.hiddenSize
        let b = model.recurrentBlockIndex(settings.gate)
        let start = L.weightHH + b * H * H
        for k in 0..<(H * H) {
            baseBlock[k] = model.parameters[start + k]
            block[k] = baseBlock[k] * settings.scale
        }
        eigenvalues = solver.eigenvalues(of: block, size: H)
        spectralRadius = eigenvalues.first?.magnitude ?? 0
        power.recompute(matrix: baseBlock, size: H, scale: settings.scale, initial: initialState, steps: input.count)
        distance.recompute(model: scaledModel, input: input, target: settings.target, squash: settings.recurrentSquash)
    }

    /// Recomputes everything for a new W-scale factor c (the screen's key).
    public mutating func update(scale: Double) {
        var s = settings
        s.scale = scale
        update(s)
    }
}
