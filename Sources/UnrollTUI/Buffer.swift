/// A grid of styled cells: what widgets draw into and what the terminal shows.
///
/// Drawing is clipped to the buffer; nothing wraps past an edge. The terminal keeps the
/// previous buffer and sends only `diff(from:)`'s changed cells.
public struct Buffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    /// Row-major cells, `width * height` of them.
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: fill, count: self.width * self.height)
    }

    /// A buffer from plain text lines (for tests): width is the longest line.
    public init(lines: [String]) {
        let w = lines.map { $0.count }.max() ?? 0
        self.init(width: w, height: lines.count)
        for (row, line) in lines.enumerated() { put(line, x: 0, y: row) }
    }

    public var area: Rect { Rect(width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { (x >= 0 && x < width && y >= 0 && y < height) ? cells[y * width + x] : .blank }
        set { if x >= 0 && x < width && y >= 0 && y < height { cells[y * width + x] = newValue } }
    }

    /// Writes one character, clipped to the buffer (and to `clip` when given).
    public mutating func put(_ ch: Character, x: Int, y: Int, style: Style = .plain, clip: Rect? = nil) {
        if let clip, !clip.contains(x: x, y: y) { return }
        guard x >= 0 && x < width && y >= 0 && y < height else { return }
        cells[y * width + x] = Cell(Buffer.singleColumn(ch), style: style)
    }

    /// Writes a string left to right from (x, y), clipped; returns the column after the last character.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, clip: Rect? = nil, maxWidth: Int? = nil) -> Int {
        var col = x
        let limit = maxWidth.map { x + $0 } ?? Int.max
        for ch in text {
            if col >= limit { break }
            if ch == "\n" { break }
            put(ch, x: col, y: y, style: style, clip: clip)
            col += 1
        }
        return col
    }

    /// Fills a rectangle with one cell.
    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        for yy in r.y..<r.maxY {
            for xx in r.x..<r.maxX { cells[yy * width + xx] = cell }
        }
    }

    /// Changes the style of every cell in a rectangle, keeping the characters.
    public mutating func setStyle(_ rect: Rect, _ style: Style) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        for yy in r.y..<r.maxY {
            for xx in r.x..<r.maxX { cells[yy * width + xx].style = style }
        }
    }

    /// One changed cell, as `diff(from:)` reports it.
    public struct Change: Equatable, Sendable {
        public var x: Int
        public var y: Int
        public var cell: Cell
    }

    /// The cells that differ from `previous` (every cell when the sizes differ).
    ///
    /// - Complexity: O(width × height).
    public func diff(from previous: Buffer?) -> [Change] {
        var out: [Change] = []
        let same = previous.map { $0.width == width && $0.height == height } ?? false
        for yy in 0..<height {
            for xx in 0..<width {
                let c = cells[yy * width + xx]
                if !same || previous?.cells[yy * width + xx] != c {
                    out.append(Change(x: xx, y: yy, cell: c))
                }
            }
        }
        return out
    }

    /// The characters of each row, trailing spaces kept.
    public var lines: [String] {
        (0..<height).map { row in String(cells[(row * width)..<(row * width + width)].map { $0.character }) }
    }

    /// The rows joined by newlines with trailing spaces trimmed: the text snapshot format.
    public var text: String {
        lines.map { line in
            var s = Substring(line)
            while s.last == " " { s = s.dropLast() }
            return String(s)
        }.joined(separator: "\n")
    }

    /// Replaces characters a terminal would draw wider than one column.
    ///
    /// Characters a terminal would act on rather than draw (C0 and C1 controls, ESC, DEL, the
    /// bidirectional overrides and isolates) become a blank, so text from a file can never send
    /// an escape sequence through a cell, in any grapheme.
    static func singleColumn(_ ch: Character) -> Character {
        guard let scalar = ch.unicodeScalars.first else { return " " }
        if ch.unicodeScalars.contains(where: isTerminalControl) { return " " }
        if ch.unicodeScalars.count > 1 { return ch.isASCII ? ch : Character(scalar) }
        let v = scalar.value
        // East Asian wide and emoji ranges: draw a placeholder instead.
        if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v) || (0x20000...0x3FFFD).contains(v) {
            return "?"
        }
        return ch
    }

    /// Whether a terminal would act on `scalar` instead of drawing it.
    static func isTerminalControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
