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
    case let .trainProgress(p):
        if var lab = state.currentLab, var training = lab.training {
            training.epoch = p.epoch
            training.epochs = p.epochs
            training.losses.append(p.loss)
            lab.training = training
            state.currentLab = lab
        }
        return []
    case let .trainFinished(model, cancelled):
        if var lab = state.currentLab {
            if model.layout == lab.model.layout { lab.setModel(model) }
            lab.training?.running = false
            let last = lab.training?.losses.last.map { NumberFormat.compact($0, width: 8, decimals: 3) } ?? "?"
            lab.note = cancelled ? "training stopped at epoch \(lab.training?.epoch ?? 0); the model so far is shown"
                : "trained \(lab.training?.epochs ?? 0) epochs, final loss \(last); r resets to the original"
            state.currentLab = lab
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
        let lessons = library.map { StartState.lessons($0, progress: progress) } ?? []
        if var start = state.startScreen {
            // Keep the student's place only if they moved before the lessons arrived.
            let selectedTitle = start.selected > 0 && start.selected < start.entries.count ? start.entries[start.selected].title : nil
            start.entries = lessons + start.entries.filter { entry in
                if case .lesson = entry.action { return false }
                return !entry.title.hasPrefix("Resume: ")
            }
            start.selected = selectedTitle.flatMap { t in start.entries.firstIndex { $0.title == t } } ?? 0
            state.startScreen = start
            if case .start = state.screen { state.screen = .start(start) }
        }
        if let notice { state.status = notice } else if let problem = library?.problem { state.status = problem } else if library == nil { state.status = "no lessons were loaded" }
        return []
    case let .lessonResult(result):
        switch result {
        case let .success(lesson):
            state.screen = .lesson(lesson)
            state.overlay = nil
            return [.progress(.visit(lesson: lesson.lesson.id, step: lesson.stepNumber))]
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
    case let .raceProgress(progress):
        raceProgressed(&state, progress)
        return []
    case let .raceFinished(report):
        raceEnded(&state, report)
        return []
    case let .mouse(x, y, button):
        switch state.screen {
        case .vanishing, .bptt, .race: return gradientMouse(&state, x: x, y: y, button: button)
        default: return mouse(&state, x: x, y: y, button: button)
        }
    case let .key(key):
        return keyPressed(&state, key)
    }
}

/// Keys: overlays first, then the global keys (q, ?), then the screen's own.
func keyPressed(_ state: inout AppState, _ key: Key) -> [Effect] {
    state.status = nil
    if key == .ctrl("c") { return [.quit(130)] }
    // Text entry keeps q for itself; everywhere else q quits.
    if case let .inputEditor(text) = state.overlay {
        return inputEditorKey(&state, text, key)
    }
    if key == .char("q") { return quitEffects(state) }
    if state.tooSmall { return [] }
    switch state.overlay {
    case .help:
        if key == .char("?") || key == .escape || key == .enter || key == .char(" ") { state.overlay = nil }
        return []
    case .explain:
        if key == .char("e") || key == .escape || key == .enter { state.overlay = nil; return [] }
        // Arrow keys still move the cursor so the explanation follows.
        if case .lab = state.screen { return labKey(&state, key) }
        if case .bptt = state.screen, bpttExplainFollows(key) { return bpttKey(&state, key) }
        if case .lesson = state.screen, [.up, .down, .tab, .backTab, .char("h"), .char("l")].contains(key) { return lessonKey(&state, key) }
        return []
    case let .clampEditor(editor):
        return clampEditorKey(&state, editor, key)
    case .inputEditor, nil:
        break
    }
    if key == .char("?") || key == .function(1) {
        state.overlay = .help
        return []
    }
    switch state.screen {
    case .start: return startKey(&state, key)
    case .lab: return labKey(&state, key)
    case .lesson: return lessonKey(&state, key)
    case .vanishing: return vanishingKey(&state, key)
    case .bptt: return bpttKey(&state, key)
    case .race: return raceKey(&state, key)
    }
}

/// Quitting stops background work first.
func quitEffects(_ state: AppState) -> [Effect] {
    if state.currentLab?.training?.running == true || state.race?.running == true { return [.cancelTraining, .quit(0)] }
    return [.quit(0)]
}

func tick(_ state: inout AppState) -> [Effect] {
    if state.bptt != nil { return bpttTick(&state) }
    guard var lab = state.currentLab else { return [] }
    if lab.playing {
        lab.playTicks += 1
        if lab.playTicks >= 12 {
            lab.playTicks = 0
            if lab.t < lab.steps { lab.t += 1 } else { lab.playing = false }
        }
        state.currentLab = lab
    }
    return []
}

func startKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    guard case var .start(start) = state.screen else { return [] }
    defer {
        if case .start = state.screen { state.screen = .start(start) }
        state.startScreen = start
    }
    switch key {
    case .up, .char("k"), .backTab: start.selected = max(0, start.selected - 1)
    case .down, .char("j"), .tab: start.selected = min(start.entries.count - 1, start.selected + 1)
    case .home, .char("g"): start.selected = 0
    case .end, .char("G"): start.selected = max(0, start.entries.count - 1)
    case .enter, .right, .char("l"), .char(" "):
        guard start.selected < start.entries.count else { return [] }
        let entry = start.entries[start.selected]
        switch entry.action {
        case let .lab(model, input): return [.openLab(model: model, input: input, title: entry.title)]
        case let .lesson(id, step): return [.openLesson(id: id, step: step)]
        case .vanishing: state.screen = .vanishing(VanishingState.standard())
        case let .bptt(model, input): return [.openBPTT(model: model, input: input, title: model)]
        case .race: return openRace(&state, RaceState())
        case let .unavailable(why): state.status = why
        }
    case let .char(c) where c.isNumber:
        if let n = c.wholeNumberValue, n >= 1, n <= start.entries.count { start.selected = n - 1 }
    default: break
    }
    return []
}

func inputEditorKey(_ state: inout AppState, _ text: String, _ key: Key) -> [Effect] {
    var text = text
    switch key {
    case .escape: state.overlay = nil
    case .enter:
        guard var lab = state.currentLab else { state.overlay = nil; return [] }
        do {
            try lab.setInput(text)
            lab.note = "new input: \(text)"
            state.overlay = nil
            state.currentLab = lab
        } catch {
            state.status = "\(error)"
        }
        return []
    case .backspace, .delete: if !text.isEmpty { text.removeLast() }
    case let .char(c): text.append(c)
    default: break
    }
    if state.overlay != nil { state.overlay = .inputEditor(text) }
    return []
}

func clampEditorKey(_ state: inout AppState, _ editor: ClampEditor, _ key: Key) -> [Effect] {
    guard var lab = state.currentLab else { state.overlay = nil; return [] }
    var editor = editor
    switch editor.handle(key, hiddenSize: lab.model.hiddenSize, kind: lab.model.kind, steps: lab.steps) {
    case .editing: state.overlay = .clampEditor(editor)
    case .cancel: state.overlay = nil
    case let .apply(clamp):
        lab.setClamps(lab.clamps + [clamp])
        lab.note = "clamped \(clamp); the free run is shown beside it"
        state.overlay = nil
        state.currentLab = lab
    }
    return []
}

/// Lesson keys: the lesson's own (steps, questions, presenter), then overlays the scene allows.
func lessonKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    guard case var .lesson(lesson) = state.screen else { return [] }
    if lesson.goTo == nil, !lesson.blank, lesson.lab != nil {
        if key == .char("c"), lesson.allows(.clamp), let lab = lesson.lab, lab.model.kind != .rnn {
            state.overlay = .clampEditor(ClampEditor(kind: lab.model.kind, focus: lab.focus, t: lab.t))
            return []
        }
        if key == .char("e"), lesson.allows(.explain) || lesson.step.scene.panels.contains(.explain) {
            state.overlay = .explain
            return []
        }
    }
    let actions = lesson.handle(key, presenter: state.presenter)
    state.screen = .lesson(lesson)
    var effects: [Effect] = []
    for action in actions {
        switch action {
        case let .progress(change): effects.append(.progress(change))
        case let .train(job): effects.append(.train(job))
        case .cancelTraining: effects.append(.cancelTraining)
        case .leave:
            if let start = state.startScreen { state.screen = .start(start) }
        }
    }
    return effects
}
