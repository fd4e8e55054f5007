import UnrollCore
import UnrollLessons

/// A lesson being played: the step, its scene run on the core, the live lab built from it,
/// the step's questions, and the student's changes (clamps, training, cursor).
public struct LessonState: Sendable {
    public let lesson: Lesson
    /// Runs scenes on the core (cached) and finds the lesson's models.
    public let runner: SceneRunner
    /// 0-based index into `lesson.steps`.
    public private(set) var index: Int
    /// The step's scene on the core, or why it could not run.
    public private(set) var run: Result<SceneRun, Diagnostic>?
    /// The step's live panels: a lab on the scene's model, input, targets and clamps.
    public var lab: LabState?
    /// The step's questions, in order.
    public var questions: [QuestionState]
    /// Which question takes the answer keys.
    public var activeQuestion: Int
    /// The W-scale factor for a `power` plot (`s`/`S`).
    public var plotScale: Double
    /// Lines the narration is scrolled by.
    public var narrationScroll = 0
    /// A one-line message (an answer's verdict, a refused key).
    public var note: String?
    /// The scene's plot, computed by the core for the current scale.
    public private(set) var plot: LessonPlot?
    /// The step's checks with their verdicts from the core, evaluated once when the scene loads
    /// (they are claims about the scene as the lesson wrote it, not about the student's changes).
    public private(set) var checkResults: [(formula: Formula, result: CheckOutcome)] = []

    /// Opens `lesson` at 1-based `step` (clamped to the lesson's steps).
    public init(lesson: Lesson, runner: SceneRunner, step: Int = 1) {
        self.lesson = lesson
        self.runner = runner
        index = 0
        questions = []
        activeQuestion = 0
        plotScale = 1
        go(toStep: step)
    }

    /// The current step.
    public var step: LessonStep { lesson.steps[index] }
    /// 1-based step number.
    public var stepNumber: Int { index + 1 }
    public var stepCount: Int { lesson.steps.count }
    public var isLastStep: Bool { index == lesson.steps.count - 1 }
    /// The scene run, when it ran.
    public var sceneRun: SceneRun? { if case let .success(r) = run { return r } else { return nil } }

    /// Whether the scene invites `key`.
    public func allows(_ key: InteractiveKey) -> Bool { step.scene.keys.contains(key) }

    /// Moves to 1-based `step`, running its scene and resetting its questions.
    public mutating func go(toStep n: Int) {
        // Any Int is safe here (a progress file may hold Int.min): no arithmetic on n before it is bounded.
        index = n <= 1 || lesson.steps.isEmpty ? 0 : min(n, lesson.steps.count) - 1
        narrationScroll = 0
        note = nil
        questions = step.questions.map { QuestionState(question: $0) }
        activeQuestion = 0
        plotScale = step.scene.plot?.number("scale", default: 1) ?? 1
        loadScene()
    }

    /// Runs the step's scene as the file wrote it (`r` resets to this).
    public mutating func loadScene() {
        let result = runner.run(step.scene, file: lesson.file)
        run = result
        switch result {
        case let .success(r): lab = LessonState.lab(for: r, scene: step.scene, title: lesson.title)
        case .failure: lab = nil
        }
        checkResults = evaluator.map { e in step.checks.map { ($0, e.check($0)) } } ?? []
        recomputePlot()
    }

    /// Recomputes the plot (after the step changes or the W scale does).
    public mutating func recomputePlot() {
        plot = nil
        if let spec = step.scene.plot, let run = sceneRun { plot = LessonPlot.compute(spec, run: run, scale: plotScale) }
    }

    /// A lab on a scene run, with the scene's cursor and highlight applied.
    static func lab(for run: SceneRun, scene: Scene, title: String) -> LabState? {
        let words = scene.input.tokens.map(\.value).joined(separator: " ")
        let targets = scene.targets.map { $0.tokens.map(\.value).joined(separator: " ") }
        guard var lab = try? LabState(title: title, model: run.model, inputText: words, targetsText: targets, clamps: run.clamps) else {
            return nil
        }
        if let cursor = scene.cursor?.value { lab.t = min(max(1, cursor), lab.steps) }
        if let highlight = scene.highlight {
            let unit = highlight.unit.flatMap { $0.value.resolve(in: run.model) } ?? 0
            if let gate = highlight.gate?.value, gate.block(in: run.model.kind) != nil {
                lab.focus = LabFocus(target: .gate(gate), unit: unit)
            } else if let vector = highlight.vector?.value {
                switch vector {
                case .cell where run.model.kind == .lstm: lab.focus = LabFocus(target: .cell, unit: unit)
                case .probs, .logits: lab.focus = LabFocus(target: .probs, unit: min(unit, run.model.outputSize - 1))
                default: lab.focus = LabFocus(target: .hidden, unit: unit)
                }
            } else {
                lab.focus.unit = min(unit, run.model.hiddenSize - 1)
            }
        }
        return lab
    }

    /// The evaluator for the step's checks and questions.
    public var evaluator: CheckEvaluator? {
        sceneRun.map { CheckEvaluator(run: $0, models: runner.models) }
    }

}
