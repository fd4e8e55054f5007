import ArgumentParser
import UnrollApp
import UnrollCore

/// `unroll lab`'s continuation: ghost steps after the input, greedy or sampled (seeded).
struct ContinuationOptions: ParsableArguments {
    @Option(name: .customLong("continue"), help: "Draw this many ghost steps after the input: what the model would say next, fed its own words.")
    var steps: Int = 0

    @Option(help: "Sample the continuation from softmax(logits / T) instead of taking the likeliest word (T > 0).")
    var temperature: Double?

    @Option(help: "The seed of a sampled continuation: the same seed, the same words.")
    var seed: UInt64 = 0

    func validate() throws {
        if steps < 0 || steps > 200 { throw ValidationError("--continue must be 0…200, got \(steps)") }
        if let temperature, !(temperature > 0 && temperature.isFinite && temperature <= 100) {
            throw ValidationError("--temperature must be a number in (0, 100], got \(temperature)")
        }
    }

    /// The lab's ghost request, or a one-line usage error when the model cannot continue a text.
    func request(for model: RecurrentModel, name: String) throws -> GhostRequest? {
        guard steps > 0 else {
            if temperature != nil { throw fail("lab", "--temperature needs --continue N (how many words to continue)", code: Exit.usage) }
            return nil
        }
        guard model.canContinue else {
            throw fail("lab", "--continue: \(TerminalSafe.line(name)) cannot feed itself its own words (\(model.whyPredictionsCannotBeFed ?? "it reads real numbers"))", code: Exit.usage)
        }
        return GhostRequest(steps: steps, temperature: temperature, seed: seed)
    }
}
