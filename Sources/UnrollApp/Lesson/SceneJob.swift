import UnrollCore
import UnrollLessons

/// A lesson step's scene to compute off the update loop: the model read, the network run (and
/// trained, where the scene asks), the checks evaluated, the plot computed. `update` asks for it
/// with `Effect.computeScene`; the result comes back as `Msg.sceneComputed`.
public struct SceneJob: Sendable, Equatable {
    /// Which request this is (a step left and re-entered asks again; only the latest is taken).
    public let id: UInt64
    public let lesson: String
    /// 0-based step index.
    public let index: Int
    public let scene: Scene
    /// The step's checks, evaluated on the run.
    public let checks: [Formula]
    /// The step's key number, evaluated on the run (drawn large in presenter mode).
    public let keyNumber: Formula?
    public let file: String
    public let title: String
    public let runner: SceneRunner
    public let plotScale: Double

    init(lesson: String, index: Int, scene: Scene, checks: [Formula], keyNumber: Formula? = nil, file: String, title: String, runner: SceneRunner,
         plotScale: Double) {
        id = runner.nextJobID()
        self.lesson = lesson
        self.index = index
        self.scene = scene
        self.checks = checks
        self.keyNumber = keyNumber
        self.file = file
        self.title = title
        self.runner = runner
        self.plotScale = plotScale
    }

    public static func == (a: SceneJob, b: SceneJob) -> Bool { a.id == b.id && a.runner === b.runner }

    /// What the screen says while the job runs.
    public var description: String { "computing step \(index + 1): running the scene on the core…" }

    /// Runs the scene (slow: reads model files, runs and may train networks).
    public func compute() -> LessonState.SceneLoad {
        let run = runner.run(scene, file: file)
        var lab: LabState? = nil
        if case let .success(r) = run { lab = LessonState.lab(for: r, scene: scene, title: title) }
        let evaluator = LessonState.evaluator(run, runner: runner)
        var results: [(formula: Formula, result: CheckOutcome)] = []
        if let evaluator { results = checks.map { (formula: $0, result: evaluator.check($0)) } }
        var plot: LessonPlot? = nil
        if let spec = scene.plot, case let .success(r) = run { plot = LessonPlot.compute(spec, run: r, scale: plotScale, analyses: runner.analyses) }
        var key: Double? = nil
        if let keyNumber, let evaluator, case let .success((.number(v), _)) = evaluator.evaluate(keyNumber) { key = v }
        return LessonState.SceneLoad(run: run, lab: lab, checkResults: results, plot: plot, plotScale: plotScale, keyValue: key)
    }
}

