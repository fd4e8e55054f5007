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
    case train(TrainJob)
    case cancelTraining
    /// Back to the start screen.
    case leave
}

extension LessonState {
    /// Handles one key. Lesson keys first (steps, questions, presenter), then the lab keys the
    /// scene allows, applied to the step's live lab.
    public mutating func handle(_ key: Key, presenter: Bool) -> [LessonAction] {
        // A blanked screen wakes on any key.
        if blank { blank = false; return [] }
        if let typed = goTo { return goToKey(key, typed) }
        // An open question takes its answer keys first.
        if let answered = questionKey(key) { return answered }
        switch key {
        case .right, .char("n"), .pageDown, .enter:
            return next()
        case .char(" ") where !allows(.play):
            return next()
        case .left, .char("p"), .pageUp, .backspace:
            return previous()
        case .char("g"):
            goTo = ""
            note = "go to step: type its number, then Enter"
            return []
        case .char("b"):
            blank = true
            return []
        case .char("r"):
            var actions: [LessonAction] = []
            if lab?.training?.running == true { actions.append(.cancelTraining) }
            loadScene()
            note = "scene reset to what the lesson shows"
            return actions
        case .char("["): narrationScroll = max(0, narrationScroll - 3); return []
        case .char("]"): narrationScroll += 3; return []
        case .char("s"), .char("S"):
            guard allows(.scale) else { return refuse("scale") }
            plotScale = max(0.05, min(4, plotScale * (key == .char("S") ? 1 / 1.1 : 1.1)))
            recomputePlot()
            note = "W scaled by \(NumberFormat.fixed(plotScale, decimals: 2))"
            return []
        case .escape:
            if lab?.training?.running == true { return [.cancelTraining] }
            return [.leave]
        default:
            return labKey(key)
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
            note = lesson.header.next.map { "end of the lesson: Esc returns to the list (next: \($0))" } ?? "end of the lesson: Esc returns to the list"
            return [.progress(.complete(lesson: lesson.id))]
        }
        go(toStep: stepNumber + delta)
        var actions: [LessonAction] = [.progress(.visit(lesson: lesson.id, step: stepNumber))]
        if isLastStep { actions.append(.progress(.complete(lesson: lesson.id))) }
        return actions
    }

    private mutating func goToKey(_ key: Key, _ typed: String) -> [LessonAction] {
        switch key {
        case let .char(c) where c.isNumber:
            goTo = typed + String(c)
            note = "go to step \(typed)\(c) (Enter)"
        case .backspace: goTo = String(typed.dropLast())
        case .enter:
            guard let n = Int(typed), n >= 1, n <= stepCount else {
                goTo = nil
                note = "no step \(typed) (1…\(stepCount))"
                return []
            }
            go(toStep: n)
            return [.progress(.visit(lesson: lesson.id, step: n))]
        default:
            goTo = nil
            note = nil
        }
        return []
    }

    /// Answer keys for the active question; nil when the key is not an answer.
    private mutating func questionKey(_ key: Key) -> [LessonAction]? {
        guard activeQuestion < questions.count, questions[activeQuestion].revealed == nil else { return nil }
        var q = questions[activeQuestion]
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
                    note = revealed.correct ? "right: \(revealed.answer.text)" : "not quite: the core says \(revealed.answer.text)"
                    if let record = q.record(step: stepNumber, question: activeQuestion) {
                        actions.append(.progress(.answer(record, lesson: lesson.id)))
                    }
                }
            }
            questions[activeQuestion] = q
            if activeQuestion + 1 < questions.count { activeQuestion += 1 }
            return actions
        }
    }

    private mutating func refuse(_ what: String) -> [LessonAction] {
        note = "this step does not use \(what); the lab (unroll lab) lets you try everything"
        return []
    }

    /// The lab keys, inside the scene's permissions.
    private mutating func labKey(_ key: Key) -> [LessonAction] {
        guard var lab else { return [] }
        defer { self.lab = lab }
        switch key {
        case .char("h"), .char(","):
            guard allows(.step) else { return refuse("time stepping") }
            lab.t = max(1, lab.t - 1)
        case .char("l"), .char("."):
            guard allows(.step) else { return refuse("time stepping") }
            lab.t = min(lab.steps, lab.t + 1)
        case .home: lab.t = 1
        case .end: lab.t = lab.steps
        case .up, .char("k"): lab.focus.unit = max(0, lab.focus.unit - 1)
        case .down, .char("j"): lab.focus.unit = min(lab.unitCount(for: lab.focus.target) - 1, lab.focus.unit + 1)
        case .tab, .backTab:
            let targets = LabFocus.targets(for: lab.model.kind)
            let i = targets.firstIndex(of: lab.focus.target) ?? 0
            let next = targets[(i + (key == .tab ? 1 : targets.count - 1)) % targets.count]
            lab.focus = LabFocus(target: next, unit: min(lab.focus.unit, lab.unitCount(for: next) - 1))
        case .char(" "):
            guard allows(.play) else { return refuse("play") }
            lab.playing.toggle()
            lab.playTicks = 0
            if lab.playing && lab.t == lab.steps { lab.t = 1 }
        case .char("x"):
            guard allows(.clamp) else { return refuse("clamps") }
            lab.setClamps([])
            lab.note = nil
            note = "clamps removed: the free run"
        case .char("t"):
            guard allows(.train) else { return refuse("training") }
            if lab.training?.running == true { return [.cancelTraining] }
            let job = lab.trainJob()
            lab.training = .init(epoch: 0, epochs: job.config.epochs, losses: [], running: true)
            note = "training live (t stops)"
            return [.train(job)]
        default: break
        }
        return []
    }
}
