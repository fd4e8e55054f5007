import UnrollCore

/// Whether a scene's panels fit on a small terminal (80×24 by default), by an estimate of their rows.
///
/// The standard estimate stacks the panels: timeline 3 rows, vectors/gates/cell H+2, diagram 11,
/// probs O+2, explain 3, plot 10, text (the narration) 4; the title line and the key hints take 2.
/// The app can replace `rows` with its real layout.
public struct SceneFit: Sendable {
    public var width: Int
    public var height: Int
    /// Rows the screen keeps for itself (title, key hints).
    public var reservedRows: Int
    /// The minimum rows of one panel for a model.
    public var rows: @Sendable (Panel, RecurrentModel) -> Int

    public init(width: Int = 80, height: Int = 24, reservedRows: Int = 2,
                rows: @escaping @Sendable (Panel, RecurrentModel) -> Int = SceneFit.standardRows) {
        self.width = width
        self.height = height
        self.reservedRows = reservedRows
        self.rows = rows
    }

    /// 80×24 with the standard estimate.
    public static let standard = SceneFit()

    /// The standard per-panel estimate.
    public static func standardRows(_ panel: Panel, _ model: RecurrentModel) -> Int {
        switch panel {
        case .timeline: return 3
        case .vectors, .gates, .cell: return model.hiddenSize + 2
        case .diagram: return 11
        case .probs: return model.outputSize + 2
        case .explain: return 3
        case .plot: return 10
        case .text: return 4
        }
    }

    /// The rows the panels need, stacked; `outputs`: how many outputs the probability panel lists (nil: all).
    public func rowsNeeded(_ panels: [Panel], model: RecurrentModel, outputs: Int? = nil) -> Int {
        panels.reduce(0) { $0 + rows($1, model, outputs: outputs) }
    }

    /// One panel's rows, the probability panel's by the outputs it lists.
    func rows(_ panel: Panel, _ model: RecurrentModel, outputs: Int?) -> Int {
        if panel == .probs, let outputs { return rows(panel, model) - model.outputSize + outputs }
        return rows(panel, model)
    }

    /// The rows available to panels.
    public var budget: Int { height - reservedRows }

    /// Why the panels do not fit, or nil.
    public func problem(_ panels: [Panel], model: RecurrentModel, outputs: Int? = nil) -> String? {
        let needed = rowsNeeded(panels, model: model, outputs: outputs)
        guard needed > budget else { return nil }
        let parts = panels.map { "\($0.rawValue) \(rows($0, model, outputs: outputs))" }.joined(separator: " + ")
        return "the scene cannot fit at \(width)×\(height): its panels need \(needed) rows (\(parts)) but \(budget) are free"
    }
}
