/// The memory race: recall the first token after N distractors (many-to-one).
///
/// A sequence is `SYMBOL d₁ … d_N recall`; only the last step has a target: the symbol.
public struct MemoryRace: Sendable, Equatable {
    public let symbols: [String]
    public let distractors: [String]
    public let delay: Int

    public init(delay: Int, symbols: [String] = ["A", "B", "C", "D"], distractors: [String] = ["w", "x", "y", "z"]) {
        precondition(delay >= 0, "delay must be ≥ 0")
        self.delay = delay
        self.symbols = symbols
        self.distractors = distractors
    }

    /// Symbols, distractors, then the cue "recall".
    public var vocab: [String] { symbols + distractors + ["recall"] }
    public var cue: Int { symbols.count + distractors.count }
    /// T = N + 2.
    public var length: Int { delay + 2 }

    /// One seeded sequence.
    public func example(rng: inout SeededRandom) -> Example {
        let symbol = rng.below(symbols.count)
        var tokens: [Int?] = [symbol]
        for _ in 0..<delay { tokens.append(symbols.count + rng.below(distractors.count)) }
        tokens.append(cue)
        var targets = [Int?](repeating: nil, count: tokens.count)
        targets[tokens.count - 1] = symbol
        return Example(input: SequenceInput(tokens: tokens, inputSize: vocab.count), targets: targets)
    }

    /// A batch of seeded sequences.
    public func batch(_ size: Int, rng: inout SeededRandom) -> [Example] { (0..<size).map { _ in example(rng: &rng) } }

    /// Share of `examples` whose last-step prediction is the symbol.
    public func accuracy(_ model: RecurrentModel, on examples: [Example]) -> Double {
        var trace = Trace(layout: model.layout, nonlinearity: model.nonlinearity)
        var correct = 0
        for ex in examples {
            model.forward(ex.input, into: &trace)
            if trace.predicted(at: trace.steps) == ex.targets.last.flatMap({ $0 }) { correct += 1 }
        }
        return examples.isEmpty ? 0 : Double(correct) / Double(examples.count)
    }
}
