import Foundation
import Synchronization
import UnrollCore
import UnrollLessons
import UnrollTUI

/// Runs the tutor: turns terminal events into messages, applies `update`, performs effects, and
/// draws `view`. Background work (training) posts messages into an inbox drained on ticks.
public final class App: TerminalProgram {
    public private(set) var state: AppState
    /// Set when an effect asked to quit.
    public private(set) var exitCode: Int32?
    private let inbox = Inbox()
    private var cancel: CancellationToken?
    /// The live training run, if any: its snapshots are taken on ticks.
    private var training: PacedTraining?
    /// Loads a model for `Effect.openLab` (injectable for tests).
    private let loadLab: @Sendable (String, String, String) -> Result<LabState, LabState.SetupError>
    /// The lessons `Effect.openLesson` opens from.
    private var library: LessonLibrary?
    /// The lesson tree `Effect.loadLessons` reads (built in, or a teacher's folder over them).
    private let lessons: any LessonFiles
    /// Where progress is kept (nil: not kept, e.g. in tests).
    private let progressStore: ProgressStore?
    /// The current problem saving progress ("progress is not being saved: …"), shown once until it changes.
    public private(set) var progressNotice: String?

    public init(state: AppState, library: LessonLibrary? = nil, progressStore: ProgressStore? = nil,
                lessons: any LessonFiles = LessonLibrary.builtIn,
                loadLab: (@Sendable (String, String, String) -> Result<LabState, LabState.SetupError>)? = nil) {
        self.state = state
        self.library = library
        self.progressStore = progressStore
        self.lessons = lessons
        self.loadLab = loadLab ?? App.labLoader(models: ModelStore(files: lessons))
    }

    /// Opens lesson `id` from `library` at a 1-based step.
    /// With `computeScene: false` the step's scene is left for `Effect.computeScene` (what the app does).
    public static func openLesson(_ id: String, step: Int, in library: LessonLibrary?, computeScene: Bool = true) -> Result<LessonState, LabState.SetupError> {
        guard let library else { return .failure(.init(description: "no lessons folder found")) }
        guard let entry = library.entry(id: id) else {
            return .failure(.init(description: "no lesson '\(id)' (see unroll list)"))
        }
        guard let lesson = entry.lesson else {
            return .failure(.init(description: entry.firstError?.description ?? "lesson '\(id)' cannot be read"))
        }
        guard !lesson.steps.isEmpty else { return .failure(.init(description: "lesson '\(id)' has no steps")) }
        return .success(LessonState(lesson: lesson, runner: library.runner, step: step, computeScene: computeScene))
    }

    /// Opens a lab on a model path or the name of a model in `models`.
    public static func labLoader(models: ModelStore) -> @Sendable (String, String, String) -> Result<LabState, LabState.SetupError> {
        { name, input, title in
        do {
            let model = try ModelArgument.load(name, from: models)
            return .success(try LabState(title: title, model: model, inputText: input))
        } catch let e as LabState.SetupError {
            return .failure(e)
        } catch {
            return .failure(LabState.SetupError(description: "\(error)"))
        }
    }
    }

    public var tickMilliseconds: Int? { state.tickMilliseconds }

    public func handle(_ event: InputEvent) -> ProgramAction {
        let msg: Msg
        switch event {
        case let .key(k): msg = .key(k)
        case let .mouse(x, y, b): msg = .mouse(x: x, y: y, button: b)
        case let .resize(w, h): msg = .resize(width: w, height: h)
        case .tick: msg = .tick
        }
        send(msg)
        if event == .tick { drainInbox() }
        if let code = exitCode { return .quit(exitCode: code) }
        return .continue
    }

    /// Applies one message and performs its effects.
    public func send(_ msg: Msg) {
        if case let .lessonsLoaded(library, _, _) = msg { self.library = library }
        for effect in update(&state, msg) { perform(effect) }
    }

    /// Applies the messages background work has posted, and the live training's latest snapshot.
    public func drainInbox() {
        for msg in inbox.takeAll() { send(msg) }
        if let snapshot = training?.take() {
            if snapshot.finished { training = nil }
            send(.trainingSnapshot(snapshot))
        }
    }

    /// Waits (for tests) until the live training has done at least `updates` updates in this run.
    public func waitForTraining(updates: Int, timeoutSeconds: Double = 60) {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while (state.trainingLab?.training.map { $0.updates - $0.offset } ?? updates) < updates && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.005)
            drainInbox()
        }
    }

    /// Waits (for tests and plain mode) until background work has finished, draining messages.
    public func waitForBackgroundWork(timeoutSeconds: Double = 120) {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while (state.race?.running == true || state.lesson?.computing != nil) && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.01)
            drainInbox()
        }
    }

    public func render(into buffer: inout Buffer, glyphs: Glyphs) {
        view(state, into: &buffer, glyphs: glyphs)
    }

    /// Performs one effect (the runner's half of the update loop; `send` calls it for every effect).
    public func perform(_ effect: Effect) {
        switch effect {
        case let .quit(code):
            cancel?.cancel()
            training?.stop()
            exitCode = code
        case .cancelTraining:
            cancel?.cancel()
            training?.stop()
        case let .controlTraining(control):
            switch control {
            case let .paused(p): training?.setPaused(p)
            case .stepOnce: training?.stepOnce()
            case let .pace(p): training?.setPace(p)
            case let .settings(s): training?.setSettings(s)
            }
        case let .writeModel(model, name):
            send(.modelWritten(App.write(model, to: name)))
        case let .openLab(model, input, title):
            send(.labResult(loadLab(model, input, title)))
        case let .openBPTT(model, input, title):
            send(.bpttResult(loadLab(model, input, title).map { BPTTState(lab: $0, returning: false) }))
        case let .race(configuration):
            cancel?.cancel()
            let token = CancellationToken()
            cancel = token
            let inbox = self.inbox
            let thread = Thread { RaceRunner.run(configuration, cancel: token) { inbox.post($0) } }
            thread.stackSize = 8 << 20
            thread.start()
        case .loadLessons:
            let inbox = self.inbox
            let files = lessons
            let store = progressStore
            let thread = Thread {
                let library: LessonLibrary? = LessonLibrary.load(files: files)
                let loaded = store?.load()
                inbox.post(.lessonsLoaded(library, loaded?.progress ?? StudyProgress(), notice: loaded?.notice))
            }
            thread.stackSize = 8 << 20
            thread.start()
        case let .computeScene(job):
            let inbox = self.inbox
            let thread = Thread { inbox.post(.sceneComputed(job, job.compute())) }
            thread.stackSize = 8 << 20
            thread.start()
        case let .openLesson(id, step):
            send(.lessonResult(App.openLesson(id, step: step, in: library, computeScene: false)))
        case let .progress(change):
            guard let progressStore else { return }
            do {
                var saved: StudyProgress?
                if let notice = try progressStore.update({ change.apply(to: &$0); saved = $0 }) { state.status = notice }
                progressNotice = nil
                if let library, let saved { send(.progressChanged(library, saved)) }
            } catch {
                // Once per reason, not on every step the student takes.
                let notice = "progress is not being saved: \(error.message)"
                if notice != progressNotice {
                    progressNotice = notice
                    state.status = notice
                }
            }
        case let .train(start):
            training?.stop()
            training = PacedTraining(start.session, pace: start.pace, paused: start.paused)
        }
    }

    /// Writes `model` as model-format JSON to `name` in the current directory; an existing file is
    /// never replaced (the name gets -2, -3, …). Returns the name written.
    public static func write(_ model: RecurrentModel, to name: String, in directory: String = ".") -> Result<String, LabState.SetupError> {
        let manager = FileManager.default
        let base = name.hasSuffix(".json") ? String(name.dropLast(5)) : name
        var candidate = base + ".json"
        var n = 2
        let path = { (file: String) in directory == "." ? file : directory + "/" + file }
        while manager.fileExists(atPath: path(candidate)) && n < 1000 {
            candidate = "\(base)-\(n).json"
            n += 1
        }
        let text = ModelFile.encode(model).serialized(indent: 1) + "\n"
        // `.withoutOverwriting` makes the "never over another file" rule hold even against a race.
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path(candidate)), options: .withoutOverwriting)
            return .success(candidate)
        } catch {
            return .failure(.init(description: "could not write \(candidate): \(error.localizedDescription)"))
        }
    }
}

/// Messages posted by background threads, taken by the UI thread on ticks.
final class Inbox: Sendable {
    private let messages = Mutex<[Msg]>([])

    func post(_ msg: Msg) { messages.withLock { $0.append(msg) } }

    func takeAll() -> [Msg] {
        messages.withLock { box in
            let out = box
            box.removeAll()
            return out
        }
    }
}
