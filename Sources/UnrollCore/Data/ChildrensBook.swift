/// Rohrer's children's book: sentences "NAME saw NAME ." over Doug, Jane and Spot, subject ≠ object.
public struct ChildrensBook: Sendable, Equatable {
    /// The characters (default Doug, Jane, Spot).
    public let names: [String]

    public init(names: [String] = ["Doug", "Jane", "Spot"]) {
        precondition(names.count >= 2, "a story needs two characters")
        self.names = names
    }

    /// The vocabulary: the names, then "saw" and ".".
    public var vocab: [String] { names + ["saw", "."] }
    public var saw: Int { names.count }
    public var period: Int { names.count + 1 }

    /// A story of `sentences` seeded sentences, as token indices (4 per sentence).
    public func story(sentences: Int, rng: inout SeededRandom) -> [Int] {
        var tokens: [Int] = []
        tokens.reserveCapacity(sentences * 4)
        for _ in 0..<sentences {
            let subject = rng.below(names.count)
            var object = rng.below(names.count - 1)
            if object >= subject { object += 1 }
            tokens += [subject, saw, object, period]
        }
        return tokens
    }

    /// Next-token example over a story: input tokens 0..<n−1, targets 1..<n.
    public func example(story: [Int]) -> Example {
        Example(input: SequenceInput(tokens: story.dropLast().map { Optional($0) }, inputSize: vocab.count),
                targets: story.dropFirst().map { Optional($0) })
    }

    /// For each step of `story` but the last, the words the grammar allows next, and the
    /// sentence's subject when the step's token is "saw".
    public func grammar(story: [Int]) -> [(valid: Set<Int>, subjectAfterSaw: Int?)] {
        var out: [(Set<Int>, Int?)] = []
        var subject: Int? = nil
        var position = 0
        for s in 0..<(story.count - 1) {
            let tok = story[s]
            switch position {
            case 0:
                subject = tok
                out.append(([saw], nil))
            case 1:
                out.append((Set(names.indices).subtracting(subject.map { [$0] } ?? []), subject))
            case 2:
                out.append(([period], nil))
            default:
                out.append((Set(names.indices), nil))
            }
            position = (position + 1) % 4
        }
        return out
    }

    /// Accuracy (share of steps whose arg-max is allowed by the grammar) and the largest probability
    /// put on the sentence's own subject right after "saw", measured on `story`.
    public func evaluate(_ model: RecurrentModel, story: [Int]) -> (accuracy: Double, subjectAfterSaw: Double) {
        let ex = example(story: story)
        let trace = model.forward(ex.input)
        let rules = grammar(story: story)
        var correct = 0
        var worst = 0.0
        for t in 1...trace.steps {
            let rule = rules[t - 1]
            if rule.valid.contains(trace.predicted(at: t)) { correct += 1 }
            if let subject = rule.subjectAfterSaw { worst = max(worst, trace.probabilities(at: t)[subject]) }
        }
        return (Double(correct) / Double(trace.steps), worst)
    }
}
