#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a token model would say next, fed its own output: greedy (the likeliest token each step) or
/// sampled from softmax(logits / temperature) with a seeded generator.
///
/// Ghost step j (1-based) reads `tokens[j − 1]` (the token chosen after step T + j − 1) and predicts
/// `tokens[j]`; `trace` is the run over the input followed by the first `steps` chosen tokens.
public struct Continuation: Sendable {
    /// steps + 1 chosen tokens (vocabulary indices).
    public let tokens: [Int]
    /// The run over the input and the ghost steps' inputs (T + steps steps).
    public let trace: Trace
    /// T: the real steps before the ghosts.
    public let inputSteps: Int
    /// nil: greedy.
    public let temperature: Double?

    /// The number of ghost steps.
    public var steps: Int { tokens.count - 1 }
}

extension RecurrentModel {
    /// Whether the model can continue a text: a token model whose vocabulary names its outputs.
    public var canContinue: Bool { inputKind == .tokens && outputKind == .classes && canFeedPredictions }

    /// Continues `input` (tokens; an unknown step reads nothing) for `steps` ghost steps.
    ///
    /// - Parameters:
    ///   - temperature: nil or 0 for greedy (ties to the lowest index); otherwise tokens are drawn
    ///     from softmax(logits / temperature), seeded by `seed` (the same seed, the same words).
    /// - Complexity: one forward pass per chosen token, O(steps · (T + steps)) steps in all.
    public func continuation(of input: SequenceInput, steps: Int, temperature: Double? = nil, seed: UInt64 = 0) -> Continuation {
        precondition(canContinue, "continuation needs a token model whose vocabulary names its outputs")
        var tokens: [Int?] = input.tokens ?? [Int?](repeating: nil, count: input.count)
        let T = tokens.count
        var rng = SeededRandom(seed: seed)
        var chosen: [Int] = []
        let sampling = (temperature ?? 0) > 0
        for _ in 0...max(0, steps) {
            let run = forward(embedded(SequenceInput(tokens: tokens, inputSize: inputSize)))
            let last = run.steps
            let next: Int
            if sampling, let temperature {
                let logits = run.logits(at: last)
                let top = logits.max() ?? 0
                let weights = logits.map { exp(($0 - top) / temperature) }
                let total = weights.reduce(0, +)
                var u = rng.unit() * total
                var pick = weights.count - 1
                for (k, w) in weights.enumerated() {
                    if u < w { pick = k; break }
                    u -= w
                }
                next = pick
            } else {
                next = run.predicted(at: last)
            }
            chosen.append(next)
            tokens.append(next)
        }
        tokens.removeLast()
        let trace = forward(embedded(SequenceInput(tokens: tokens, inputSize: inputSize)))
        return Continuation(tokens: chosen, trace: trace, inputSteps: T, temperature: sampling ? temperature : nil)
    }
}
