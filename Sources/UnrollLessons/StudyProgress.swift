/// Self-study progress: per lesson, how far the student got and what they answered.
public struct StudyProgress: Sendable, Equatable, Codable {
    /// The file format version this build writes.
    public static let currentVersion = 1

    public var version: Int
    /// Per lesson id.
    public var lessons: [String: LessonProgress]
    /// The lesson opened last, for "resume where you left off".
    public var lastLesson: String?

    public init(lessons: [String: LessonProgress] = [:], lastLesson: String? = nil) {
        self.version = StudyProgress.currentVersion
        self.lessons = lessons
        self.lastLesson = lastLesson
    }

    /// Records that `step` (1-based) of `lesson` is shown, and makes it the lesson to resume.
    public mutating func visit(lesson: String, step: Int) {
        var p = lessons[lesson] ?? LessonProgress()
        p.currentStep = max(1, step)
        p.stepReached = max(p.stepReached, step)
        lessons[lesson] = p
        lastLesson = lesson
    }

    /// Marks `lesson` completed.
    public mutating func complete(lesson: String) {
        var p = lessons[lesson] ?? LessonProgress()
        p.completed = true
        lessons[lesson] = p
    }

    /// Appends an answer (right or wrong); the oldest go once a lesson holds `LessonProgress.maxAnswers`.
    public mutating func record(_ answer: AnswerRecord, lesson: String) {
        var p = lessons[lesson] ?? LessonProgress()
        p.answers.append(answer)
        if p.answers.count > LessonProgress.maxAnswers { p.answers.removeFirst(p.answers.count - LessonProgress.maxAnswers) }
        lessons[lesson] = p
    }
}

extension StudyProgress {
    /// `self` (what is on disk) with `mine` (one writer's copy) merged in, so two tutors saving at
    /// once lose nothing: per lesson the furthest step and completion are kept, `mine`'s current step
    /// wins (it is the writer's latest), and answers are the union (each answer `mine` holds beyond
    /// the ones already saved is added, oldest dropped past `LessonProgress.maxAnswers`).
    public func merged(with mine: StudyProgress) -> StudyProgress {
        var out = self
        for (id, m) in mine.lessons {
            guard let theirs = out.lessons[id] else { out.lessons[id] = m; continue }
            out.lessons[id] = theirs.merged(with: m)
        }
        if let last = mine.lastLesson { out.lastLesson = last }
        return out
    }
}

/// One lesson's progress.
public struct LessonProgress: Sendable, Equatable, Codable {
    /// Answers kept per lesson (older ones are dropped).
    public static let maxAnswers = 500

    /// The furthest step shown (1-based; 0: not started).
    public var stepReached: Int
    /// The step shown last, where the lesson resumes.
    public var currentStep: Int
    public var completed: Bool
    public var answers: [AnswerRecord]

    public init(stepReached: Int = 0, currentStep: Int = 1, completed: Bool = false, answers: [AnswerRecord] = []) {
        self.stepReached = stepReached
        self.currentStep = currentStep
        self.completed = completed
        self.answers = answers
    }

    /// This record with `mine` merged in (see `StudyProgress.merged(with:)`).
    public func merged(with mine: LessonProgress) -> LessonProgress {
        var out = self
        out.stepReached = max(stepReached, mine.stepReached)
        out.currentStep = mine.currentStep
        out.completed = completed || mine.completed
        // Multiset union: an answer given twice is kept twice, an answer both copies hold once.
        var saved: [AnswerRecord: Int] = [:]
        for a in answers { saved[a, default: 0] += 1 }
        for a in mine.answers {
            if let n = saved[a], n > 0 { saved[a] = n - 1 } else { out.answers.append(a) }
        }
        if out.answers.count > Self.maxAnswers { out.answers.removeFirst(out.answers.count - Self.maxAnswers) }
        return out
    }

    /// How many answers were right.
    public var correctAnswers: Int { answers.filter(\.correct).count }
}

/// An answer given to a question: which one, what the student said, whether it was right.
public struct AnswerRecord: Sendable, Hashable, Codable {
    /// The step (1-based).
    public var step: Int
    /// The question's index within the step (0-based).
    public var question: Int
    /// The chosen text or the typed number.
    public var given: String
    public var correct: Bool

    public init(step: Int, question: Int, given: String, correct: Bool) {
        self.step = step
        self.question = question
        self.given = given
        self.correct = correct
    }
}
