/// Turns a buffer into text with ANSI SGR escapes (for `unroll render --format ansi`): slides,
/// docs and bug reports get the colours the terminal would show.
public enum AnsiEncoder {
    /// The frame as lines with colour and attribute escapes for `palette`, reset at each line end.
    public static func encode(_ buffer: Buffer, palette: Palette) -> String {
        var out = ""
        for y in 0..<buffer.height {
            var current: Style? = nil
            var line = ""
            for x in 0..<buffer.width {
                let cell = buffer[x, y]
                if cell.style != current {
                    line += sgr(cell.style, palette: palette)
                    current = cell.style
                }
                line.append(cell.character)
            }
            // Trim trailing blanks drawn in the default style.
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\u{1B}[0m\n"
        }
        return out
    }

    /// The SGR sequence for a style on a palette (always starting from a reset).
    public static func sgr(_ style: Style, palette: Palette) -> String {
        let e = palette.entry(style.role)
        var codes = ["0"]
        if style.bold || e.bold { codes.append("1") }
        if style.dim || e.dim { codes.append("2") }
        if style.underline || e.underline { codes.append("4") }
        if style.reverse || e.reverse { codes.append("7") }
        switch palette {
        case .color256:
            if e.foreground >= 0 { codes.append("38;5;\(e.foreground)") }
            if e.background >= 0 { codes.append("48;5;\(e.background)") }
        case .color8:
            if e.foreground >= 0 { codes.append("\(30 + e.foreground)") }
            if e.background >= 0 { codes.append("\(40 + e.background)") }
        case .monochrome: break
        }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }
}
