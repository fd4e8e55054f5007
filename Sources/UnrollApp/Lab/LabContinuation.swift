import UnrollCore
import UnrollTUI

/// How many ghost steps the lab draws after the input, greedy or sampled (`unroll lab --continue N --temperature T --seed S`).
public struct GhostRequest: Sendable, Equatable {
    public var steps: Int
    /// nil: greedy.
    public var temperature: Double?
    public var seed: UInt64

    public init(steps: Int, temperature: Double? = nil, seed: UInt64 = 0) {
        self.steps = steps
        self.temperature = temperature
        self.seed = seed
    }
}

extension LabState {
    /// The continuation the ghost steps show, computed from the live model (nil without a request, or
    /// for a model that cannot continue its input).
    public var continuation: Continuation? {
        guard let ghosts, ghosts.steps > 0, model.canContinue, input.tokens != nil else { return nil }
        return model.continuation(of: input, steps: ghosts.steps, temperature: ghosts.temperature, seed: ghosts.seed)
    }

    /// The continuation's words: the ones the ghost steps read, in order.
    public var continuationWords: [String] {
        guard let c = continuation else { return [] }
        return c.tokens.prefix(c.steps).map { model.outputLabel($0) }
    }

    /// The ghost steps of the chain: each reads the word chosen before it and predicts the next.
    var ghostSteps: [ChainStep] {
        guard let c = continuation else { return [] }
        return (0..<c.steps).map { j in
            let t = c.inputSteps + j + 1
            return ChainStep(input: model.outputLabel(c.tokens[j]), prediction: model.outputLabel(c.tokens[j + 1]),
                             layers: [ChainState(hidden: c.trace.hidden(at: t), cell: c.trace.cell(at: t))], ghost: true)
        }
    }
}

extension PlainReport {
    /// The continuation in words, for the plain lab.
    static func continuationLine(_ lab: LabState) -> [String] {
        guard let ghosts = lab.ghosts, ghosts.steps > 0 else { return [] }
        guard lab.continuation != nil else { return ["", "continues: (this model cannot feed itself its own words)"] }
        let how = ghosts.temperature.map { "sampled at temperature \(NumberFormat.short($0)), seed \(ghosts.seed)" } ?? "greedy"
        return ["", "continues (\(how), fed its own words): " + lab.continuationWords.joined(separator: " ")]
    }
}
