/// Small text-fitting helpers shared by the widgets: truncation with an ellipsis, padding.
enum Text {
    /// `text` cut to at most `width` characters, its last kept character replaced by `ellipsis` when cut.
    static func truncated(_ text: String, to width: Int, ellipsis: Character = "~") -> String {
        guard width > 0 else { return "" }
        guard text.count > width else { return text }
        guard width > 1 else { return String(text.prefix(1)) }
        var out = String(text.prefix(width - 1))
        out.append(ellipsis)
        return out
    }

    /// `text` padded on the left with spaces to `width` (cut from the left when longer).
    static func padLeft(_ text: String, to width: Int) -> String {
        let n = text.count
        if n >= width { return n == width ? text : String(text.suffix(Swift.max(0, width))) }
        return String(repeating: " ", count: width - n) + text
    }

    /// `text` padded on the right with spaces to `width` (cut when longer).
    static func padRight(_ text: String, to width: Int) -> String {
        let n = text.count
        if n >= width { return n == width ? text : String(text.prefix(Swift.max(0, width))) }
        return text + String(repeating: " ", count: width - n)
    }
}

extension Glyphs {
    /// Marks text cut short: `…` in UTF-8, `~` in ASCII.
    var ellipsis: Character { unicode ? "…" : "~" }
    /// The unfilled part of a meter track: `·` in UTF-8, `.` in ASCII.
    var track: Character { unicode ? "·" : "." }
    /// A point marking the row in focus.
    var pointer: Character { ">" }
}

extension Buffer {
    /// Writes a character known to be one column wide (a `Glyphs` member or a widget's own
    /// constant), clipped to `clip`, without `put`'s width check.
    ///
    /// `put` classifies every character through its Unicode scalars (about 90 ns a cell);
    /// widgets use this for bars, shades, braille and box drawing, and `put` for any text
    /// that comes from outside (labels, tokens, lesson prose).
    @inline(__always)
    mutating func glyph(_ ch: Character, x: Int, y: Int, style: Style, clip: Rect) {
        guard clip.contains(x: x, y: y), x >= 0, x < width, y >= 0, y < height else { return }
        self[x, y] = Cell(ch, style: style)
    }
}

extension Buffer {
    /// Writes text made only of single-column characters the widgets produce themselves
    /// (numbers from `NumberFormat`, tick labels, fixed names), clipped; returns the next column.
    @discardableResult
    mutating func glyphs(_ text: String, x: Int, y: Int, style: Style, clip: Rect) -> Int {
        var col = x
        for ch in text {
            glyph(ch, x: col, y: y, style: style, clip: clip)
            col += 1
        }
        return col
    }
}
