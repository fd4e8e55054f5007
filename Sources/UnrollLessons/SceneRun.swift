import UnrollCore

/// One forward run as the checks and the screens read it: the model, its trace and (with targets) its gradients.
public struct RunView: Sendable {
    public let model: RecurrentModel
    public let trace: Trace
    /// BPTT gradients of the total loss; nil when the scene has no targets.
    public let gradients: Gradients?
}

/// A scene run on the core: the scene, and the one `Run` its checks read and its screens embed.
public struct SceneRun: Sendable {
    /// The scene that asked for the run (runs are shared between scenes with the same `runKey`).
    public internal(set) var scene: Scene
    public let modelName: String
    /// The run: free and clamped traces, their gradients, with the one target policy.
    public let run: Run

    public var model: RecurrentModel { run.model }
    public var input: SequenceInput { run.input }
    /// One target per step (nil: none at that step), or nil without targets: the scene's own, or
    /// the next word when the model's outputs are its input words (`Run.Targets`).
    public var targets: [Int?]? { run.targets }
    public var clamps: [Clamp] { run.clamps }
    /// The run with the clamps.
    public var trace: Trace { run.shown }
    public var gradients: Gradients? { run.gradients }
    /// The run without clamps; nil when the scene has none (then it would equal `trace`).
    public var freeTrace: Trace? { run.clamped == nil ? nil : run.free }
    public var freeGradients: Gradients? { run.clamped == nil ? nil : run.freeGradients }

    /// T.
    public var steps: Int { trace.steps }

    /// The clamped run (`free: false`) or the free run; without clamps both are the same run.
    public func view(free: Bool = false) -> RunView {
        if free { return RunView(model: model, trace: run.free, gradients: run.freeGradients) }
        return RunView(model: model, trace: run.shown, gradients: run.gradients)
    }

    /// Runs `model` on the already validated parts of `scene`.
    init(scene: Scene, modelName: String, model: RecurrentModel, input: SequenceInput, targets: Run.Targets, clamps: [Clamp],
         feedOwnPredictions: Bool = false) {
        self.scene = scene
        self.modelName = modelName
        run = Run(model: model, input: input, targets: targets, clamps: clamps, feedOwnPredictions: feedOwnPredictions)
    }
}
