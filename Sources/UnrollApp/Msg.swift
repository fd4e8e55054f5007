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
    /// The live training's latest snapshot (taken on a tick): its model and the updates since the last.
    case trainingSnapshot(PacedTraining.Snapshot)
    /// `w` wrote the trained model to this file, or why it could not.
    case modelWritten(Result<String, LabState.SetupError>)
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
    /// Train in the background at a pace; the screen takes snapshots on its ticks.
    case train(TrainingStart)
    /// Pause, step, pace or settings of the running training.
    case controlTraining(TrainingControl)
    /// Write a model (model-format JSON) to a new file in the current directory, never over another.
    case writeModel(RecurrentModel, fileName: String)
    /// Stop the running background work (training after its current update, the race after its current update).
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

