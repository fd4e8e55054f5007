import UnrollCore

/// One forward run as the checks and the screens read it: the model, its trace and (with targets) its gradients.
public struct RunView: Sendable {
    public let model: RecurrentModel
    public let trace: Trace
    /// BPTT gradients of the total loss; nil when the scene has no targets.
    public let gradients: Gradients?
}

/// A scene run on the core: the clamped run, and the free (unclamped) run beside it when there are clamps.
public struct SceneRun: Sendable {
    /// The scene that asked for the run (runs are shared between scenes with the same `runKey`).
    public internal(set) var scene: Scene
    public let modelName: String
    public let model: RecurrentModel
    public let input: SequenceInput
    /// One target per step (nil: none at that step), or nil without targets.
    public let targets: [Int?]?
    public let clamps: [Clamp]
    /// The run with the clamps.
    public let trace: Trace
    public let gradients: Gradients?
    /// The run without clamps; nil when the scene has none (then it would equal `trace`).
    public let freeTrace: Trace?
    public let freeGradients: Gradients?

    /// T.
    public var steps: Int { trace.steps }

    /// The clamped run (`free: false`) or the free run; without clamps both are the same run.
    public func view(free: Bool = false) -> RunView {
        if free, let freeTrace { return RunView(model: model, trace: freeTrace, gradients: freeGradients) }
        return RunView(model: model, trace: trace, gradients: gradients)
    }

    /// Runs `model` on the already validated parts of `scene`.
    init(scene: Scene, modelName: String, model: RecurrentModel, input: SequenceInput, targets: [Int?]?, clamps: [Clamp]) {
        self.scene = scene
        self.modelName = modelName
        self.model = model
        self.input = input
        self.targets = targets
        self.clamps = clamps
        let hasTargets = targets?.contains { $0 != nil } ?? false
        trace = model.forward(input, targets: targets, clamps: clamps)
        gradients = hasTargets ? model.backward(trace) : nil
        if clamps.isEmpty {
            freeTrace = nil
            freeGradients = nil
        } else {
            let free = model.forward(input, targets: targets)
            freeTrace = free
            freeGradients = hasTargets ? model.backward(free) : nil
        }
    }
}
