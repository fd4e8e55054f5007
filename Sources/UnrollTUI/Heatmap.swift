/// A matrix drawn as shaded cells: one row per unit, one column per time step, with a legend.
///
/// ```
///     Jane saw  Spot
/// h0  ▓▓▓  ░░░  ███
/// h1  ░░░       ▒▒▒
///          ▲▲▲
/// |v|: ░ ≥0.13  ▒ ≥0.38  ▓ ≥0.63  █ ≥0.88   █ +  █ −
/// ```
///
/// Rows are `HeatRow`s sharing one column geometry. The header shows the column labels
/// (tokens, or the step number t from 1 when none are given) — each truncated to its cell
/// when cells are 3 or more wide, otherwise placed wherever they do not overlap. Below the
/// rows come the cursor mark (when `cursor` is set) and the legend mapping each shade to the
/// smallest |value| drawn with it; when the area is short the legend goes first, then the
/// cursor row. `column(atX:area:)` maps a mouse column back to a step.
///
/// - Complexity: O(visible rows × visible columns).
public struct Heatmap: Widget, Equatable, Sendable {
    /// `values[unit][step]`; rows may differ in length (missing cells stay blank).
    public var values: [[Double]]
    public var rowLabels: [String]
    /// Column headers (tokens); empty for step numbers t = 1, 2, ….
    public var columnLabels: [String]
    /// The |value| drawn with the darkest shade; nil for the largest finite |value|.
    public var scale: Double?
    /// The current step, marked in the header and below the rows.
    public var cursor: Int?
    /// The unit drawn with its label in `.focus`.
    public var focusRow: Int?
    /// Columns per step; nil to fit (up to one more than the longest header, at most 6).
    public var cellWidth: Int?
    /// The first step drawn; nil to scroll just enough to show the cursor.
    public var firstColumn: Int?
    /// The first unit drawn (vertical scrolling).
    public var rowOffset: Int
    public var showLegend: Bool

    public init(values: [[Double]], rowLabels: [String] = [], columnLabels: [String] = [], scale: Double? = nil, cursor: Int? = nil, focusRow: Int? = nil, cellWidth: Int? = nil, firstColumn: Int? = nil, rowOffset: Int = 0, showLegend: Bool = true) {
        self.values = values
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.scale = scale
        self.cursor = cursor
        self.focusRow = focusRow
        self.cellWidth = cellWidth
        self.firstColumn = firstColumn
        self.rowOffset = rowOffset
        self.showLegend = showLegend
    }

    /// Number of time steps (columns).
    public var columnCount: Int { values.reduce(columnLabels.count) { Swift.max($0, $1.count) } }

    /// The label of row `i` (its index when none was given).
    func rowLabel(_ i: Int) -> String { i < rowLabels.count ? rowLabels[i] : String(i) }

    /// The header of column `j` (the step number from 1 when none was given).
    func columnLabel(_ j: Int) -> String { j < columnLabels.count ? columnLabels[j] : String(j + 1) }

    func geometry(in area: Rect) -> HeatGeometry {
        var longestRow = 0
        for i in values.indices { longestRow = Swift.max(longestRow, rowLabel(i).count) }
        let lw = Swift.min(longestRow, Swift.max(1, area.width / 3))
        let count = columnCount
        var longestColumn = 1
        for j in 0..<count { longestColumn = Swift.max(longestColumn, columnLabel(j).count) }
        return HeatGeometry(area: area, labelWidth: lw, count: count, cellWidth: cellWidth, autoMaxCellWidth: Swift.max(2, Swift.min(6, longestColumn + 1)), cursor: cursor, firstColumn: firstColumn)
    }

    /// The step drawn at screen column `x` when rendered in `area`, if any.
    public func column(atX x: Int, area: Rect) -> Int? {
        guard x >= area.x && x < area.maxX else { return nil }
        return geometry(in: area).column(atX: x)
    }

    public func render(into buffer: inout Buffer, area: Rect, glyphs: Glyphs) {
        let clip = area.clipped(to: buffer)
        guard !clip.isEmpty else { return }
        let g = geometry(in: area)
        let scale = HeatGeometry.scale(scale, of: values)
        drawHeader(g, into: &buffer, clip: clip, glyphs: glyphs)
        let first = Swift.max(0, rowOffset)
        let rowCount = Swift.max(0, values.count - first)
        var wantCursor = cursor != nil
        var wantLegend = showLegend
        if 1 + rowCount + (wantCursor ? 1 : 0) + (wantLegend ? 1 : 0) > area.height { wantLegend = false }
        if 1 + rowCount + (wantCursor ? 1 : 0) > area.height { wantCursor = false }
        let shown = Swift.max(0, Swift.min(rowCount, area.height - 1))
        let row = HeatRow(values: [], cursor: cursor)
        for r in 0..<shown {
            let i = first + r
            row.draw(row: values[i], label: rowLabel(i), y: area.y + 1 + r, geometry: g, scale: scale, focused: i == focusRow, into: &buffer, clip: clip, glyphs: glyphs)
        }
        var y = area.y + 1 + shown
        if wantCursor, let cursor {
            g.drawCursorMark(at: cursor, y: y, into: &buffer, clip: clip, glyphs: glyphs)
            y += 1
        }
        if wantLegend {
            Heatmap.drawLegend(scale: scale, x: area.x, y: y, into: &buffer, clip: clip, glyphs: glyphs)
        }
    }

    private func drawHeader(_ g: HeatGeometry, into buffer: inout Buffer, clip: Rect, glyphs: Glyphs) {
        let y = g.area.y
        var nextFree = g.gridX
        for j in g.visibleColumns {
            let x = g.x(of: j)
            let style = Style(j == cursor ? .focus : .muted)
            if g.cellWidth >= 3 {
                buffer.put(Text.truncated(columnLabel(j), to: g.shadedWidth, ellipsis: glyphs.ellipsis), x: x, y: y, style: style, clip: clip)
            } else if x >= nextFree || j == cursor {
                let label = Text.truncated(columnLabel(j), to: 6, ellipsis: glyphs.ellipsis)
                nextFree = buffer.put(label, x: x, y: y, style: style, clip: clip) + 1
            }
        }
    }

    /// The legend line: each shade with the smallest |value| drawn with it, then the sign colours.
    static func drawLegend(scale: Double, x: Int, y: Int, into buffer: inout Buffer, clip: Rect, glyphs: Glyphs) {
        let levels = glyphs.shades.count
        guard levels > 1 else { return }
        var col = buffer.put("|v|:", x: x, y: y, style: Style(.muted), clip: clip)
        let atLeast = glyphs.unicode ? "≥" : ">="
        for k in 1..<levels {
            let threshold = (Double(k) - 0.5) / Double(levels - 1) * scale
            buffer.put(glyphs.shades[k], x: col + 1, y: y, style: Style(.positive), clip: clip)
            col = buffer.put(" " + atLeast + NumberFormat.compact(threshold, width: 5), x: col + 2, y: y, style: Style(.muted), clip: clip) + 1
        }
        // Sign key: a full cell in each sign's role.
        let full = glyphs.shades[levels - 1]
        buffer.put(full, x: col + 1, y: y, style: Style(.positive), clip: clip)
        buffer.put("+", x: col + 3, y: y, style: Style(.muted), clip: clip)
        buffer.put(full, x: col + 6, y: y, style: Style(.negative), clip: clip)
        buffer.put(glyphs.unicode ? "−" : "-", x: col + 8, y: y, style: Style(.muted), clip: clip)
    }
}
