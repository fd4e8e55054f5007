import UnrollCore
import UnrollTUI

/// Where each lab panel goes for a screen size: shared by the view and the mouse handler.
public struct LabLayout: Equatable, Sendable {
    public var header: Rect
    /// The time-series lab's line plot (series, one step ahead, forecast) over the chain; nil for other models.
    public var seriesPlot: Rect?
    /// The unrolled chain: one box per step, the cursor's highlighted (the centre of the lab).
    public var timeline: Rect
    /// The unit table (gates, cell, hidden per unit) or the cell diagram.
    public var table: Rect
    public var prediction: Rect
    /// The cell diagram beside the table when there is room (nil at 80×24: `d` toggles it in).
    public var diagram: Rect?
    /// Training progress and the loss curve while training, else the focused number's terms.
    public var side: Rect?
    public var status: Rect
    public var hints: Rect

    /// The label column width of the unit table.
    public static let labelWidth = 14
    /// One column of the unit table.
    public static let columnWidth = 11

    /// The unit table's width for a cell: labels, one column per quantity, the border; at least
    /// wide enough for its title.
    public static func tableWidth(_ cell: any RecurrentCell) -> Int {
        max(38, labelWidth + columns(for: cell).count * columnWidth + 2)
    }

    /// The columns of the unit table for a cell: its gates, then c (when it has a cell state), then h.
    public static func columns(for cell: any RecurrentCell) -> [LabFocus.Target] {
        cell.gateList.map { .gate($0) } + (cell.hasCellState ? [.cell] : []) + [.hidden]
    }

    public init(width: Int, height: Int, lab: LabState, presenter: Bool) {
        let full = Rect(width: width, height: height)
        let chrome = presenter ? 0 : 1
        header = Rect(x: 0, y: 0, width: width, height: chrome)
        hints = Rect(x: 0, y: height - chrome, width: width, height: chrome)
        status = Rect(x: 0, y: height - chrome - 1, width: width, height: 1)
        let H = lab.model.hiddenSize, O = lab.model.outputSize
        let tableWidth = LabLayout.tableWidth(lab.model.cell)
        let predictionHeight = lab.isSeries ? 5 : O + 3
        // A forecaster's line plot goes over the chain: about a third of the body, 6…16 rows.
        let plotHeight = lab.isSeries ? min(16, max(6, (status.y - chrome) / 3)) : 0
        seriesPlot = plotHeight > 0 ? Rect(x: 0, y: chrome, width: width, height: plotHeight) : nil
        // The chain takes what the panels under it leave, between its compact and full heights.
        let chain = lab.chain()
        let diagramSize = CellDiagram.schematicSize(of: CellDiagram.Description(cell: lab.model.cell))
        let leftWidth = max(tableWidth, 44, diagramSize.width + 4)
        let below = (H + 3) + (width - leftWidth >= 30 ? 0 : predictionHeight)
        let chainHeight = max(chain.compactHeight, min(chain.fullHeight, status.y - chrome - plotHeight - below))
        timeline = Rect(x: 0, y: chrome + plotHeight, width: width, height: max(0, min(chainHeight, status.y - chrome - plotHeight)))
        let bodyTop = timeline.maxY
        let body = Rect(x: 0, y: bodyTop, width: width, height: max(0, status.y - bodyTop))
        let tableHeight = min(body.height, H + 3)
        if body.width - leftWidth >= 30 {
            // Two columns: the table (and the diagram below it when tall enough) on the left;
            // the prediction and the side panel on the right.
            table = Rect(x: 0, y: body.y, width: leftWidth, height: tableHeight)
            prediction = Rect(x: leftWidth, y: body.y, width: body.width - leftWidth, height: min(body.height, predictionHeight))
            let below = Rect(x: 0, y: table.maxY, width: leftWidth, height: body.maxY - table.maxY)
            diagram = below.height >= diagramSize.height + 2 && !lab.showDiagram
                ? Rect(x: 0, y: below.y, width: leftWidth, height: diagramSize.height + 2) : nil
            let top = prediction.maxY
            side = Rect(x: leftWidth, y: top, width: body.width - leftWidth, height: max(0, min(body.maxY - top, 16)))
        } else {
            table = Rect(x: 0, y: body.y, width: body.width, height: tableHeight)
            let rest = Rect(x: 0, y: table.maxY, width: body.width, height: max(0, body.maxY - table.maxY))
            let halves = Layout.horizontal([.percentage(45), .fill(1)]).split(rest)
            prediction = halves[0]
            diagram = nil
            side = halves[1]
        }
        if lab.showDiagram { table = Rect(x: table.x, y: table.y, width: table.width, height: max(table.height, min(body.maxY - table.y, diagramSize.height + 2))) }
        _ = full
    }

    /// The focus under a click in the unit table, if any.
    public func focus(atX x: Int, y: Int, lab: LabState) -> LabFocus? {
        let inner = table.inset(by: 1)
        guard inner.contains(x: x, y: y), !lab.showDiagram else { return nil }
        let row = y - inner.y - 1
        guard row >= 0, row < lab.model.hiddenSize else { return nil }
        let col = (x - inner.x - LabLayout.labelWidth) / LabLayout.columnWidth
        let cols = LabLayout.columns(for: lab.model.cell)
        guard x - inner.x >= LabLayout.labelWidth, col >= 0, col < cols.count else {
            return LabFocus(target: lab.focus.target == .probs ? .hidden : lab.focus.target, unit: row)
        }
        return LabFocus(target: cols[col], unit: row)
    }
}
