/// Turns a buffer into SVG or HTML (for `unroll render --format svg|html`): the frame as text in
/// a monospace font with its colours and box glyphs, crisp at any size on a slide or a handout.
///
/// Both keep the characters exactly: the SVG's `<text>` rows and the HTML's `<pre>` hold the
/// frame's rows (XML-escaped), so their text is the text frame. Colours come from `palette`
/// (the 256-colour table as RGB; the 8-colour table as the xterm defaults; monochrome as
/// attributes only: bold, dim as opacity, underline, reverse as swapped colours), on a dark
/// background as in a terminal.
public enum VectorEncoder {
    /// The background and default text colour (a dark terminal).
    public static let background = "#1c1c1c"
    public static let foreground = "#e4e4e4"

    /// One run of cells in one style along a row.
    struct Run {
        var x: Int
        var text: String
        var style: Style
    }

    /// The runs of row `y`, trailing default-style blanks dropped.
    static func runs(_ buffer: Buffer, y: Int) -> [Run] {
        var last = buffer.width - 1
        while last >= 0 && buffer[last, y].character == " " && !hasBackground(buffer[last, y].style) { last -= 1 }
        var out: [Run] = []
        guard last >= 0 else { return out }
        for x in 0...last {
            let cell = buffer[x, y]
            if var run = out.last, run.style == cell.style {
                run.text.append(cell.character)
                out[out.count - 1] = run
            } else {
                out.append(Run(x: x, text: String(cell.character), style: cell.style))
            }
        }
        return out
    }

    static func hasBackground(_ style: Style) -> Bool { style.reverse }

    /// Foreground and background colours (nil: the default) and attributes of a style on a palette.
    struct Look: Equatable {
        var fill: String
        var background: String?
        var bold: Bool
        var dim: Bool
        var underline: Bool
    }

    static func look(_ style: Style, palette: Palette) -> Look {
        let e = palette.entry(style.role)
        var fg = palette == .monochrome ? foreground : (e.foreground >= 0 ? rgb(e.foreground, palette: palette) : foreground)
        var bg = palette == .monochrome ? nil : (e.background >= 0 ? rgb(e.background, palette: palette) : nil)
        if style.reverse || e.reverse {
            let f = fg
            fg = bg ?? background
            bg = f
        }
        return Look(fill: fg, background: bg, bold: style.bold || e.bold, dim: style.dim || e.dim, underline: style.underline || e.underline)
    }

    /// The RGB of a colour index: xterm's 256-colour table (or its first 8 for `.color8`).
    public static func rgb(_ index: Int, palette: Palette) -> String {
        let basic = ["#000000", "#cd0000", "#00cd00", "#cdcd00", "#0000ee", "#cd00cd", "#00cdcd", "#e5e5e5",
                     "#7f7f7f", "#ff0000", "#00ff00", "#ffff00", "#5c5cff", "#ff00ff", "#00ffff", "#ffffff"]
        let i = Swift.max(0, Swift.min(255, index))
        if i < 16 { return basic[i] }
        func hex(_ v: Int) -> String {
            let digits = Array("0123456789abcdef")
            return String([digits[(v >> 4) & 15], digits[v & 15]])
        }
        if i >= 232 {
            let v = 8 + (i - 232) * 10
            return "#" + hex(v) + hex(v) + hex(v)
        }
        let c = i - 16
        let levels = [0, 95, 135, 175, 215, 255]
        return "#" + hex(levels[c / 36]) + hex(levels[(c / 6) % 6]) + hex(levels[c % 6])
    }

    /// `text` with the five XML specials escaped.
    public static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(ch)
            }
        }
        return out
    }

    static let fontFamily = "'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', monospace"

    /// The frame as a standalone SVG document: one `<text>` a row, one `<tspan>` a style run
    /// placed at its column, background rectangles for reversed cells.
    ///
    /// - Complexity: O(width × height).
    public static func svg(_ buffer: Buffer, palette: Palette, title: String? = nil, fontSize: Double = 14) -> String {
        let cw = fontSize * 0.6, ch = fontSize * 1.2
        func n(_ v: Double) -> String {
            let r = (v * 100).rounded() / 100
            return r == r.rounded() ? String(Int(r)) : String(r)
        }
        let width = n(Double(buffer.width) * cw), height = n(Double(buffer.height) * ch)
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\""
        out += " font-family=\"\(fontFamily)\" font-size=\"\(n(fontSize))\">\n"
        if let title { out += "<title>\(escaped(title))</title>\n" }
        out += "<rect width=\"100%\" height=\"100%\" fill=\"\(background)\"/>\n"
        var rows: [[Run]] = []
        for y in 0..<buffer.height { rows.append(runs(buffer, y: y)) }
        for (y, row) in rows.enumerated() {
            for run in row {
                let l = look(run.style, palette: palette)
                guard let bg = l.background else { continue }
                out += "<rect x=\"\(n(Double(run.x) * cw))\" y=\"\(n(Double(y) * ch))\" width=\"\(n(Double(run.text.count) * cw))\" height=\"\(n(ch))\" fill=\"\(bg)\"/>\n"
            }
        }
        for (y, row) in rows.enumerated() {
            out += "<text y=\"\(n(Double(y) * ch + fontSize))\" xml:space=\"preserve\">"
            for run in row {
                let l = look(run.style, palette: palette)
                out += "<tspan x=\"\(n(Double(run.x) * cw))\" fill=\"\(l.fill)\""
                if l.bold { out += " font-weight=\"bold\"" }
                if l.dim { out += " fill-opacity=\"0.6\"" }
                if l.underline { out += " text-decoration=\"underline\"" }
                out += ">" + escaped(run.text) + "</tspan>"
            }
            out += "</text>\n"
        }
        out += "</svg>\n"
        return out
    }

    /// The frame as a standalone HTML page: a `<pre>` of styled `<span>`s, rows ending in newlines.
    ///
    /// - Complexity: O(width × height).
    public static func html(_ buffer: Buffer, palette: Palette, title: String = "Unroll") -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>\(escaped(title))</title>\n"
        out += "<style>\nbody { margin: 0; background: \(background); }\n"
        out += "pre { margin: 0; padding: 1em; color: \(foreground); background: \(background); font-family: \(fontFamily); font-size: 14px; line-height: 1.2; }\n"
        out += "</style>\n</head>\n<body>\n<pre>"
        for y in 0..<buffer.height {
            for run in runs(buffer, y: y) {
                let l = look(run.style, palette: palette)
                var css: [String] = []
                if l.fill != foreground { css.append("color:\(l.fill)") }
                if let bg = l.background { css.append("background:\(bg)") }
                if l.bold { css.append("font-weight:bold") }
                if l.dim { css.append("opacity:0.6") }
                if l.underline { css.append("text-decoration:underline") }
                out += css.isEmpty ? escaped(run.text) : "<span style=\"\(css.joined(separator: ";"))\">" + escaped(run.text) + "</span>"
            }
            if y + 1 < buffer.height { out += "\n" }
        }
        out += "</pre>\n</body>\n</html>\n"
        return out
    }
}
