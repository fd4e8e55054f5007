/// A parsed lesson: header, introduction and steps, each step with its complete scene, checks and questions.
public struct Lesson: Sendable, Equatable {
    public let header: LessonHeader
    /// The file it came from, as diagnostics name it.
    public let file: String
    /// The Markdown between the header and the first step.
    public let introduction: String
    public let steps: [LessonStep]
    /// Warnings found while parsing (the lesson still works).
    public let warnings: [Diagnostic]

    public var id: String { header.id }
    public var title: String { header.title }

    /// The table of contents: every step's title.
    public var contents: [String] { steps.map(\.title) }

    /// All checks, with the step (1-based) each belongs to.
    public var allChecks: [(step: Int, formula: Formula)] { steps.flatMap { s in s.checks.map { (s.number, $0) } } }

    /// All questions, with their step and index within the step.
    public var allQuestions: [(step: Int, index: Int, question: Question)] {
        steps.flatMap { s in s.questions.enumerated().map { (s.number, $0.offset, $0.element) } }
    }
}

/// One step: a `## Heading`, its narration, and the scene it shows.
public struct LessonStep: Sendable, Equatable {
    /// 1-based.
    public let number: Int
    public let title: String
    /// The heading's position.
    public let location: SourcePosition
    /// The step's Markdown without its scene, check and question blocks.
    public let narration: String
    /// The complete scene (inherited keys filled in).
    public let scene: Scene
    /// Where the step's own scene block starts; nil when the step only inherits.
    public let sceneLocation: SourcePosition?
    /// Claims about the live model that must hold.
    public let checks: [Formula]
    public let questions: [Question]
    /// Presenter notes (`<!-- notes … -->` in the narration), shown only to the presenter.
    public var notes: String = ""
    /// The step's key number (`key: EXPRESSION` in a check block), drawn large in `--present`.
    public var keyNumber: Formula? = nil
}

/// A lesson, or the diagnostics that prevented it.
public struct LessonParseResult: Sendable {
    /// The lesson, when there are no errors.
    public let lesson: Lesson?
    /// Errors and warnings, sorted by position.
    public let diagnostics: [Diagnostic]

    /// The first error, for a start screen's "broken" mark.
    public var firstError: Diagnostic? { diagnostics.errors.first }
}
