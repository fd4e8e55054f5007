import UnrollCore

// The closed sets a scene draws from: panels, interactive keys, highlightable vectors.
//
// They are fixed so that lint can tell a typo from a real name.

/// A panel a scene shows. The set is fixed so that lint can tell a typo from a panel.
public enum Panel: String, CaseIterable, Sendable, Codable {
    /// The unrolled timeline of tokens, with the time cursor.
    case timeline
    /// Input, hidden and output vectors at the cursor.
    case vectors
    /// The gate values at the cursor (gated cells).
    case gates
    /// The LSTM cell state.
    case cell
    /// The cell diagram with values on its wires.
    case diagram
    /// The output distribution at the cursor.
    case probs
    /// "Explain this number": the terms of the highlighted value.
    case explain
    /// A plot chosen by the scene's `plot`.
    case plot
    /// The step's narration.
    case text
}

/// An interactive key the step invites the student to try.
public enum InteractiveKey: String, CaseIterable, Sendable, Codable {
    /// Move the time cursor one step.
    case step
    /// Play the sequence step by step.
    case play
    /// Clamp a gate.
    case clamp
    /// Explain the highlighted number.
    case explain
    /// Train the model live.
    case train
    /// Scale the recurrent weights.
    case scale
}

/// What `t` trains on in a scene (`train:`), named on screen.
public enum TrainingSource: String, CaseIterable, Sendable, Codable {
    /// The scene's own input and targets ("this sentence").
    case sentence
    /// A fresh seeded 50-sentence story each epoch (book models).
    case story
    /// Every start of the dinner cycle (dinner models).
    case dinner
    /// Memory-race batches (race models).
    case race
}

extension TrainingSource {
    /// Why this data cannot train `model` (nil: it can): its vocabulary must be the task's.
    public func problem(for model: RecurrentModel, hasTargets: Bool) -> String? {
        let vocab = model.vocab ?? []
        switch self {
        case .sentence: return hasTargets ? nil : "needs targets (the scene has none, and the outputs are not the input words)"
        case .story: return vocab == ChildrensBook().vocab && model.outputSize == vocab.count ? nil : "needs a model over the book's words (Doug, Jane, Spot, saw, .)"
        case .dinner: return vocab == DinnerCycle().menu && model.outputSize == vocab.count ? nil : "needs a model over the dinner menu (pizza, sushi, waffles)"
        case .race:
            let race = MemoryRace(delay: 10)
            return vocab == race.vocab && model.outputSize == vocab.count ? nil : "needs a model over the race's symbols (\(race.vocab.joined(separator: ", ")))"
        }
    }
}

/// A vector a scene can highlight.
public enum HighlightVector: String, CaseIterable, Sendable, Codable {
    /// x_t.
    case input
    /// h_t.
    case hidden
    /// c_t (LSTM).
    case cell
    /// The output logits.
    case logits
    /// The output probabilities.
    case probs
    /// ∂L/∂h_t (needs targets).
    case grad_h
    /// ∂L/∂c_t (LSTM, needs targets).
    case grad_c
}
