/// Word-wrapped paragraphs with light Markdown, scrollable; reports its wrapped line count.
///
/// Understood: `# ` headings (`.title`, bold), `**bold**`, `*italic*` / `_italic_` (drawn
/// underlined), `` `code` `` (`.accent`), `- ` / `* ` / `1. ` list items with a hanging
/// indent (leading spaces nest them), fenced ```` ``` ```` blocks (verbatim, `.accent`, cut
/// rather than wrapped), `\*` escapes, and blank lines as paragraph breaks (several collapse
/// into one). Underscores and stars inside words stay literal, so `h_t`, `W_hh` and `c_{t-1}`
/// read as written. Other lines of a paragraph are joined with spaces, as in Markdown.
///
/// ```swift
/// let text = WrappedText("The **forget gate** keeps `c_t`.\n\n- one\n- two", scroll: 0)
/// let total = text.lineCount(width: 40)      // for a scroll bar or "page 1/3"
/// ```
///
/// - Complexity: O(characters) per render (parsing and wrapping are redone each time).
public struct WrappedText: Widget, Equatable, Sendable {
    public var markdown: String
    /// Wrapped lines skipped at the top.
    public var scroll: Int
    /// The style of plain text.
    public var style: Style

    public init(_ markdown: String, scroll: Int = 0, style: Style = .plain) {
        self.markdown = markdown
        self.scroll = scroll
        self.style = style
    }

    /// How many lines the text takes when wrapped to `width` columns.
    public func lineCount(width: Int) -> Int {
        guard width > 0 else { return 0 }
        return layout(width: width, glyphs: .ascii).lines.count
    }

    /// The wrapped lines as plain text (for tests and for searching).
    public func plainLines(width: Int, glyphs: Glyphs = .ascii) -> [String] {
        guard width > 0 else { return [] }
        let l = layout(width: width, glyphs: glyphs)
        return l.lines.map { line in
            var s = String(repeating: " ", count: line.indent - line.prefix.count) + line.prefix.map { $0.0 }.map(String.init).joined()
            if let b = line.block { s += String(l.blocks[b].chars[line.range]) }
            return s
        }
    }

    public func render(into buffer: inout Buffer, area: Rect, glyphs: Glyphs) {
        let clip = area.clipped(to: buffer)
        guard !clip.isEmpty else { return }
        let l = layout(width: area.width, glyphs: glyphs)
        let first = Swift.max(0, scroll)
        guard first < l.lines.count else { return }
        for row in 0..<Swift.min(area.height, l.lines.count - first) {
            let line = l.lines[first + row]
            let y = area.y + row
            var x = area.x + line.indent - line.prefix.count
            for (ch, st) in line.prefix {
                buffer.glyph(ch, x: x, y: y, style: st, clip: clip)
                x += 1
            }
            guard let b = line.block else { continue }
            let block = l.blocks[b]
            x = area.x + line.indent
            // Characters were made single-column by `display` while parsing.
            for i in line.range {
                buffer.glyph(block.chars[i], x: x, y: y, style: block.styles[i], clip: clip)
                x += 1
            }
        }
    }

    // MARK: - Layout

    /// A block's text after inline parsing: one style per character.
    struct Block {
        var chars: [Character] = []
        var styles: [Style] = []
        /// Leading columns on every line; the first line shows `prefix` right-aligned in them.
        var indent = 0
        var prefix: [(Character, Style)] = []
        /// Fenced code: never wrapped.
        var verbatim = false
    }

    /// One screen line: a range of a block's characters (nil block for a blank line).
    struct Line {
        var block: Int?
        var range: Range<Int>
        var indent: Int
        var prefix: [(Character, Style)]
    }

    func layout(width: Int, glyphs: Glyphs) -> (blocks: [Block], lines: [Line]) {
        let blocks = parse(glyphs: glyphs)
        var lines: [Line] = []
        for (b, block) in blocks.enumerated() {
            if block.chars.isEmpty && block.prefix.isEmpty && !block.verbatim {
                lines.append(Line(block: nil, range: 0..<0, indent: 0, prefix: []))
                continue
            }
            let indent = Swift.min(block.indent, Swift.max(0, width - 1))
            let room = Swift.max(1, width - indent)
            if block.verbatim {
                lines.append(Line(block: b, range: 0..<Swift.min(block.chars.count, room), indent: indent, prefix: []))
                continue
            }
            var first = true
            for range in WrappedText.wrap(block.chars, width: room) {
                lines.append(Line(block: b, range: range, indent: indent, prefix: first ? Array(block.prefix.suffix(indent)) : []))
                first = false
            }
        }
        return (blocks, lines)
    }

    /// Greedy word wrap of `chars` into ranges of at most `width` characters; spaces at breaks are dropped.
    static func wrap(_ chars: [Character], width: Int) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        let n = chars.count
        if n == 0 { return [0..<0] }
        while start < n {
            while start < n && chars[start] == " " { start += 1 }
            if start >= n { break }
            if n - start <= width {
                out.append(start..<n)
                break
            }
            // The last space within width + 1 characters is the break.
            var cut = -1
            var i = start + width
            while i > start {
                if chars[i] == " " { cut = i; break }
                i -= 1
            }
            if cut < 0 {
                out.append(start..<(start + width))
                start += width
            } else {
                var end = cut
                while end > start && chars[end - 1] == " " { end -= 1 }
                out.append(start..<end)
                start = cut + 1
            }
        }
        return out.isEmpty ? [0..<0] : out
    }

    /// Markdown lines → blocks, with one empty block per paragraph break.
    func parse(glyphs: Glyphs) -> [Block] {
        var blocks: [Block] = []
        var paragraph = ""
        var paragraphIndent = 0
        var paragraphPrefix: [(Character, Style)] = []
        var open = false            // a paragraph or list item is collecting lines
        var pendingBreak = false
        var inFence = false

        func flush() {
            guard open else { return }
            var block = WrappedText.inline(paragraph, base: style)
            block.indent = paragraphIndent
            block.prefix = paragraphPrefix
            blocks.append(block)
            paragraph = ""
            paragraphIndent = 0
            paragraphPrefix = []
            open = false
        }
        func startBlock() {
            if pendingBreak && !blocks.isEmpty { blocks.append(Block()) }
            pendingBreak = false
        }

        // Split on UTF-8 newlines: far cheaper than walking grapheme clusters.
        for bytes in markdown.utf8.split(separator: 10, omittingEmptySubsequences: false) {
            let raw = Substring(bytes)
            let line = raw.utf8.last == 13 ? raw.dropLast() : raw
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix("```") {
                flush()
                if !inFence { startBlock() }
                inFence.toggle()
                continue
            }
            if inFence {
                var block = Block(verbatim: true)
                block.chars = line.unicodeScalars.compactMap { WrappedText.display($0 == "\t" ? " " : $0) }
                block.styles = Array(repeating: Style(.accent), count: block.chars.count)
                blocks.append(block)
                continue
            }
            if trimmed.isEmpty {
                flush()
                pendingBreak = true
                continue
            }
            let leading = line.utf8.count - trimmed.utf8.count
            if let level = WrappedText.headingLevel(trimmed) {
                flush()
                startBlock()
                var block = WrappedText.inline(String(trimmed.dropFirst(level + 1)), base: Style(.title, bold: true))
                block.indent = 0
                blocks.append(block)
                continue
            }
            if let (marker, rest) = WrappedText.listMarker(trimmed) {
                flush()
                startBlock()
                let nest = (leading / 2) * 2
                let shown: String = (marker == "-" || marker == "*") ? String(glyphs.bullet) : marker
                paragraph = String(rest)
                paragraphIndent = nest + shown.count + 1
                paragraphPrefix = shown.compactMap { ch in ch.unicodeScalars.first.flatMap(WrappedText.display).map { ($0, Style(.accent)) } } + [(" ", style)]
                open = true
                continue
            }
            if open {
                paragraph += " " + trimmed
            } else {
                startBlock()
                paragraph = String(trimmed)
                open = true
            }
        }
        flush()
        return blocks
    }

    /// The level of a `#`…`######` heading line, or nil.
    static func headingLevel(_ line: Substring) -> Int? {
        var level = 0
        for ch in line {
            if ch == "#" { level += 1 } else { break }
        }
        guard level >= 1 && level <= 6 else { return nil }
        let after = line.dropFirst(level)
        return after.first == " " ? level : nil
    }

    /// A list marker (`-`, `*` or `12.`) and the text after it, or nil.
    static func listMarker(_ line: Substring) -> (String, Substring)? {
        if (line.hasPrefix("- ") || line.hasPrefix("* ")), let first = line.first {
            return (String(first), line.dropFirst(2))
        }
        var digits = 0
        for ch in line {
            if ch.isASCII && ch.isNumber { digits += 1 } else { break }
        }
        guard digits > 0 && digits <= 3 else { return nil }
        let after = line.dropFirst(digits)
        guard after.hasPrefix(". ") else { return nil }
        return (String(line.prefix(digits + 1)), after.dropFirst(2))
    }

    /// What a cell shows for `scalar`: nil for marks that draw nothing on their own (combining
    /// accents, joiners, variation selectors), a space for controls, `?` for wide characters.
    static func display(_ scalar: Unicode.Scalar) -> Character? {
        let v = scalar.value
        if v < 0x80 { return asciiCharacters[Int(v)] }
        if v < 0x300 { return v < 0x20 || v == 0x7F ? " " : Character(scalar) }
        if (0x300...0x36F).contains(v) || (0x1AB0...0x1AFF).contains(v) || (0x1DC0...0x1DFF).contains(v)
            || (0x20D0...0x20FF).contains(v) || (0xFE00...0xFE0F).contains(v) || (0xFE20...0xFE2F).contains(v)
            || (0x200B...0x200D).contains(v) || v == 0x2060 || v == 0xFEFF {
            return nil
        }
        return v >= 0x1100 ? Buffer.singleColumn(Character(scalar)) : Character(scalar)
    }

    /// The display character of each ASCII scalar (controls become spaces), built once.
    static let asciiCharacters: [Character] = (0..<128).map { v in
        v < 0x20 || v == 0x7F ? " " : Character(Unicode.Scalar(UInt8(v)))
    }

    /// Inline Markdown → display characters with styles (parsed scalar by scalar).
    static func inline(_ text: String, base: Style) -> Block {
        let cs = Array(text.unicodeScalars)
        let n = cs.count
        var block = Block()
        block.chars.reserveCapacity(n)
        block.styles.reserveCapacity(n)
        var bold = false
        var italic: Unicode.Scalar?
        func isWordChar(_ i: Int) -> Bool {
            guard i >= 0 && i < n else { return false }
            let v = cs[i].value
            return v >= 0x80 || (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        func isSpace(_ i: Int) -> Bool { i < 0 || i >= n || cs[i] == " " || cs[i] == "\t" }
        func current() -> Style {
            var s = base
            if bold { s.bold = true }
            if italic != nil { s.underline = true }
            return s
        }
        func append(_ scalar: Unicode.Scalar, _ style: Style) {
            guard let ch = display(scalar) else { return }
            block.chars.append(ch)
            block.styles.append(style)
        }
        /// Whether a closing `marker` (one or two scalars) follows position `from`.
        func closer(_ marker: Unicode.Scalar, double: Bool, from: Int) -> Bool {
            var j = from
            while j < n {
                if cs[j] == marker && !isSpace(j - 1) {
                    if double {
                        if j + 1 < n && cs[j + 1] == marker { return true }
                    } else if !(j + 1 < n && cs[j + 1] == marker) && !(marker == "_" && isWordChar(j + 1)) {
                        return true
                    }
                }
                j += 1
            }
            return false
        }
        var i = 0
        while i < n {
            let c = cs[i]
            if c == "\\" && i + 1 < n && (cs[i + 1] == "*" || cs[i + 1] == "_" || cs[i + 1] == "`" || cs[i + 1] == "\\") {
                append(cs[i + 1], current())
                i += 2
                continue
            }
            if c == "`", let end = (i + 1 < n ? cs[(i + 1)...].firstIndex(of: "`") : nil) {
                var code = Style(.accent)
                code.bold = bold
                for j in (i + 1)..<end { append(cs[j], code) }
                i = end + 1
                continue
            }
            if c == "*" && i + 1 < n && cs[i + 1] == "*" {
                if bold && !isSpace(i - 1) {
                    bold = false
                    i += 2
                    continue
                }
                if !bold && !isSpace(i + 2) && closer("*", double: true, from: i + 3) {
                    bold = true
                    i += 2
                    continue
                }
            } else if c == "*" || c == "_" {
                if let open = italic, open == c, !isSpace(i - 1), !(c == "_" && isWordChar(i + 1)) {
                    italic = nil
                    i += 1
                    continue
                }
                if italic == nil && !isSpace(i + 1) && !(c == "_" && isWordChar(i - 1)) && closer(c, double: false, from: i + 2) {
                    italic = c
                    i += 1
                    continue
                }
            }
            append(c == "\t" ? " " : c, current())
            i += 1
        }
        return block
    }
}
