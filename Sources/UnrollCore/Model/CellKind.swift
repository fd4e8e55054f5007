/// The three recurrent cells Unroll runs, as `torch.nn.RNN`, `LSTM` and `GRU`.
public enum CellKind: String, CaseIterable, Sendable, Codable {
    case rnn, lstm, gru

    /// G: how many H-row blocks the cell's weight matrices stack (1, 4 or 3).
    public var gateCount: Int {
        switch self {
        case .rnn: return 1
        case .lstm: return 4
        case .gru: return 3
        }
    }

    /// The gates in PyTorch's row-block order (empty for the Elman RNN).
    public var gates: [Gate] {
        switch self {
        case .rnn: return []
        case .lstm: return [.input, .forget, .candidate, .output]
        case .gru: return [.reset, .update, .candidate]
        }
    }

    /// A human name for headings.
    public var displayName: String {
        switch self {
        case .rnn: return "RNN"
        case .lstm: return "LSTM"
        case .gru: return "GRU"
        }
    }
}

/// The squashing function of an Elman RNN, as `torch.nn.RNN(nonlinearity=…)`.
public enum Nonlinearity: String, CaseIterable, Sendable, Codable {
    case tanh, relu
}

/// A gate of a gated cell, named as in the trace format.
public enum Gate: String, CaseIterable, Sendable, Codable {
    case input, forget, candidate, output, reset, update

    /// The gate's row block in `kind`'s weight matrices, or nil when the cell has no such gate.
    public func block(in kind: CellKind) -> Int? {
        kind.gates.firstIndex(of: self)
    }

    /// Rohrer's name for the LSTM's four networks ("prediction", "ignoring", "forgetting", "selection").
    public var rohrerName: String? {
        switch self {
        case .candidate: return "prediction"
        case .input: return "ignoring"
        case .forget: return "forgetting"
        case .output: return "selection"
        case .reset, .update: return nil
        }
    }

    /// The one-letter symbol in the equations (i, f, g, o; r, z, n).
    public func symbol(in kind: CellKind) -> String {
        switch self {
        case .input: return "i"
        case .forget: return "f"
        case .candidate: return kind == .gru ? "n" : "g"
        case .output: return "o"
        case .reset: return "r"
        case .update: return "z"
        }
    }

    /// Whether the gate's activation is tanh (candidates) rather than the logistic σ.
    public var isTanh: Bool { self == .candidate }
}
