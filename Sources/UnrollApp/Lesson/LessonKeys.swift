import UnrollCore
import UnrollLessons
import UnrollTUI

/// A change to the student's saved progress, performed by the app as an effect.
public enum ProgressChange: Sendable, Equatable {
    case visit(lesson: String, step: Int)
    case complete(lesson: String)
    case answer(AnswerRecord, lesson: String)

    /// Applies the change to a progress value.
    public func apply(to progress: inout StudyProgress) {
        switch self {
        case let .visit(lesson, step): progress.visit(lesson: lesson, step: step)
        case let .complete(lesson): progress.complete(lesson: lesson)
        case let .answer(record, lesson): progress.record(record, lesson: lesson)
        }
    }
}

/// What a key did in a lesson, beyond changing the lesson's own state.
public enum LessonAction: Sendable {
    case progress(ProgressChange)
    /// An effect for the app to perform (training: start, control, write the model).
    case effect(Effect)
    case cancelTraining
    /// Compute the step's scene off the update loop.
    case computeScene(SceneJob)
    /// Back to the start screen.
    case leave
    /// The last step was passed: say what comes next (the lesson's `next:`, by id, or none).
    case reachedEnd(next: String?)
    /// Open another lesson at its first step (the end of a lesson, `n` again).
    case openLesson(id: String)
}

/// What the lesson player's keys do: its own (steps, questions, narration, scale) and the lab's it
/// embeds, each inside the step's permissions (the key tells the direction).
public enum LessonCommand: Sendable, Equatable {
    case next, previous, goTo, answer, answerFirst, scroll, scale, reset, back, hint
    case lab(LabCommand)
}

extension LessonState: AppScreen {
    public var name: String { "the lesson player" }

    /// The open question still waiting for its answer, if any.
    var openQuestion: QuestionState? {
        guard activeQuestion < questions.count, questions[activeQuestion].revealed == nil else { return nil }
        return questions[activeQuestion]
    }

    /// The active question when it was answered wrongly: an answer key tries again.
    var retryableQuestion: QuestionState? {
        guard activeQuestion < questions.count, let r = questions[activeQuestion].revealed, !r.correct else { return nil }
        return questions[activeQuestion]
    }

    public func keyMap(_ app: AppState) -> KeyMap<LessonCommand> {
        var bindings: [KeyBinding<LessonCommand>] = []
        // An open question takes its answer keys first; Enter never skips it.
        if let q = openQuestion ?? retryableQuestion {
            if q.question.hint != nil, q.revealed == nil {
                bindings.append(KeyBinding([.char("H")], "a hint for the question", group: .answer, hint: KeyHint("H", "hint"), command: .hint))
            }
            switch q.question.kind {
            case let .choices(choices):
                if q.revealed != nil {
                    bindings.append(KeyBinding(patterns: [.digits], "try the question again (1…\(choices.count))", group: .answer, command: .answer))
                } else {
                    bindings.append(KeyBinding(patterns: [.digits], "answer the question (1…\(choices.count))", group: .answer, command: .answer))
                    bindings.append(KeyBinding([.enter], "answer first: Enter never skips a question", group: .answer, command: .answerFirst))
                }
            case .range:
                if q.revealed != nil {
                    bindings.append(KeyBinding(patterns: [.digits, .key(.char("-")), .key(.char(".")), .key(.char("+"))],
                                               "type another number to try again", group: .answer, command: .answer))
                } else {
                    var keys: [Key] = [.char("-"), .char("."), .char("+"), .enter]
                    if !q.typed.isEmpty { keys += [.char("e"), .backspace] }
                    bindings.append(KeyBinding(patterns: [.digits] + keys.map { .key($0) }, "type the answer, then Enter", group: .answer, command: .answer))
                }
            }
        }
        let invited = { (key: InteractiveKey) in allows(key) }
        let training = lab?.training?.running == true
        var trainingKeys: [KeyBinding<LessonCommand>] = training ? trainingBindings { .lab($0) } : []
        if lab?.training != nil && !training {
            trainingKeys.append(KeyBinding([.char("w")], "write the trained model to a new file", group: .change,
                                           hint: KeyHint("w", "write"), command: .lab(.writeModel)))
        }
        if invited(.train) {
            trainingKeys.append(KeyBinding([.char("R")], "re-initialise the weights (seeded)", group: .change, command: .lab(.reinitialise)))
        }
        let rest: [KeyBinding<LessonCommand>] = [
            KeyBinding([.right, .char("n"), .pageDown] + (openQuestion == nil ? [.enter] : []), "next step", group: .steps, hint: KeyHint("→/n", "next"), command: .next),
            KeyBinding([.left, .char("p"), .pageUp, .backspace], "previous step", group: .steps, hint: KeyHint("←/p", "back"), command: .previous),
            KeyBinding([.char("h"), .char("l"), .char(","), .char(".")], "move the time cursor (when invited)", group: .move,
                       hint: invited(.step) ? KeyHint("h/l", "time") : nil, command: .lab(.step)),
            KeyBinding([.home, .end], "first / last time step", group: .move, command: .lab(.ends)),
            KeyBinding([.up, .down, .char("k"), .char("j")], "focus another unit", group: .move, command: .lab(.unit)),
            KeyBinding([.tab, .backTab], "focus another quantity", group: .move, command: .lab(.quantity)),
            KeyBinding([.char(" ")], "play / pause (when invited)", group: .look,
                       hint: invited(.play) ? KeyHint("space", "play") : nil, command: .lab(.play)),
            KeyBinding([.char("c")], "clamp a gate (when invited)", group: .change, hint: invited(.clamp) ? KeyHint("c", "clamp") : nil, command: .lab(.clamp)),
            KeyBinding([.char("x")], "remove every clamp (when invited)", group: .change, command: .lab(.unclamp)),
            KeyBinding([.char("e")], "explain the focused number (when invited)", group: .look,
                       hint: invited(.explain) ? KeyHint("e", "explain") : nil, command: .lab(.explain)),
            KeyBinding([.char("t")], training ? "stop training (the weights stay)" : "train on what the panel names (when invited)", group: .change,
                       hint: invited(.train) ? KeyHint("t", training ? "stop" : "train") : nil, command: .lab(.train)),
            KeyBinding([.char("s"), .char("S")], "scale W up / down (when invited)", group: .change,
                       hint: invited(.scale) ? KeyHint("s/S", "scale W") : nil, command: .scale),
            KeyBinding([.char("g")], "go to a step: type its number, then Enter", group: .steps, hint: KeyHint("g", "go to"), command: .goTo),
            KeyBinding([.char("["), .char("]")], "scroll the narration", group: .look, command: .scroll),
            KeyBinding([.char("r")], "reset the scene to what the lesson shows", group: .change, hint: KeyHint("r", "reset"), command: .reset),
            KeyBinding([.escape], "back to the list of lessons", group: .leave, hint: KeyHint("Esc", "lessons"), command: .back),
        ]
        bindings += shadowing(trainingKeys, over: rest)
        return KeyMap(bindings)
    }

    public var goToRange: (range: ClosedRange<Int>, noun: String)? { (1...max(1, stepCount), "step") }

    public static func go(toStep n: Int, in state: inout AppState) -> [Effect] {
        guard case var .lesson(lesson) = state.screen else { return [] }
        let wasTraining = lesson.lab?.training?.running == true
        let job = lesson.prepare(step: n)
        state.screen = .lesson(lesson)
        return (wasTraining ? [.cancelTraining] : []) + [.computeScene(job), .progress(.visit(lesson: lesson.lesson.id, step: lesson.stepNumber))]
    }

    public var tickMilliseconds: Int? {
        if computing != nil || lab.map({ $0.trainingTicks || $0.playing }) == true { return 50 }
        // A step's flow along the chain (h/l), then idle again.
        return lab?.flowFrame != nil ? LabState.flowFrameMilliseconds : nil
    }

    public static func tick(in state: inout AppState) -> [Effect] { labPlayTick(&state) }

    public func render(_ app: AppState, into buffer: inout Buffer, glyphs: Glyphs) {
        LessonView.render(self, state: app, into: &buffer, glyphs: glyphs)
    }

    public static func perform(_ command: LessonCommand, key: Key, in state: inout AppState) -> [Effect] {
        guard case var .lesson(lesson) = state.screen else { return [] }
        var actions: [LessonAction] = []
        switch command {
        case .goTo:
            state.overlay = .goTo("")
            return []
        case .lab(.clamp):
            if !lesson.allows(.clamp) { actions = lesson.refuse("clamps") }
            else if let lab = lesson.lab {
                if !lab.model.cell.isGated { lesson.note = "a plain RNN has no gates to clamp" }
                else { state.overlay = .clampEditor(ClampEditor(kind: lab.model.kind, focus: lab.focus, t: lab.t)) }
            }
        case .lab(.explain):
            if lesson.lab != nil, lesson.allows(.explain) || lesson.step.scene.panels.contains(.explain) {
                state.overlay = state.overlay == .explain ? nil : .explain
                lesson.lab?.explainTerm = nil
            } else {
                actions = lesson.refuse("explain")
            }
        default:
            actions = lesson.run(command, key: key)
        }
        state.screen = .lesson(lesson)
        var effects: [Effect] = []
        for action in actions {
            switch action {
            case let .progress(change): effects.append(.progress(change))
            case let .effect(effect): effects.append(effect)
            case .cancelTraining: effects.append(.cancelTraining)
            case let .computeScene(job): effects.append(.computeScene(job))
            case .leave:
                if let start = state.startScreen { state.screen = .start(start) }
            case let .reachedEnd(next):
                let title = next.flatMap { state.startScreen?.lessonTitle(id: $0) }
                if let next {
                    lesson.note = "end of the lesson: n opens the next, “\(title ?? next)”; Esc returns to the list"
                    state.startScreen?.select(lesson: next)
                } else {
                    lesson.note = "end of the lesson: Esc returns to the list"
                }
                state.screen = .lesson(lesson)
            case let .openLesson(id):
                effects.append(.openLesson(id: id, step: 1))
            }
        }
        return effects
    }

    /// Runs one command on the lesson (the ones that stay inside it).
    mutating func run(_ command: LessonCommand, key: Key) -> [LessonAction] {
        switch command {
        case .next: return next()
        case .previous: return previous()
        case .answer:
            guard computing == nil else {
                note = "this step's scene is still being computed: answer in a moment"
                return []
            }
            return questionKey(key) ?? []
        case .hint: return showHint()
        case .answerFirst:
            note = "answer the question first: press a number (→ moves on without answering)"
            return []
        case .scroll:
            narrationScroll = key == .char("[") ? max(0, narrationScroll - 3) : narrationScroll + 3
            return []
        case .scale:
            guard allows(.scale) else { return refuse("scale") }
            plotScale = max(0.05, min(4, plotScale * (key == .char("S") ? 1 / 1.1 : 1.1)))
            recomputePlot()
            note = "W scaled by \(NumberFormat.fixed(plotScale, decimals: 2))"
            return []
        case .reset:
            var actions: [LessonAction] = []
            if lab?.training?.running == true { actions.append(.cancelTraining) }
            actions.append(.computeScene(prepareScene()))
            note = "scene reset to what the lesson shows"
            return actions
        case .back:
            if lab?.training?.running == true {
                lab?.stopTraining()
                note = "training stopped; Esc again returns to the lessons"
                return [.cancelTraining]
            }
            return [.leave]
        case let .lab(c): return labCommand(c, key: key)
        case .goTo: return []
        }
    }

    private mutating func next() -> [LessonAction] {
        if lab?.training?.running == true { return [.cancelTraining] + advance(by: 1) }
        return advance(by: 1)
    }

    private mutating func previous() -> [LessonAction] {
        guard index > 0 else { note = "this is the first step"; return [] }
        return advance(by: -1)
    }

    private mutating func advance(by delta: Int) -> [LessonAction] {
        if delta > 0 && isLastStep {
            let next = lesson.header.next?.value
            // Told once where the lesson ends; the same key again opens the next lesson.
            if endReached, let next { return [.openLesson(id: next)] }
            endReached = true
            return [.progress(.complete(lesson: lesson.id)), .reachedEnd(next: next)]
        }
        endReached = false
        let job = prepare(step: stepNumber + delta)
        var actions: [LessonAction] = [.computeScene(job), .progress(.visit(lesson: lesson.id, step: stepNumber))]
        if isLastStep { actions.append(.progress(.complete(lesson: lesson.id))) }
        return actions
    }

    /// Answer keys for the active question; nil when the key is not an answer.
    private mutating func questionKey(_ key: Key) -> [LessonAction]? {
        guard activeQuestion < questions.count else { return nil }
        var q = questions[activeQuestion]
        // After a wrong answer, an answer key asks again (the record keeps the first answer).
        if let r = q.revealed {
            guard !r.correct, Self.startsAnAnswer(key, q.question.kind) else { return nil }
            q.retry()
        }
        let ch: Character
        switch key {
        case let .char(c): ch = c
        case .enter: ch = "\n"
        case .backspace: ch = "\u{7f}"
        default: return nil
        }
        // Choice questions take 1…9 (letters stay lesson keys: b, g, n, p, r); number questions
        // take digits, sign, point, e and Enter.
        if case .choices = q.question.kind, !ch.isNumber || QuestionState.choiceIndex(ch) == nil { return nil }
        if case .range = q.question.kind, q.typed.isEmpty, !(ch.isNumber || ch == "-" || ch == "." || ch == "+") { return nil }
        switch q.press(ch) {
        case .ignored: return nil
        case .edited, .rejected:
            questions[activeQuestion] = q
            return []
        case .answered:
            var actions: [LessonAction] = []
            if let evaluator {
                if let error = q.reveal(using: evaluator) {
                    note = "the answer could not be computed: \(error)"
                } else if let revealed = q.revealed {
                    note = revealed.correct ? "right: \(revealed.answer.text)"
                        : "not quite: the core says \(revealed.answer.text); press another answer to try again"
                    if let record = q.record(step: stepNumber, question: activeQuestion) {
                        actions.append(.progress(.answer(record, lesson: lesson.id)))
                    }
                }
            }
            questions[activeQuestion] = q
            // A wrong answer stays on screen to be tried again; a right one moves to the next question.
            if q.revealed?.correct == true, activeQuestion + 1 < questions.count { activeQuestion += 1 }
            return actions
        }
    }

    /// Whether `key` begins an answer to a question of this kind (a choice digit, or the start of a number).
    static func startsAnAnswer(_ key: Key, _ kind: Question.Kind) -> Bool {
        guard case let .char(c) = key else { return false }
        switch kind {
        case let .choices(choices): return QuestionState.choiceIndex(c).map { $0 < choices.count && c.isNumber } ?? false
        case .range: return c.isNumber || c == "-" || c == "." || c == "+"
        }
    }

    /// Shows the active question's hint, if the lesson gives one.
    mutating func showHint() -> [LessonAction] {
        guard activeQuestion < questions.count, let hint = questions[activeQuestion].question.hint else {
            note = "this question has no hint"
            return []
        }
        questions[activeQuestion].hintShown = true
        note = "hint: " + hint
        return []
    }

    mutating func refuse(_ what: String) -> [LessonAction] {
        note = "this step does not use \(what); the lab (unroll lab) lets you try everything"
        return []
    }

    /// The lab commands, inside the scene's permissions, applied to the step's live lab.
    private mutating func labCommand(_ command: LabCommand, key: Key) -> [LessonAction] {
        guard var lab else { return [] }
        defer { self.lab = lab }
        switch command {
        case .step:
            guard allows(.step) else { return refuse("time stepping") }
            lab.step(key)
        case .ends: lab.toEnd(key)
        case .unit: lab.moveUnit(key)
        case .quantity: lab.cycleQuantity(key)
        case .play:
            // Space plays or pauses; it never changes the step.
            guard allows(.play) else { return refuse("play") }
            lab.togglePlay()
        case .unclamp:
            guard allows(.clamp) else { return refuse("clamps") }
            lab.setClamps([])
            lab.note = nil
            note = "clamps removed: the free run"
        case .train:
            guard allows(.train) else { return refuse("training") }
            if lab.training?.running == true {
                lab.stopTraining()
                note = "training stopped after \(lab.training?.updates ?? 0) updates; t trains on from here, w writes the model"
                return [.cancelTraining]
            }
            guard let start = lab.startTraining() else { note = lab.note; return [] }
            note = lab.note
            lab.note = nil
            return [.effect(start)]
        case .trainPause, .trainStep, .trainPace, .trainRate, .trainOptimizer, .trainClip, .trainTruncation:
            let effects = lab.trainingKey(command, key: key)
            note = lab.note
            lab.note = nil
            return effects.map { .effect($0) }
        case .writeModel:
            guard let live = lab.training else { return [] }
            var model = lab.model
            model.name = "\(lesson.title), step \(stepNumber), trained \(live.updates) updates on \(live.data)"
            return [.effect(.writeModel(model, fileName: lab.trainedModelFileName))]
        case .reinitialise:
            guard allows(.train) else { return refuse("training") }
            let wasRunning = lab.training?.running == true
            lab.reinitialise()
            note = lab.note
            lab.note = nil
            return wasRunning ? [.cancelTraining] : []
        default: break
        }
        return []
    }
}
