/// The three recurrent cells Unroll runs, as `torch.nn.RNN`, `LSTM` and `GRU`.
public enum CellKind: String, CaseIterable, Sendable, Codable {
    case rnn, lstm, gru

    /// The plain cell of this name (`torch.nn.RNN`, `LSTM`, `GRU`).
    public var standardCell: any RecurrentCell {
        RecurrentCells.registered.first { $0.kind == self && $0.fileFlags.isEmpty } ?? ElmanCell()
    }

    /// G: how many H-row blocks the cell's weight matrices stack (1, 4 or 3).
    public var gateCount: Int { standardCell.gateCount }

    /// The gates in PyTorch's row-block order (empty for the Elman RNN).
    public var gates: [Gate] { standardCell.gateList }

    /// A human name for headings.
    public var displayName: String { standardCell.displayName }
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
    public func symbol(in kind: CellKind) -> String { symbol(in: kind.standardCell) }

    /// The one-letter symbol in `cell`'s equations (the usual one when the cell has no such gate).
    public func symbol(in cell: any RecurrentCell) -> String {
        (cell.gates + LSTMCell.gateSpecs + GRUCell.gateSpecs).first { $0.gate == self }?.symbol ?? rawValue
    }

    /// The gate's row block in `cell`'s weight matrices, or nil when the cell has no such gate.
    public func block(in cell: any RecurrentCell) -> Int? { cell.block(of: self) }

    /// Whether the gate's activation is tanh (candidates) rather than the logistic σ.
    public var isTanh: Bool { self == .candidate }
}
