/// A predict-then-reveal question: the student answers, then the core computes the answer and the lesson explains it.
public struct Question: Sendable, Equatable {
    /// Multiple choice (the `answer` expression's value is matched against the choices) or a number in a range.
    public enum Kind: Sendable, Equatable {
        case choices([String])
        case range(low: Double, high: Double)
    }

    /// At most nine choices (keys 1…9, a…i).
    public static let maxChoices = 9

    public let prompt: String
    public let kind: Kind
    /// The expression the core evaluates on the step's scene to get the answer.
    public let answer: Formula
    /// For a range question: how far from the computed answer a typed number may be and still count as right.
    public let tolerance: Double?
    /// A nudge shown on request before answering (the question's optional `hint`).
    public var hint: String?
    public let explanation: String
    /// Where the question block starts.
    public let location: SourcePosition

    public init(prompt: String, kind: Kind, answer: Formula, tolerance: Double? = nil, explanation: String, location: SourcePosition) {
        self.prompt = prompt
        self.kind = kind
        self.answer = answer
        self.tolerance = tolerance
        self.explanation = explanation
        self.location = location
    }

    /// The tolerance of a range question: the given one, else a twentieth of the range.
    public var effectiveTolerance: Double {
        if let tolerance { return tolerance }
        if case let .range(low, high) = kind { return abs(high - low) / 20 }
        return 1e-9
    }

    /// Computes the answer on the scene's run and matches it to a choice (or checks it lies in the range).
    public func computeAnswer(with evaluator: CheckEvaluator) -> Result<ComputedAnswer, CheckError> {
        switch evaluator.evaluate(answer) {
        case let .failure(e): return .failure(e)
        case let .success((value, observations)):
            let whole = answer.expression.range
            switch kind {
            case let .choices(choices):
                let matches = Question.matches(value, in: choices)
                guard !matches.isEmpty else {
                    return .failure(CheckError("the computed answer '\(value)' is not among the choices (\(choices.joined(separator: ", ")))", at: whole))
                }
                guard matches.count == 1 else {
                    return .failure(CheckError("the computed answer '\(value)' matches several choices (\(matches.map { choices[$0] }.joined(separator: ", ")))", at: whole))
                }
                return .success(ComputedAnswer(value: value, choice: matches[0], text: choices[matches[0]], observations: observations))
            case let .range(low, high):
                guard case let .number(x) = value else {
                    return .failure(CheckError("a range question's answer must be a number; this gives \(value.kindName)", at: whole))
                }
                guard x >= low && x <= high else {
                    return .failure(CheckError("the computed answer \(formatCheckNumber(x)) is outside the range [\(formatCheckNumber(low)), \(formatCheckNumber(high))]", at: whole))
                }
                return .success(ComputedAnswer(value: value, choice: nil, text: formatCheckNumber(x), observations: observations))
            }
        }
    }

    /// Whether `response` is right, given the computed answer.
    public func isCorrect(_ response: QuestionResponse, answer computed: ComputedAnswer) -> Bool {
        switch response {
        case let .choice(k): return computed.choice == k
        case let .number(x):
            guard case let .number(y) = computed.value else { return false }
            return abs(x - y) <= effectiveTolerance
        }
    }

    /// The response as text, for progress records: the choice's text or the number.
    public func text(of response: QuestionResponse) -> String {
        switch response {
        case let .choice(k):
            if case let .choices(choices) = kind, k >= 0, k < choices.count { return choices[k] }
            return "#\(k + 1)"
        case let .number(x): return formatCheckNumber(x)
        }
    }

    /// The indices of the choices `value` matches: a word its text, a number a numeric choice, true/false yes/no.
    static func matches(_ value: CheckValue, in choices: [String]) -> [Int] {
        let trimmed = choices.map(\.trimmed)
        switch value {
        case let .word(w):
            let exact = trimmed.indices.filter { trimmed[$0] == w }
            return exact.isEmpty ? trimmed.indices.filter { trimmed[$0].lowercased() == w.lowercased() } : exact
        case let .number(x):
            return trimmed.indices.filter { k in
                guard let y = Double(trimmed[k]) else { return false }
                return x.isFinite && y.isFinite ? abs(x - y) <= 1e-9 * max(1, abs(x), abs(y)) : x == y
            }
        case let .bool(b):
            let words = b ? ["yes", "true"] : ["no", "false"]
            return trimmed.indices.filter { words.contains(trimmed[$0].lowercased()) }
        case .vector:
            return []
        }
    }
}

/// What the core computed for a question.
public struct ComputedAnswer: Sendable, Equatable {
    public let value: CheckValue
    /// The matching choice (multiple choice only).
    public let choice: Int?
    /// The answer as the reveal shows it.
    public let text: String
    /// The quantities the answer read.
    public let observations: [Observation]
}

/// A student's answer: a choice (0-based) or a number.
public enum QuestionResponse: Sendable, Equatable, Codable {
    case choice(Int)
    case number(Double)
}
