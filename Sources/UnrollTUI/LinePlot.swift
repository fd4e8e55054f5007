/// A line chart of one or more (x, y) series with axes, numeric ticks, a legend and an optional marker.
///
/// ```
///          loss per epoch
///   10 ┤⠑⢄
///    1 ┤  ⠈⠑⠢⢄⣀     │
///  0.1 ┤        ⠉⠉⠒⠒│⠤⠤⣀⣀
///      └┬────────┬──────┬──
///       1        10     20
/// ── train  ── test
/// ```
///
/// In UTF-8 each cell holds 2×4 braille dots (U+2800…U+28FF), so lines have 2× horizontal and
/// 4× vertical sub-cell resolution, and series are told apart without colour by their dash
/// pattern (solid, dashed, dotted, dash-dot, long dash, shown in the legend); in ASCII each cell
/// is one point drawn with the series' mark (`*`, `+`, `o`, `x`, `#`, in series order). A
/// discrete series (`Series.discrete`) gets a mark at each point (`●`, `■`, `◆`, … or the ASCII
/// mark) and no line. Consecutive points of other series are joined by straight lines;
/// a point that is not finite (or ≤ 0 on a log scale) is skipped and breaks the line. Where
/// series overlap the later one wins the cell's colour.
///
/// Auto ranges: x spans the data; y spans the data rounded out to "nice" ticks (1, 2, 5 × 10^k),
/// or to whole decades on a log scale. The vertical `marker` (e.g. the current epoch) is drawn in
/// `.accent` through cells without data. Output depends only on the inputs (no randomness, no
/// clock), so it is safe for snapshot tests.
///
/// - Complexity: O(points + plot cells).
public struct LinePlot: Widget, Equatable, Sendable {
    /// One (x, y) sample.
    public struct Point: Equatable, Sendable {
        public var x: Double
        public var y: Double
        public init(_ x: Double, _ y: Double) {
            self.x = x
            self.y = y
        }
    }

    /// A named line, or points for a discrete series (values that exist only at their x).
    public struct Series: Equatable, Sendable {
        public var name: String
        public var points: [Point]
        public var role: Role
        /// Draw a mark at each point and no line between them (per-step losses, the race's delays).
        public var discrete: Bool

        public init(_ name: String, points: [Point], role: Role = .positive, discrete: Bool = false) {
            self.name = name
            self.points = points
            self.role = role
            self.discrete = discrete
        }

        /// A series of `values` at x = firstX, firstX + 1, ….
        public init(_ name: String, values: [Double], firstX: Double = 0, role: Role = .positive, discrete: Bool = false) {
            self.init(name, points: values.indices.map { Point(firstX + Double($0), values[$0]) }, role: role, discrete: discrete)
        }
    }

    public var title: String?
    public var series: [Series]
    /// Plots log10(y); points with y ≤ 0 are skipped.
    public var logY: Bool
    /// Fixed x range; nil to span the data.
    public var xRange: ClosedRange<Double>?
    /// Fixed y range (in data units, also on a log scale); nil for nice bounds around the data.
    public var yRange: ClosedRange<Double>?
    /// An x value marked with a vertical line (e.g. the current n or epoch).
    public var marker: Double?
    /// Text written beside the marker line on the top plot row.
    public var markerLabel: String?
    public var showLegend: Bool

    public init(title: String? = nil, series: [Series], logY: Bool = false, xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil, marker: Double? = nil, markerLabel: String? = nil, showLegend: Bool = true) {
        self.title = title
        self.series = series
        self.logY = logY
        self.xRange = xRange
        self.yRange = yRange
        self.marker = marker
        self.markerLabel = markerLabel
        self.showLegend = showLegend
    }

    /// The ASCII marks of the series, in order (repeating).
    public static let asciiMarks: [Character] = ["*", "+", "o", "x", "#"]
    /// The UTF-8 marks of discrete series, in order (repeating).
    public static let pointMarks: [Character] = ["●", "■", "◆", "○", "□"]

    /// Whether a dot at position `k` (its x + y in dots) of series `index`'s line is drawn: series are told apart
    /// without colour by their dash pattern (solid, dashed, dotted, dash-dot, long dash).
    static func dashOn(series index: Int, dot k: Int) -> Bool {
        switch index % 5 {
        case 0: return true
        case 1: return (k / 4) % 2 == 0
        case 2: return k % 4 == 0
        case 3: return k % 12 < 6 || (k % 12 >= 8 && k % 12 < 10)
        default: return k % 12 < 9
        }
    }

    /// The legend's sample of series `index`: its dash pattern along a braille line, or its mark.
    public static func legendSample(series index: Int, discrete: Bool, glyphs: Glyphs) -> String {
        if !glyphs.unicode { return String(asciiMarks[index % asciiMarks.count]) }
        if discrete { return String(pointMarks[index % pointMarks.count]) }
        // Six cells (one period of every pattern) of a horizontal line through braille row 1.
        var out = ""
        for cell in 0..<6 {
            var bits: UInt8 = 0
            if dashOn(series: index, dot: cell * 2) { bits |= brailleBit(0, 1) }
            if dashOn(series: index, dot: cell * 2 + 1) { bits |= brailleBit(1, 1) }
            out.append(Character(brailleScalar(bits)))
        }
        return out
    }

    /// The x value under screen column `column` when drawn in `area` (nil outside the plot).
    public func xValue(atColumn column: Int, area: Rect) -> Double? {
        guard let frame = Frame(self, area: area) else { return nil }
        guard column >= frame.plot.x && column < frame.plot.maxX else { return nil }
        let t = frame.plot.width > 1 ? Double(column - frame.plot.x) / Double(frame.plot.width - 1) : 0
        return frame.x0 + t * (frame.x1 - frame.x0)
    }

    public func render(into buffer: inout Buffer, area: Rect, glyphs: Glyphs) {
        let clip = area.clipped(to: buffer)
        guard !clip.isEmpty else { return }
        if let title, !title.isEmpty {
            let t = Text.truncated(title, to: area.width, ellipsis: glyphs.ellipsis)
            buffer.put(t, x: area.x + (area.width - t.count) / 2, y: area.y, style: Style(.title, bold: true), clip: clip)
        }
        guard let frame = Frame(self, area: area) else { return }
        drawAxes(frame, into: &buffer, clip: clip, glyphs: glyphs)
        let hasData = drawSeries(frame, into: &buffer, clip: clip, glyphs: glyphs)
        if !hasData {
            let msg = "no data"
            let r = frame.plot.centered(width: msg.count, height: 1)
            buffer.put(msg, x: r.x, y: r.y, style: Style(.muted), clip: clip)
        }
        if let legendY = frame.legendY { drawLegend(y: legendY, x: area.x, into: &buffer, clip: clip, glyphs: glyphs) }
    }

    // MARK: - Geometry

    /// Where everything goes for one area: plot cells, label column, ranges, ticks.
    struct Frame {
        var plot: Rect
        var axisX: Int
        var labelWidth: Int
        var xLabelsY: Int?
        var legendY: Int?
        /// x range and transformed y range (log10 on a log scale).
        var x0: Double, x1: Double, y0: Double, y1: Double
        var yTicks: [(value: Double, label: String)]
        var xTicks: [(value: Double, label: String)]

        init?(_ p: LinePlot, area: Rect) {
            var top = area.y
            var bottom = area.maxY
            if let t = p.title, !t.isEmpty { top += 1 }
            if p.showLegend && !p.series.isEmpty && bottom - top >= 5 {
                legendY = bottom - 1
                bottom -= 1
            }
            if bottom - top >= 4 {
                xLabelsY = bottom - 1
                bottom -= 1
            }
            let axisY = bottom - 1          // the x axis line
            let plotHeight = axisY - top
            guard plotHeight >= 1 else { return nil }
            let (x0, x1, y0, y1, yStep) = p.ranges(plotHeight: plotHeight)
            self.x0 = x0; self.x1 = x1; self.y0 = y0; self.y1 = y1
            // y ticks first: their labels decide the label column width.
            var yTicks: [(Double, String)] = []
            if p.logY {
                let lo = ScaleMath.ceilInt(y0 - 1e-9), hi = ScaleMath.floorInt(y1 + 1e-9)
                if hi >= lo {
                    // Uniform ticks: a nice number of decades apart (1, 2, 3, 5, 10, …), far enough
                    // apart that no two share a row, on multiples of the step.
                    let rowsPerDecade = Double(Swift.max(1, plotHeight - 1)) / Swift.max(1e-9, y1 - y0)
                    var every = 1
                    for candidate in [1, 2, 3, 5, 10, 20, 25, 50, 100] {
                        every = candidate
                        if Double(candidate) * rowsPerDecade >= 1.0 { break }
                    }
                    let start = Int((Double(lo) / Double(every)).rounded(.up)) * every
                    for k in stride(from: start, through: hi, by: every) { yTicks.append((Double(k), LinePlot.decadeLabel(k))) }
                }
            } else if yStep > 0 {
                let first = ScaleMath.ceilInt(y0 / yStep - 1e-9)
                let last = ScaleMath.floorInt(y1 / yStep + 1e-9)
                if last >= first && last - first <= 200 {
                    for k in first...last {
                        let v = Double(k) * yStep
                        yTicks.append((v, NumberFormat.tick(v, step: yStep, width: 7)))
                    }
                }
            }
            self.yTicks = yTicks
            let lw = Swift.min(8, yTicks.reduce(1) { Swift.max($0, $1.1.count) })
            labelWidth = lw
            axisX = area.x + lw + 1
            let plotWidth = area.maxX - axisX - 1
            guard plotWidth >= 2 else { return nil }
            plot = Rect(x: axisX + 1, y: top, width: plotWidth, height: plotHeight)
            // x ticks: about one per 10 columns.
            var xTicks: [(Double, String)] = []
            let xStep = ScaleMath.niceStep((x1 - x0) / Double(Swift.max(1, plotWidth / 10)))
            let first = ScaleMath.ceilInt(x0 / xStep - 1e-9), last = ScaleMath.floorInt(x1 / xStep + 1e-9)
            if last >= first && last - first <= 400 {
                for k in first...last {
                    let v = Double(k) * xStep
                    xTicks.append((v, NumberFormat.tick(v, step: xStep, width: 7)))
                }
            }
            self.xTicks = xTicks
        }

        /// The plot column of x (may lie outside the plot).
        func column(ofX x: Double) -> Int {
            plot.x + ScaleMath.roundedInt((x - x0) / (x1 - x0) * Double(plot.width - 1))
        }

        /// The plot row of a transformed y (may lie outside the plot).
        func row(ofY y: Double) -> Int {
            plot.y + ScaleMath.roundedInt((y1 - y) / (y1 - y0) * Double(plot.height - 1))
        }
    }

    /// The transformed y of a sample, or nil when it cannot be drawn.
    func transformedY(_ y: Double) -> Double? {
        guard y.isFinite else { return nil }
        if logY { return y > 0 ? ScaleMath.log10(y) : nil }
        return y
    }

    /// x range, transformed y range and the linear y tick step.
    func ranges(plotHeight: Int) -> (Double, Double, Double, Double, Double) {
        var xmin = Double.infinity, xmax = -Double.infinity, ymin = Double.infinity, ymax = -Double.infinity
        for s in series {
            for p in s.points where p.x.isFinite {
                guard let ty = transformedY(p.y) else { continue }
                xmin = Swift.min(xmin, p.x); xmax = Swift.max(xmax, p.x)
                ymin = Swift.min(ymin, ty); ymax = Swift.max(ymax, ty)
            }
        }
        if let r = xRange, r.lowerBound.isFinite, r.upperBound.isFinite { xmin = r.lowerBound; xmax = r.upperBound }
        if !(xmin <= xmax) { xmin = 0; xmax = 1 }
        if xmin == xmax { xmin -= 1; xmax += 1 }
        var fixedY = false
        if let r = yRange, let lo = transformedY(r.lowerBound), let hi = transformedY(r.upperBound), lo < hi {
            ymin = lo; ymax = hi; fixedY = true
        }
        if !(ymin <= ymax) { ymin = 0; ymax = 1 }
        if ymin == ymax {
            let pad = logY ? 1 : Swift.max(Swift.abs(ymin) * 0.5, 1e-9)
            ymin -= logY ? 0 : pad
            ymax += pad
        }
        if logY {
            if !fixedY {
                ymin = ScaleMath.floor(ymin + 1e-9)
                ymax = Swift.max(ymin + 1, ScaleMath.ceil(ymax - 1e-9))
            }
            return (xmin, xmax, ymin, ymax, 1)
        }
        let step = ScaleMath.niceStep((ymax - ymin) / Double(Swift.max(1, Swift.min(5, plotHeight / 2))))
        if !fixedY {
            ymin = ScaleMath.floor(ymin / step + 1e-9) * step
            ymax = ScaleMath.ceil(ymax / step - 1e-9) * step
            if ymin == ymax { ymax = ymin + step }
        }
        return (xmin, xmax, ymin, ymax, step)
    }

    /// `10^k` as a short label: `0.01`, `1`, `100`, `1e-5`, `1e6`.
    static func decadeLabel(_ k: Int) -> String {
        if k >= 0 && k <= 4 { return NumberFormat.fixed(ScaleMath.pow10(k), decimals: 0) }
        if k < 0 && k >= -2 { return NumberFormat.fixed(ScaleMath.pow10(k), decimals: -k) }
        return "1e" + String(k)
    }

    // MARK: - Drawing

    private func drawAxes(_ f: Frame, into buffer: inout Buffer, clip: Rect, glyphs: Glyphs) {
        let axisStyle = Style(.muted)
        let axisY = f.plot.maxY
        for y in f.plot.y..<f.plot.maxY { buffer.glyph(glyphs.vertical, x: f.axisX, y: y, style: axisStyle, clip: clip) }
        buffer.glyph(glyphs.bottomLeft, x: f.axisX, y: axisY, style: axisStyle, clip: clip)
        for x in f.plot.x..<f.plot.maxX { buffer.glyph(glyphs.horizontal, x: x, y: axisY, style: axisStyle, clip: clip) }
        var lastRow = Int.max
        for tick in f.yTicks.reversed() {
            let row = f.row(ofY: tick.value)
            guard row >= f.plot.y && row < f.plot.maxY && row != lastRow else { continue }
            lastRow = row
            buffer.glyph(glyphs.unicode ? "┤" : "+", x: f.axisX, y: row, style: axisStyle, clip: clip)
            let label = Text.padLeft(Text.truncated(tick.label, to: f.labelWidth), to: f.labelWidth)
            buffer.glyphs(label, x: f.axisX - 1 - f.labelWidth, y: row, style: Style(.muted), clip: clip)
        }
        var nextFree = Int.min
        for tick in f.xTicks {
            let col = f.column(ofX: tick.value)
            guard col >= f.plot.x && col < f.plot.maxX else { continue }
            buffer.glyph(glyphs.unicode ? "┬" : "+", x: col, y: axisY, style: axisStyle, clip: clip)
            guard let labelY = f.xLabelsY else { continue }
            let n = tick.label.count
            let start = Swift.min(Swift.max(col - n / 2, f.plot.x - 1), clip.maxX - n)
            guard start >= nextFree && start >= clip.x else { continue }
            nextFree = buffer.glyphs(tick.label, x: start, y: labelY, style: Style(.muted), clip: clip) + 1
        }
    }

    /// Rasterises every series into the plot; returns whether any point was drawn.
    private func drawSeries(_ f: Frame, into buffer: inout Buffer, clip: Rect, glyphs: Glyphs) -> Bool {
        let braille = glyphs.unicode
        let sx = braille ? 2 : 1, sy = braille ? 4 : 1
        let dotsW = f.plot.width * sx, dotsH = f.plot.height * sy
        let cellCount = f.plot.width * f.plot.height
        var bits = [UInt8](repeating: 0, count: cellCount)
        var owner = [Int](repeating: -1, count: cellCount)
        var any = false
        let xSpan = f.x1 - f.x0, ySpan = f.y1 - f.y0
        var pointMark = [Bool](repeating: false, count: cellCount)
        for (si, s) in series.enumerated() {
            var previous: (Double, Double)?
            for p in s.points {
                guard p.x.isFinite, let ty = transformedY(p.y) else { previous = nil; continue }
                let dx = (p.x - f.x0) / xSpan * Double(dotsW - 1)
                let dy = (f.y1 - ty) / ySpan * Double(dotsH - 1)
                if s.discrete {
                    // A mark in the point's cell, no line to the next.
                    let x = ScaleMath.roundedInt(dx), y = ScaleMath.roundedInt(dy)
                    guard x >= 0 && x < dotsW && y >= 0 && y < dotsH else { continue }
                    let cell = (y / sy) * f.plot.width + x / sx
                    bits[cell] = 0xFF
                    owner[cell] = si
                    pointMark[cell] = true
                    any = true
                    continue
                }
                let from = previous ?? (dx, dy)
                let first = previous == nil
                LinePlot.rasterise(from: from, to: (dx, dy), width: dotsW, height: dotsH) { x, y in
                    // The pattern goes by position, so it is the same whatever the sampling.
                    guard first || LinePlot.dashOn(series: si, dot: x + y) else { return }
                    let cell = (y / sy) * f.plot.width + x / sx
                    if pointMark[cell] { return }
                    bits[cell] |= braille ? LinePlot.brailleBit(x % 2, y % 4) : 1
                    owner[cell] = si
                    any = true
                }
                previous = (dx, dy)
            }
        }
        if let marker, marker.isFinite {
            let col = f.column(ofX: marker)
            if col >= f.plot.x && col < f.plot.maxX {
                for y in f.plot.y..<f.plot.maxY where bits[(y - f.plot.y) * f.plot.width + col - f.plot.x] == 0 {
                    buffer.glyph(glyphs.vertical, x: col, y: y, style: Style(.accent), clip: clip)
                }
                if let markerLabel, !markerLabel.isEmpty {
                    let n = markerLabel.count
                    let start = col + 1 + n <= f.plot.maxX ? col + 1 : col - n
                    var x = start
                    for ch in markerLabel where x >= f.plot.x && x < f.plot.maxX {
                        if bits[x - f.plot.x] == 0 { buffer.put(ch, x: x, y: f.plot.y, style: Style(.accent), clip: clip) }
                        x += 1
                    }
                }
            }
        }
        for cy in 0..<f.plot.height {
            for cx in 0..<f.plot.width {
                let cell = cy * f.plot.width + cx
                let who = owner[cell]
                guard who >= 0 else { continue }
                let ch: Character
                if pointMark[cell] {
                    ch = braille ? LinePlot.pointMarks[who % LinePlot.pointMarks.count] : LinePlot.asciiMarks[who % LinePlot.asciiMarks.count]
                } else if braille {
                    ch = Character(LinePlot.brailleScalar(bits[cell]))
                } else {
                    ch = LinePlot.asciiMarks[who % LinePlot.asciiMarks.count]
                }
                buffer.glyph(ch, x: f.plot.x + cx, y: f.plot.y + cy, style: Style(series[who].role), clip: clip)
            }
        }
        return any
    }

    private func drawLegend(y: Int, x: Int, into buffer: inout Buffer, clip: Rect, glyphs: Glyphs) {
        var col = x
        for (i, s) in series.enumerated() {
            if i > 0 { col += 2 }
            guard col < clip.maxX else { return }
            // The sample shows what tells the series apart without colour: its dash pattern or mark.
            col = buffer.glyphs(LinePlot.legendSample(series: i, discrete: s.discrete, glyphs: glyphs), x: col, y: y, style: Style(s.role), clip: clip)
            col = buffer.put(" " + s.name, x: col, y: y, style: Style(.text), clip: clip)
        }
    }

    /// The braille dot bit for sub-cell column `c` (0…1) and row `r` (0…3).
    static func brailleBit(_ c: Int, _ r: Int) -> UInt8 {
        switch (c, r) {
        case (0, 0): return 0x01
        case (0, 1): return 0x02
        case (0, 2): return 0x04
        case (1, 0): return 0x08
        case (1, 1): return 0x10
        case (1, 2): return 0x20
        case (0, 3): return 0x40
        default: return 0x80
        }
    }

    /// The braille pattern with the given dots.
    static func brailleScalar(_ bits: UInt8) -> Unicode.Scalar {
        Unicode.Scalar(0x2800 + UInt32(bits)) ?? " "
    }

    /// Calls `plot` for each dot of the segment from `a` to `b` (dot coordinates) inside width × height.
    static func rasterise(from a: (Double, Double), to b: (Double, Double), width: Int, height: Int, _ plot: (Int, Int) -> Void) {
        // Liang–Barsky clip to the dot box (with half a dot of slack), then a DDA walk.
        var t0 = 0.0, t1 = 1.0
        let dx = b.0 - a.0, dy = b.1 - a.1
        let lo = -0.5, hiX = Double(width) - 0.5, hiY = Double(height) - 0.5
        /// Narrows [t0, t1] to where p·t ≤ q; false when nothing is left.
        func clip(_ p: Double, _ q: Double) -> Bool {
            if p == 0 { return q >= 0 }
            let r = q / p
            if p < 0 {
                if r > t1 { return false }
                if r > t0 { t0 = r }
            } else {
                if r < t0 { return false }
                if r < t1 { t1 = r }
            }
            return true
        }
        guard clip(-dx, a.0 - lo), clip(dx, hiX - a.0), clip(-dy, a.1 - lo), clip(dy, hiY - a.1) else { return }
        let sx = a.0 + t0 * dx, sy = a.1 + t0 * dy
        let ex = a.0 + t1 * dx, ey = a.1 + t1 * dy
        let steps = Swift.max(1, ScaleMath.roundedInt(Swift.max(Swift.abs(ex - sx), Swift.abs(ey - sy))))
        var lastX = Int.min, lastY = Int.min
        for i in 0...steps {
            let t = Double(i) / Double(steps)
            let x = ScaleMath.roundedInt(sx + t * (ex - sx)), y = ScaleMath.roundedInt(sy + t * (ey - sy))
            guard x != lastX || y != lastY else { continue }
            lastX = x; lastY = y
            if x >= 0 && x < width && y >= 0 && y < height { plot(x, y) }
        }
    }
}
