import UnrollCore
import UnrollTUI

/// The one update function: a message in, the state changed, effects out (the Bubble Tea shape).
public func update(_ state: inout AppState, _ msg: Msg) -> [Effect] {
    switch msg {
    case let .resize(width, height):
        state.width = width
        state.height = height
        return []
    case .tick:
        return tick(&state)
    case let .trainingSnapshot(snapshot):
        if var lab = state.trainingLab, lab.training != nil {
            lab.takeTraining(snapshot)
            if snapshot.finished, let live = lab.training {
                lab.note = "training stopped after \(live.updates) updates; t trains on from here, w writes the model, r restores the original"
            }
            state.trainingLab = lab
            if case var .lesson(lesson) = state.screen {
                lesson.refreshLivePlot()
                state.screen = .lesson(lesson)
            }
        }
        return []
    case let .modelWritten(result):
        let line: String
        switch result {
        case let .success(name): line = "wrote the trained model to \(name)"
        case let .failure(error): line = error.description
        }
        if case var .lesson(lesson) = state.screen {
            lesson.note = line
            state.screen = .lesson(lesson)
        } else {
            state.currentLab?.note = line
        }
        return []
    case let .labResult(result):
        switch result {
        case let .success(lab):
            state.screen = .lab(lab)
            state.overlay = nil
        case let .failure(error):
            state.status = error.description
        }
        return []
    case let .lessonsLoaded(library, progress, notice):
        state.loadingLessons = false
        // Keep the student's place only if they moved before the lessons arrived.
        state.replaceLessonEntries(library.map { StartState.lessons($0, progress: progress) } ?? [], keepFirst: false)
        if let notice { state.status = notice } else if let problem = library?.problem { state.status = problem } else if library == nil { state.status = "no lessons were loaded" }
        return []
    case let .progressChanged(library, progress):
        state.replaceLessonEntries(StartState.lessons(library, progress: progress), keepFirst: true)
        return []
    case let .lessonResult(result):
        switch result {
        case let .success(lesson):
            state.screen = .lesson(lesson)
            state.overlay = nil
            return (lesson.computing.map { [.computeScene($0)] } ?? []) + [.progress(.visit(lesson: lesson.lesson.id, step: lesson.stepNumber))]
        case let .failure(error):
            state.status = error.description
        }
        return []
    case let .bpttResult(result):
        switch result {
        case let .success(screen):
            state.screen = .bptt(screen)
            state.overlay = nil
        case let .failure(error):
            state.status = error.description
        }
        return []
    case let .sceneComputed(job, load):
        if case var .lesson(lesson) = state.screen, lesson.arrive(load, for: job) { state.screen = .lesson(lesson) }
        return []
    case let .raceProgress(progress):
        raceProgressed(&state, progress)
        return []
    case let .raceFinished(report):
        raceEnded(&state, report)
        return []
    case let .mouse(x, y, button):
        guard state.overlay == nil, !state.tooSmall, !state.blank else { return [] }
        return type(of: state.screen.active).mouse(x: x, y: y, button: button, in: &state)
    case let .key(key):
        return keyPressed(&state, key)
    }
}

/// Keys: the blank screen wakes first; then the open overlay's table, or the screen's; the global
/// keys (q, ?, b) answer wherever the table leaves them free.
func keyPressed(_ state: inout AppState, _ key: Key) -> [Effect] {
    state.status = nil
    if key == .ctrl("c") { return [.quit(130)] }
    if state.blank {
        if key == .char("q") { return quitEffects(state) }
        state.blank = false
        return []
    }
    if state.tooSmall {
        // q still quits (except while typing, where q is a letter).
        if key == .char("q"), !(state.overlay?.takesText ?? false) { return quitEffects(state) }
        return []
    }
    if let overlay = state.overlay { return overlayKey(&state, overlay, key) }
    let screen = state.screen.active
    if let effects = screen.dispatch(key, in: &state) { return effects }
    if let global = GlobalKeys.map.command(for: key) { return globalKey(&state, global) }
    return []
}

/// The keys every screen shares.
func globalKey(_ state: inout AppState, _ command: GlobalCommand) -> [Effect] {
    switch command {
    case .quit: return quitEffects(state)
    case .blank: state.blank = true
    case .help:
        state.overlayUnderHelp = state.overlay
        state.overlay = .help
    }
    return []
}

extension AppState.Overlay {
    /// Whether the overlay takes typed text (so q, ? and b are letters there).
    var takesText: Bool { if case .inputEditor = self { return true } else { return false } }
}

/// Quitting stops background work first.
func quitEffects(_ state: AppState) -> [Effect] {
    if state.trainingLab?.training?.running == true || state.race?.running == true { return [.cancelTraining, .quit(0)] }
    return [.quit(0)]
}

func tick(_ state: inout AppState) -> [Effect] {
    type(of: state.screen.active).tick(in: &state)
}

/// One animation tick of the live lab (the lab's, or a lesson step's): playing advances a step every 12 ticks.
func labPlayTick(_ state: inout AppState) -> [Effect] {
    if var lab = state.currentLab, let frame = lab.flowFrame {
        // Motion after a step: a few frames, then the tick stops (idle again).
        lab.flowFrame = frame + 1 < LabState.flowFrames ? frame + 1 : nil
        state.currentLab = lab
        if !lab.playing { return [] }
    }
    guard var lab = state.currentLab, lab.playing else { return [] }
    lab.playTicks += 1
    if lab.playTicks >= 12 {
        lab.playTicks = 0
        // Play mode walks the sequence with the same flow into each new box as a step forward.
        if lab.t < lab.steps { lab.t += 1; lab.flowFrame = lab.motion ? 0 : nil } else { lab.playing = false }
    }
    state.currentLab = lab
    return []
}
