/// The shape every shipped lesson must have (lessons marked `draft: true` are exempt, with a warning).
public struct CurriculumRules: Sendable, Equatable {
    public var steps: ClosedRange<Int>
    public var minimumChecks: Int
    public var minimumQuestions: Int

    public init(steps: ClosedRange<Int> = 5...15, minimumChecks: Int = 2, minimumQuestions: Int = 1) {
        self.steps = steps
        self.minimumChecks = minimumChecks
        self.minimumQuestions = minimumQuestions
    }

    /// 5–15 steps, at least 2 checks, at least 1 question.
    public static let standard = CurriculumRules()

    /// The rules `lesson` breaks, located at its header.
    public func violations(_ lesson: Lesson) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func add(_ message: String) {
            out.append(Diagnostic(file: lesson.file, location: .start, message: message + " (or mark it 'draft: true' while writing)"))
        }
        if !steps.contains(lesson.steps.count) {
            add("a lesson has \(steps.lowerBound)–\(steps.upperBound) steps; this one has \(lesson.steps.count)")
        }
        let checks = lesson.allChecks.count
        if checks < minimumChecks { add("a lesson has at least \(minimumChecks) checks; this one has \(checks)") }
        let questions = lesson.allQuestions.count
        if questions < minimumQuestions {
            add("a lesson has at least \(minimumQuestions) question\(minimumQuestions == 1 ? "" : "s"); this one has \(questions)")
        }
        return out
    }

    /// The rules in one line, for messages.
    public var summary: String {
        "\(steps.lowerBound)–\(steps.upperBound) steps, ≥ \(minimumChecks) checks, ≥ \(minimumQuestions) question\(minimumQuestions == 1 ? "" : "s")"
    }
}
