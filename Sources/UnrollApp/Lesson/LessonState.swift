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
    /// The learner pressed "next" on the last step and was told what comes next.
    public var endReached = false
    /// The scene's plot, computed by the core for the current scale.
    public private(set) var plot: LessonPlot?
    /// The step's checks with their verdicts from the core, evaluated once when the scene loads
    /// (they are claims about the scene as the lesson wrote it, not about the student's changes).
    public private(set) var checkResults: [(formula: Formula, result: CheckOutcome)] = []
    /// The step's scene being computed off the update loop (`Effect.computeScene`), nil once it has arrived.
    public private(set) var computing: SceneJob?
    /// The step's key number (`key:` in a check block) on the scene as written, nil when it marks none.
    public private(set) var keyValue: Double?

    /// Opens `lesson` at 1-based `step` (clamped to the lesson's steps), with the step's scene
    /// computed at once, or (`computeScene: false`) left for the job in `computing`.
    public init(lesson: Lesson, runner: SceneRunner, step: Int = 1, computeScene: Bool = true) {
        self.lesson = lesson
        self.runner = runner
        index = 0
        questions = []
        activeQuestion = 0
        plotScale = 1
        if computeScene { go(toStep: step) } else { _ = prepare(step: step) }
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

    /// Moves to 1-based `step`, running its scene and resetting its questions (at once: for
    /// opening a lesson, which the runner does; `update` uses `prepare(step:)`).
    public mutating func go(toStep n: Int) {
        let job = prepare(step: n)
        arrive(job.compute(), for: job)
    }

    /// Moves to 1-based `step` without computing its scene: the narration and questions are ready
    /// at once; the scene's run, lab, checks and plot come back from the job.
    public mutating func prepare(step n: Int) -> SceneJob {
        // Any Int is safe here (a progress file may hold Int.min): no arithmetic on n before it is bounded.
        index = n <= 1 || lesson.steps.isEmpty ? 0 : min(n, lesson.steps.count) - 1
        narrationScroll = 0
        note = nil
        questions = step.questions.map { QuestionState(question: $0) }
        activeQuestion = 0
        plotScale = step.scene.plot?.number("scale", default: 1) ?? 1
        return prepareScene()
    }

    /// Asks for the step's scene as the file wrote it (`r` resets to this), dropping the live one.
    public mutating func prepareScene() -> SceneJob {
        let job = SceneJob(lesson: lesson.id, index: index, scene: step.scene, checks: step.checks, keyNumber: step.keyNumber,
                           file: lesson.file, title: lesson.title,
                           runner: runner, plotScale: plotScale)
        computing = job
        run = nil
        lab = nil
        checkResults = []
        plot = nil
        keyValue = nil
        return job
    }

    /// Runs the step's scene as the file wrote it, at once.
    public mutating func loadScene() {
        let job = prepareScene()
        arrive(job.compute(), for: job)
    }

    /// Takes a computed scene if it is the one this step is waiting for (a late one for a step
    /// the student has left is dropped); returns whether it was taken.
    @discardableResult
    public mutating func arrive(_ load: SceneLoad, for job: SceneJob) -> Bool {
        guard let computing, computing.id == job.id, computing.runner === job.runner, job.lesson == lesson.id, job.index == index else { return false }
        self.computing = nil
        run = load.run
        lab = load.lab
        checkResults = load.checkResults
        keyValue = load.keyValue
        plot = load.plotScale == plotScale ? load.plot : nil
        if plot == nil { recomputePlot() }
        return true
    }

    /// Recomputes the plot (after the step changes or the W scale does).
    public mutating func recomputePlot() {
        plot = nil
        if let spec = step.scene.plot, let run = sceneRun { plot = LessonPlot.compute(spec, run: run, scale: plotScale, analyses: runner.analyses) }
    }

    /// While training: the `loss` plot follows the live model (the other plots are the scene's).
    public mutating func refreshLivePlot() {
        guard let lab, let live = lab.training, step.scene.plot?.plotKind == .loss else { return }
        plot = LessonPlot.loss(lab.shown, updates: live.updates)
    }

    /// What the scene of a step is computed into, off the update loop.
    public struct SceneLoad: Sendable {
        public var run: Result<SceneRun, Diagnostic>
        public var lab: LabState?
        public var checkResults: [(formula: Formula, result: CheckOutcome)]
        public var plot: LessonPlot?
        public var plotScale: Double
        /// The step's key number on the run, when it marks one.
        public var keyValue: Double? = nil
    }

    /// A lab embedding a scene's run, with the scene's cursor and highlight applied.
    static func lab(for run: SceneRun, scene: Scene, title: String) -> LabState {
        var lab = LabState(title: title, run: run.run, tokens: scene.input.tokens.map(\.value))
        lab.trainingChoice = scene.train?.value
        lab.shownOutputs = scene.outputIndices(in: run.model)
        if let series = scene.series { lab.series = SeriesContext(truth: series.truth, observed: series.observed.value) }
        if let cursor = scene.cursor?.value { lab.t = min(max(1, cursor), lab.steps) }
        if let highlight = scene.highlight {
            let unit = highlight.unit.flatMap { $0.value.resolve(in: run.model) } ?? 0
            if let gate = highlight.gate?.value, gate.block(in: run.model.kind) != nil {
                lab.focus = LabFocus(target: .gate(gate), unit: unit)
            } else if let vector = highlight.vector?.value {
                switch vector {
                case .cell where run.model.cell.hasCellState: lab.focus = LabFocus(target: .cell, unit: unit)
                case .probs, .logits: lab.focus = LabFocus(target: .probs, unit: min(unit, run.model.outputSize - 1))
                default: lab.focus = LabFocus(target: .hidden, unit: unit)
                }
            } else {
                lab.focus.unit = min(unit, run.model.hiddenSize - 1)
            }
        }
        return lab
    }

    /// The evaluator for a scene run's checks and questions.
    static func evaluator(_ run: Result<SceneRun, Diagnostic>, runner: SceneRunner) -> CheckEvaluator? {
        if case let .success(r) = run { return CheckEvaluator(run: r, models: runner.models, analyses: runner.analyses) }
        return nil
    }

    /// The evaluator for the step's checks and questions.
    public var evaluator: CheckEvaluator? {
        sceneRun.map { CheckEvaluator(run: $0, models: runner.models, analyses: runner.analyses) }
    }

    /// Every question answered (its first choice, or the low end of its range) and revealed, the
    /// last one active: how the step looks once the learner has answered (lint's fit check).
    mutating func revealAllForFit() {
        guard let evaluator else { return }
        for k in questions.indices where questions[k].revealed == nil {
            switch questions[k].question.kind {
            case .choices: questions[k].answer(.choice(0))
            case let .range(low, _): questions[k].answer(.number(low))
            }
            questions[k].reveal(using: evaluator)
        }
        activeQuestion = max(0, questions.count - 1)
    }

}
