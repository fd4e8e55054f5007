import UnrollCore

/// What the lab's cursor is on: a quantity (a gate, the cell or hidden state, the prediction) and a unit.
public struct LabFocus: Equatable, Sendable {
    /// The focused quantity.
    public enum Target: Equatable, Sendable {
        case gate(Gate)
        case cell
        case hidden
        case probs
    }

    public var target: Target
    /// Hidden unit, or output class for `.probs`.
    public var unit: Int

    public init(target: Target, unit: Int = 0) {
        self.target = target
        self.unit = unit
    }

    /// The focus targets a cell offers, in Tab order: its gates, c when it has a cell state, h, the prediction.
    public static func targets(for cell: any RecurrentCell) -> [Target] {
        cell.gateList.map { .gate($0) } + (cell.hasCellState ? [.cell] : []) + [.hidden, .probs]
    }

    /// The core quantity to explain for this focus.
    public var quantity: Quantity {
        switch target {
        case let .gate(g): return .gate(g)
        case .cell: return .cell
        case .hidden: return .hidden
        case .probs: return .logit
        }
    }

    /// A short name for headings.
    public func name(kind: CellKind) -> String {
        switch target {
        case let .gate(g):
            if let r = g.rohrerName { return "\(g.rawValue) gate \(g.symbol(in: kind)) (\(r))" }
            return "\(g.rawValue) gate \(g.symbol(in: kind))"
        case .cell: return "cell state c"
        case .hidden: return "hidden state h"
        case .probs: return "prediction"
        }
    }
}
