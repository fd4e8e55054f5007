/// One vector over time drawn as a row of shaded cells: darker is larger |value|, colour is sign.
///
/// ```
/// h3 ░▒▓█▓▒░
///       ▲          (cursor mark, when the area has a second row)
/// ```
///
/// Each value becomes `cellWidth` cells of `glyphs.shades[level]`, where level is |v| / scale
/// rounded to the nearest of the shades (the first shade, blank, means about zero); positive
/// values use the `.positive` role, negative ones `.negative`, nan shows `?` in `.warning`.
/// With a cell width of 3 or more the last column of each cell is a gap. `Heatmap` stacks
/// these rows under column headers.
public struct HeatRow: Widget, Equatable, Sendable {
    public var label: String
    /// One value per time step.
    public var values: [Double]
    /// The |value| drawn with the darkest shade; nil for the largest finite |value| (1 when all are 0).
    public var scale: Double?
    /// The step marked with a cursor below (and drawn bold).
    public var cursor: Int?
    /// Label column width; nil for the label's length, at most a third of the area.
    public var labelWidth: Int?
    /// Columns per time step; nil to fit the steps in the area (1 or 2).
    public var cellWidth: Int?
    /// The first step drawn; nil to scroll just enough to show the cursor.
    public var firstColumn: Int?

    public init(label: String = "", values: [Double], scale: Double? = nil, cursor: Int? = nil, labelWidth: Int? = nil, cellWidth: Int? = nil, firstColumn: Int? = nil) {
        self.label = label
        self.values = values
        self.scale = scale
        self.cursor = cursor
        self.labelWidth = labelWidth
        self.cellWidth = cellWidth
        self.firstColumn = firstColumn
    }

    public func render(into buffer: inout Buffer, area: Rect, glyphs: Glyphs) {
        let clip = area.clipped(to: buffer)
        guard !clip.isEmpty else { return }
        let lw = Swift.max(0, labelWidth ?? Swift.min(label.count, Swift.max(1, area.width / 3)))
        let geometry = HeatGeometry(area: area, labelWidth: lw, count: values.count, cellWidth: cellWidth, autoMaxCellWidth: 2, cursor: cursor, firstColumn: firstColumn)
        let scale = HeatGeometry.scale(scale, of: [values])
        draw(row: values, label: label, y: area.y, geometry: geometry, scale: scale, focused: false, into: &buffer, clip: clip, glyphs: glyphs)
        if area.height >= 2, let cursor {
            geometry.drawCursorMark(at: cursor, y: area.y + 1, into: &buffer, clip: clip, glyphs: glyphs)
        }
    }

    /// Draws the label and the visible cells of one row at `y`.
    func draw(row: [Double], label: String, y: Int, geometry g: HeatGeometry, scale: Double, focused: Bool, into buffer: inout Buffer, clip: Rect, glyphs: Glyphs) {
        if g.labelWidth > 0 {
            buffer.put(Text.truncated(label, to: g.labelWidth, ellipsis: glyphs.ellipsis), x: g.area.x, y: y, style: Style(focused ? .focus : .text), clip: clip)
        }
        let levels = glyphs.shades.count
        guard levels > 0 else { return }
        for column in g.visibleColumns where column < row.count {
            let v = row[column]
            var style: Style
            var ch: Character
            if v.isNaN {
                ch = "?"
                style = Style(.warning)
            } else {
                let level = Swift.min(levels - 1, Swift.max(0, ScaleMath.roundedInt(Swift.min(1, Swift.abs(v) / scale) * Double(levels - 1))))
                ch = glyphs.shades[level]
                style = Style(v < 0 ? .negative : .positive)
            }
            if column == cursor { style.bold = true }
            let x = g.x(of: column)
            for dx in 0..<g.shadedWidth { buffer.glyph(ch, x: x + dx, y: y, style: style, clip: clip) }
        }
    }
}

/// Where the columns of a heat row or heat map go: label width, cell width, scrolling.
struct HeatGeometry {
    let area: Rect
    let labelWidth: Int
    /// Columns per step, gap included.
    let cellWidth: Int
    /// Columns actually shaded per step (the last one is a gap when the cell is 3 or more wide).
    let shadedWidth: Int
    let gridX: Int
    let first: Int
    let visibleCount: Int

    init(area: Rect, labelWidth: Int, count: Int, cellWidth: Int?, autoMaxCellWidth: Int, cursor: Int?, firstColumn: Int?) {
        self.area = area
        self.labelWidth = labelWidth
        let gridX = area.x + labelWidth + (labelWidth > 0 ? 1 : 0)
        let room = Swift.max(0, area.maxX - gridX)
        let cw = Swift.max(1, cellWidth ?? (count > 0 ? Swift.min(autoMaxCellWidth, Swift.max(1, room / count)) : 1))
        self.gridX = gridX
        self.cellWidth = cw
        self.shadedWidth = cw >= 3 ? cw - 1 : cw
        let visible = Swift.min(count, room / cw)
        self.visibleCount = visible
        var first = Swift.max(0, Swift.min(firstColumn ?? 0, Swift.max(0, count - visible)))
        if firstColumn == nil, let cursor, visible > 0, cursor >= first + visible {
            first = Swift.min(cursor - visible + 1, Swift.max(0, count - visible))
        }
        self.first = first
    }

    var visibleColumns: Range<Int> { first..<(first + visibleCount) }

    func x(of column: Int) -> Int { gridX + (column - first) * cellWidth }

    /// The step drawn at screen column `x`, if any.
    func column(atX x: Int) -> Int? {
        guard x >= gridX, cellWidth > 0 else { return nil }
        let c = first + (x - gridX) / cellWidth
        return visibleColumns.contains(c) ? c : nil
    }

    func drawCursorMark(at column: Int, y: Int, into buffer: inout Buffer, clip: Rect, glyphs: Glyphs) {
        guard visibleColumns.contains(column) else { return }
        let x = x(of: column)
        for dx in 0..<shadedWidth { buffer.glyph(glyphs.cursor, x: x + dx, y: y, style: Style(.focus), clip: clip) }
    }

    /// `scale` if positive and finite, else the largest finite |value| in `rows` (1 when all are 0).
    static func scale(_ scale: Double?, of rows: [[Double]]) -> Double {
        if let scale, scale > 0, scale.isFinite { return scale }
        var m = 0.0
        for row in rows { for v in row where v.isFinite { m = Swift.max(m, Swift.abs(v)) } }
        return m > 0 ? m : 1
    }
}
