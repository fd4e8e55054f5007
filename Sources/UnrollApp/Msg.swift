import UnrollCore
import UnrollLessons
import UnrollTUI

/// Everything that can happen to the app: input from the terminal and results of effects.
public enum Msg: Sendable {
    case key(Key)
    case mouse(x: Int, y: Int, button: MouseButton)
    case resize(width: Int, height: Int)
    /// A timer tick (animation, or a chance to drain background results).
    case tick
    /// A training epoch finished in the background.
    case trainProgress(TrainingProgress)
    /// Training ended (finished or cancelled) with this model.
    case trainFinished(RecurrentModel, cancelled: Bool)
    /// A lab the app asked for (`Effect.openLab`) is ready, or why it is not.
    case labResult(Result<LabState, LabState.SetupError>)
    /// A lesson the app asked for (`Effect.openLesson`) is ready, or why it is not.
    case lessonResult(Result<LessonState, LabState.SetupError>)
    /// The lessons folder was read in the background (`Effect.loadLessons`), with the saved progress.
    case lessonsLoaded(LessonLibrary?, StudyProgress, notice: String?)
    /// Progress was saved: the start screen's marks and its "resume" entry follow it.
    case progressChanged(LessonLibrary, StudyProgress)
    /// A BPTT screen the app asked for (`Effect.openBPTT`) is ready, or why it is not.
    case bpttResult(Result<BPTTState, LabState.SetupError>)
    /// A lesson step's scene (`Effect.computeScene`) was computed.
    case sceneComputed(SceneJob, LessonState.SceneLoad)
    /// The memory race made progress (posted a few times a second, and whenever a run finishes).
    case raceProgress(MemoryRaceRunner.Progress)
    /// The memory race ended: finished, or stopped (`report.cancelled`) with the runs done so far.
    case raceFinished(MemoryRaceRunner.Report)
}

/// Work the app asks its runner to do; results come back as `Msg`s.
public enum Effect: Sendable {
    /// Train in the background, reporting progress.
    case train(TrainJob)
    /// Stop the running background work (training after its current epoch, the race after its current update).
    case cancelTraining
    /// Load a model (path or shipped name) and open the lab on it.
    case openLab(model: String, input: String, title: String)
    /// Open a lesson by id at a step.
    case openLesson(id: String, step: Int)
    /// Read the lessons folder and the saved progress in the background (after the first frame).
    case loadLessons
    /// Change the student's saved progress.
    case progress(ProgressChange)
    /// Compute a lesson step's scene in the background (model files read, networks run and trained).
    case computeScene(SceneJob)
    /// Load a model (path or shipped name) and open the BPTT screen on it.
    case openBPTT(model: String, input: String, title: String)
    /// Run the memory race in the background, reporting progress.
    case race(MemoryRaceRunner.Configuration)
    /// Leave the program with this exit code.
    case quit(Int32)
}

/// A training run the lab starts with `t`.
public struct TrainJob: Sendable {
    /// The model to start from.
    public var model: RecurrentModel
    /// Each epoch's examples are produced by this recipe.
    public var recipe: Recipe
    public var config: TrainingConfig
    public var seed: UInt64

    /// Where the examples come from.
    public enum Recipe: Sendable {
        /// A built-in task (fresh seeded data every epoch).
        case task(TrainTask)
        /// The lab's own sequence and targets, every epoch.
        case sequence(Example)
    }

    public init(model: RecurrentModel, recipe: Recipe, config: TrainingConfig, seed: UInt64) {
        self.model = model
        self.recipe = recipe
        self.config = config
        self.seed = seed
    }

    /// Runs the job synchronously (the app calls this on a background thread).
    public func run(progress: @escaping (TrainingProgress) -> Void, cancel: CancellationToken) -> (RecurrentModel, Bool) {
        var trainer = Trainer(model: model, config: config)
        var rng = SeededRandom(seed: seed)
        let outcome: TrainingOutcome
        switch recipe {
        case let .sequence(example):
            outcome = trainer.train(batch: { _ in [example] }, progress: progress, cancel: cancel)
        case .task(.book):
            let book = ChildrensBook()
            outcome = trainer.train(batch: { _ in [book.example(story: book.story(sentences: 50, rng: &rng))] }, progress: progress, cancel: cancel)
        case .task(.dinner):
            let cycle = DinnerCycle(menu: model.vocab ?? DinnerCycle().menu)
            let batch = cycle.allStarts(days: 3 * cycle.menu.count)
            outcome = trainer.train(batch: { _ in batch }, progress: progress, cancel: cancel)
        case .task(.race):
            let race = MemoryRace(delay: 10)
            outcome = trainer.train(batch: { _ in race.batch(32, rng: &rng) }, progress: progress, cancel: cancel)
        }
        return (trainer.model, outcome.cancelled)
    }
}
