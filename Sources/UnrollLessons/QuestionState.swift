/// The predict-then-reveal flow of one question, driven by keys: asked → answered → revealed.
///
/// Multiple choice: `1`…`9` or `a`…`i` choose. Range: digits, `.`, `-`, `e` type a number, backspace
/// deletes, Enter answers. Then the app computes the answer (`reveal(using:)`) and shows `revealed`.
/// Wrong answers are fine: they are revealed and recorded like right ones.
public struct QuestionState: Sendable, Equatable {
    /// Where the flow is.
    public enum Phase: Sendable, Equatable {
        case asked
        case answered(QuestionResponse)
        case revealed(Reveal)
    }

    /// What a key did.
    public enum KeyResult: Sendable, Equatable {
        /// Not a key this question uses now.
        case ignored
        /// The typed number changed.
        case edited
        /// Enter on text that is not a number.
        case rejected
        /// The student answered; reveal next.
        case answered
    }

    public let question: Question
    public private(set) var phase: Phase = .asked
    /// The number being typed (range questions).
    public private(set) var typed: String = ""
    /// How many times the question was answered and revealed (a wrong answer may be tried again).
    public private(set) var attempts = 0
    /// The hint was asked for (lessons may give one: the question's `hint`).
    public var hintShown = false

    public init(question: Question) {
        self.question = question
    }

    /// Handles one key.
    public mutating func press(_ key: Character) -> KeyResult {
        guard case .asked = phase else { return .ignored }
        switch question.kind {
        case let .choices(choices):
            guard let k = Self.choiceIndex(key), k < choices.count else { return .ignored }
            phase = .answered(.choice(k))
            return .answered
        case .range:
            switch key {
            case "\n", "\r":
                guard let x = Double(typed.trimmed), x.isFinite else { return .rejected }
                phase = .answered(.number(x))
                return .answered
            case "\u{7f}", "\u{8}":
                guard !typed.isEmpty else { return .ignored }
                typed.removeLast()
                return .edited
            case "0"..."9", ".", "-", "+", "e", "E":
                guard typed.count < 24 else { return .ignored }
                typed.append(key)
                return .edited
            default:
                return .ignored
            }
        }
    }

    /// Answers directly (mouse, tests); ignored unless the question is still asked.
    public mutating func answer(_ response: QuestionResponse) {
        guard case .asked = phase else { return }
        if case let .choice(k) = response, case let .choices(choices) = question.kind, !(0..<choices.count).contains(k) { return }
        phase = .answered(response)
    }

    /// Reveals with the computed answer; ignored unless answered.
    public mutating func reveal(_ computed: ComputedAnswer) {
        guard case let .answered(response) = phase else { return }
        phase = .revealed(Reveal(response: response, correct: question.isCorrect(response, answer: computed), answer: computed,
                                 explanation: question.explanation))
        attempts += 1
    }

    /// After a wrong answer's reveal: ask again (the progress record keeps the first answer).
    /// Returns false when there is nothing to retry (not revealed, or already right).
    @discardableResult
    public mutating func retry() -> Bool {
        guard let r = revealed, !r.correct else { return false }
        phase = .asked
        typed = ""
        return true
    }

    /// Computes the answer on the scene and reveals it; the error when the answer cannot be computed.
    @discardableResult
    public mutating func reveal(using evaluator: CheckEvaluator) -> CheckError? {
        switch question.computeAnswer(with: evaluator) {
        case let .success(computed):
            reveal(computed)
            return nil
        case let .failure(e):
            return e
        }
    }

    /// Asks again from the start.
    public mutating func reset() {
        phase = .asked
        typed = ""
        attempts = 0
        hintShown = false
    }

    /// The reveal, once revealed.
    public var revealed: Reveal? {
        if case let .revealed(r) = phase { return r }
        return nil
    }

    /// The progress record of the revealed answer: the first one only (a retry is practice).
    public func record(step: Int, question index: Int) -> AnswerRecord? {
        guard let r = revealed, attempts == 1 else { return nil }
        return AnswerRecord(step: step, question: index, given: question.text(of: r.response), correct: r.correct)
    }

    /// `1`…`9` → 0…8, `a`…`i` (either case) → 0…8.
    public static func choiceIndex(_ key: Character) -> Int? {
        guard let scalar = key.unicodeScalars.first, key.unicodeScalars.count == 1 else { return nil }
        let v = Int(scalar.value)
        if (49...57).contains(v) { return v - 49 }
        if (97...105).contains(v) { return v - 97 }
        if (65...73).contains(v) { return v - 65 }
        return nil
    }
}

/// What the reveal shows: the student's answer, whether it was right, the computed answer and why.
public struct Reveal: Sendable, Equatable {
    public let response: QuestionResponse
    public let correct: Bool
    public let answer: ComputedAnswer
    public let explanation: String
}
