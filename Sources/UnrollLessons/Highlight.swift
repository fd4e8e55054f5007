import UnrollCore

/// A hidden unit named by its 0-based index or by its `hidden_labels` entry.
public enum UnitReference: Sendable, Equatable, CustomStringConvertible {
    case index(Int)
    case label(String)

    /// The unit's index in `model`, or nil when out of range or not a label of the model.
    public func resolve(in model: RecurrentModel) -> Int? {
        switch self {
        case let .index(u): return u >= 0 && u < model.hiddenSize ? u : nil
        case let .label(name):
            if let u = model.hiddenLabels?.firstIndex(of: name), u < model.hiddenSize { return u }
            return (0..<model.hiddenSize).first { model.hiddenLabel($0) == name }
        }
    }

    public var description: String {
        switch self {
        case let .index(u): return String(u)
        case let .label(name): return name
        }
    }
}

/// What a scene draws attention to: a gate, a unit, a vector (any of them optional).
public struct Highlight: Sendable, Equatable {
    public var gate: Located<Gate>?
    public var unit: Located<UnitReference>?
    public var vector: Located<HighlightVector>?

    public init(gate: Located<Gate>? = nil, unit: Located<UnitReference>? = nil, vector: Located<HighlightVector>? = nil) {
        self.gate = gate
        self.unit = unit
        self.vector = vector
    }
}
