/// Eigenvalues drawn as points in the complex plane around the unit circle.
///
/// ```
///      ⢀⡠⠤│⠤⢄⡀
///    ⡰⠁   │•  ⠈⢆
///  ──⡇──•─┼──•─⢸──*
///    ⠱⡀   │•  ⢀⠎
///      ⠈⠒⠤│⠤⠒⠁
/// ```
///
/// A linear recurrence h ← Wh shrinks along the directions of eigenvalues inside the circle
/// (|λ| < 1) and grows along those outside, so the picture shows at a glance whether repeated
/// multiplication by W vanishes or explodes. The real axis runs left to right, the imaginary
/// axis bottom to top, both through 0 in `.muted`.
///
/// The circle is drawn in braille dots in UTF-8 (2×4 dots a cell) and with `.` in ASCII; the
/// scale keeps it round on cells twice as tall as wide. An eigenvalue inside or on the circle is
/// `•` (ASCII `o`) in `.positive`; one outside is `*` in `.warning`. An optional second circle
/// (e.g. the spectral radius ρ) is drawn in `.accent`. Uses only the standard library (the
/// circle is traced from √(r² − x²), no trigonometry).
///
/// - Complexity: O(points + area cells).
public struct EigenPlot: Widget, Equatable, Sendable {
    /// One point λ = real + imaginary·i.
    public struct Point: Equatable, Sendable {
        public var real: Double
        public var imaginary: Double

        public init(real: Double, imaginary: Double = 0) {
            self.real = real
            self.imaginary = imaginary
        }

        /// |λ|.
        public var magnitude: Double { (real * real + imaginary * imaginary).squareRoot() }
    }

    public var points: [Point]
    /// Half the side of the square of the plane shown; nil for 1.15 × max(1, the largest finite |λ|).
    public var extent: Double?
    /// A second circle, e.g. at the spectral radius; nil for none.
    public var radiusCircle: Double?
    public var showAxes: Bool

    public init(points: [Point], extent: Double? = nil, radiusCircle: Double? = nil, showAxes: Bool = true) {
        self.points = points
        self.extent = extent
        self.radiusCircle = radiusCircle
        self.showAxes = showAxes
    }

    /// The marks: inside (or on) the unit circle, and outside it.
    public static func mark(outside: Bool, glyphs: Glyphs) -> Character {
        outside ? "*" : (glyphs.unicode ? "•" : "o")
    }

    /// The half-width of the plane shown.
    var resolvedExtent: Double {
        if let extent, extent > 0, extent.isFinite { return extent }
        var m = 1.0
        for p in points where p.magnitude.isFinite { m = Swift.max(m, p.magnitude) }
        if let r = radiusCircle, r.isFinite { m = Swift.max(m, r) }
        return 1.15 * m
    }

    /// Geometry in "column widths": a cell is 1 wide and 2 tall.
    struct Frame {
        let area: Rect
        let dotsX: Int, dotsY: Int
        let dotWidth: Double, dotHeight: Double
        let centreX: Double, centreY: Double
        /// Column widths per unit of the complex plane.
        let unit: Double

        init(area: Rect, extent: Double, braille: Bool) {
            self.area = area
            let sx = braille ? 2 : 1, sy = braille ? 4 : 1
            dotsX = area.width * sx
            dotsY = area.height * sy
            dotWidth = 1 / Double(sx)
            dotHeight = 2 / Double(sy)
            centreX = Double(area.width) / 2
            centreY = Double(area.height)
            unit = Swift.min(Double(area.width), 2 * Double(area.height)) / (2 * extent)
        }

        /// The cell (relative to the area) holding a point of the plane.
        func cell(real: Double, imaginary: Double) -> (Int, Int)? {
            let x = centreX + real * unit, y = centreY - imaginary * unit
            guard x.isFinite, y.isFinite, x >= 0, y >= 0 else { return nil }
            let cx = ScaleMath.floorInt(x), cy = ScaleMath.floorInt(y / 2)
            guard cx < area.width, cy < area.height else { return nil }
            return (cx, cy)
        }

        /// Calls `plot` with every dot of the circle of radius `r`, traced along both axes so it has no gaps.
        func circle(radius r: Double, _ plot: (Int, Int) -> Void) {
            let R = r * unit
            guard R > 0, R.isFinite else { return }
            for i in 0..<dotsX {
                let dx = (Double(i) + 0.5) * dotWidth - centreX
                guard Swift.abs(dx) <= R else { continue }
                let dy = (R * R - dx * dx).squareRoot()
                for y in [centreY - dy, centreY + dy] {
                    let j = ScaleMath.floorInt(y / dotHeight)
                    if j >= 0 && j < dotsY { plot(i, j) }
                }
            }
            for j in 0..<dotsY {
                let dy = (Double(j) + 0.5) * dotHeight - centreY
                guard Swift.abs(dy) <= R else { continue }
                let dx = (R * R - dy * dy).squareRoot()
                for x in [centreX - dx, centreX + dx] {
                    let i = ScaleMath.floorInt(x / dotWidth)
                    if i >= 0 && i < dotsX { plot(i, j) }
                }
            }
        }
    }

    public func render(into buffer: inout Buffer, area: Rect, glyphs: Glyphs) {
        let clip = area.clipped(to: buffer)
        guard !clip.isEmpty, area.width >= 3, area.height >= 2 else { return }
        let braille = glyphs.unicode
        let f = Frame(area: area, extent: resolvedExtent, braille: braille)
        let w = area.width, h = area.height
        if showAxes {
            let row = Swift.min(h - 1, ScaleMath.floorInt(f.centreY / 2)), col = Swift.min(w - 1, ScaleMath.floorInt(f.centreX))
            for x in 0..<w { buffer.glyph(glyphs.horizontal, x: area.x + x, y: area.y + row, style: Style(.muted), clip: clip) }
            for y in 0..<h { buffer.glyph(glyphs.vertical, x: area.x + col, y: area.y + y, style: Style(.muted), clip: clip) }
            buffer.glyph(glyphs.unicode ? "┼" : "+", x: area.x + col, y: area.y + row, style: Style(.muted), clip: clip)
        }
        // Circles: dot bits per cell, and which circle owns the cell (the unit circle wins).
        var bits = [UInt8](repeating: 0, count: w * h)
        var role = [Role?](repeating: nil, count: w * h)
        func trace(_ r: Double, _ owner: Role) {
            f.circle(radius: r) { i, j in
                let cx = braille ? i / 2 : i, cy = braille ? j / 4 : j
                let k = cy * w + cx
                bits[k] |= braille ? LinePlot.brailleBit(i % 2, j % 4) : 1
                if role[k] == nil || owner == .muted { role[k] = owner }
            }
        }
        if let r = radiusCircle, r > 0, Swift.abs(r - 1) > 1e-9 { trace(r, .accent) }
        trace(1, .muted)
        for k in 0..<(w * h) {
            guard let owner = role[k] else { continue }
            let ch: Character = braille ? Character(LinePlot.brailleScalar(bits[k])) : "."
            buffer.glyph(ch, x: area.x + k % w, y: area.y + k / w, style: Style(owner), clip: clip)
        }
        // Points last: an outside point wins its cell.
        var outsideCells = Set<Int>()
        for p in points {
            guard let (cx, cy) = f.cell(real: p.real, imaginary: p.imaginary) else { continue }
            let outside = p.magnitude > 1 + 1e-9
            let k = cy * w + cx
            if !outside && outsideCells.contains(k) { continue }
            if outside { outsideCells.insert(k) }
            buffer.glyph(EigenPlot.mark(outside: outside, glyphs: glyphs), x: area.x + cx, y: area.y + cy,
                         style: Style(outside ? .warning : .positive, bold: true), clip: clip)
        }
    }
}
