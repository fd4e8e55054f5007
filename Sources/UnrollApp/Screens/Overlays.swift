import UnrollCore
import UnrollTUI

/// The boxes drawn over a screen: help, explain, the clamp editor, the input editor.
public enum Overlays {
    /// A centred, cleared box with a border and title; returns its inner area.
    static func box(_ title: String, width: Int, height: Int, into buffer: inout Buffer, glyphs: Glyphs) -> Rect {
        let area = buffer.area.centered(width: min(width, buffer.width), height: min(height, buffer.height))
        buffer.fill(area)
        let block = Block(title: title, focused: true)
        buffer.render(block, in: area, glyphs: glyphs)
        return block.inner(area)
    }

    /// What the help shows: the title, the key table of the screen (or of the overlay the help was
    /// opened over) with the global keys, and what the mouse does.
    public static func helpTable(_ state: AppState) -> (title: String, table: KeyTable, mouse: String?) {
        if let under = state.overlayUnderHelp {
            return ("keys: " + under.name, GlobalKeys.merged(under.keyMap(state).entries), nil)
        }
        let screen = state.screen.active
        return ("keys: " + screen.name, screen.table(state), screen.mouseHelp)
    }

    /// The help's rows: (group label on a group's first row, keys, description), the key column
    /// wrapped at `keyWidth` and descriptions wrapped at `helpWidth` when `wrapHelp`.
    static func helpRows(_ table: KeyTable, mouse: String?, keyWidth: Int, helpWidth: Int, wrapHelp: Bool) -> [(String, String, String)] {
        var rows: [(String, String, String)] = []
        var sections = table.helpSections.map { (group: $0.group.rawValue, lines: $0.lines) }
        if let mouse { sections.append((group: "mouse", lines: [(keys: "click", help: mouse)])) }
        for section in sections {
            for (k, line) in section.lines.enumerated() {
                let keys = wrap(line.keys, width: keyWidth)
                let help = wrapHelp ? wrap(line.help, width: helpWidth) : [line.help]
                for r in 0..<max(keys.count, help.count) {
                    rows.append((k == 0 && r == 0 ? section.group : "", r < keys.count ? keys[r] : "", r < help.count ? help[r] : ""))
                }
            }
        }
        return rows
    }

    /// Words of `text` in lines of at most `width` characters (a longer word keeps its own line).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if line.isEmpty { line = String(word) }
            else if line.count + 1 + word.count <= width { line += " " + word }
            else { lines.append(line); line = String(word) }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    public static func renderHelp(_ state: AppState, into buffer: inout Buffer, glyphs: Glyphs) {
        let (title, table, mouse) = helpTable(state)
        let width = min(buffer.width, 96)
        let groupWidth = 8
        let keyWidth = min(24, table.entries.map(\.label.count).max() ?? 8)
        let helpWidth = max(10, width - 2 - 1 - groupWidth - keyWidth - 2 - 1)
        var rows = helpRows(table, mouse: mouse, keyWidth: keyWidth, helpWidth: helpWidth, wrapHelp: true)
        if rows.count + 4 > buffer.height { rows = helpRows(table, mouse: mouse, keyWidth: keyWidth, helpWidth: helpWidth, wrapHelp: false) }
        // A blank row above the footer when there is room.
        let inner = box(title, width: width, height: rows.count + (rows.count + 4 > buffer.height ? 3 : 4), into: &buffer, glyphs: glyphs)
        for (k, row) in rows.enumerated() where k < inner.height - 1 {
            let y = inner.y + k
            buffer.put(row.0, x: inner.x + 1, y: y, style: Style(.muted), maxWidth: groupWidth)
            buffer.put(row.1, x: inner.x + 1 + groupWidth, y: y, style: Style(.accent, bold: true), maxWidth: keyWidth)
            buffer.put(row.2, x: inner.x + 1 + groupWidth + keyWidth + 2, y: y, maxWidth: max(0, inner.width - groupWidth - keyWidth - 4))
        }
        buffer.put(AppState.Overlay.help.footer, x: inner.x + 1, y: inner.maxY - 1, style: Style(.muted), maxWidth: inner.width - 2)
    }

    /// The explain box: the focused number's terms, largest first, the selected one (`[ ]`) marked
    /// `▸`; placed above or below `chain` (where the chain points at the terms' sources) when one
    /// of them has room for it, else centred.
    public static func renderExplain(_ lab: LabState, avoiding chain: Rect? = nil, into buffer: inout Buffer, glyphs: Glyphs) {
        let e = lab.explanation
        let order = lab.explainOrder
        let width = min(78, buffer.width)
        var limit = buffer.height - 12
        var area: Rect? = nil
        if let chain, !chain.isEmpty {
            // The taller of the spaces above and below the chain (the status and hint rows stay).
            let above = Rect(x: 0, y: 0, width: buffer.width, height: max(0, chain.y))
            let below = Rect(x: 0, y: chain.maxY, width: buffer.width, height: max(0, buffer.height - 2 - chain.maxY))
            let under = below.height >= above.height
            let space = under ? below : above
            if space.height >= 10 {
                let h = min(space.height, order.count + 9)
                area = Rect(x: max(0, (buffer.width - width) / 2), y: under ? space.y : space.maxY - h, width: width, height: h)
                limit = h - 7  // borders, the text's 3 rows, the header and the sum
            }
        }
        let shownCount = max(1, min(order.count, limit))
        let selected = lab.explainTerm.map { min($0, max(0, order.count - 1)) }
        // The selected term stays listed: the window of rows slides to it.
        let first = selected.map { max(0, min($0 - shownCount + 1, order.count - shownCount)) } ?? 0
        let rows = Array(order.dropFirst(first).prefix(shownCount))
        let title = "explain: \(lab.focus.name(kind: lab.model.kind)), unit \(lab.focus.unit), t=\(lab.t)"
        let inner: Rect
        if let area {
            buffer.fill(area)
            let block = Block(title: title, focused: true)
            buffer.render(block, in: area, glyphs: glyphs)
            inner = block.inner(area)
        } else {
            inner = box(title, width: 78, height: rows.count + 9, into: &buffer, glyphs: glyphs)
        }
        let wrapped = WrappedText(e.text(maxTerms: 5))
        buffer.render(wrapped, in: Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: 3), glyphs: glyphs)
        var y = inner.y + 3
        buffer.put("term".padded(22) + "weight".padded(10) + "× value".padded(10) + "= adds   from ([ ] picks one)", x: inner.x + 1, y: y,
                   style: Style(.muted), maxWidth: inner.width - 2)
        y += 1
        for (k, index) in rows.enumerated() where y < inner.maxY - 1 {
            let term = e.terms[index]
            let isSelected = selected == first + k
            var line = (isSelected ? (glyphs.unicode ? "▸" : ">") : " ") + String(term.label.prefix(21)).padded(22)
            line += (term.weight.map { NumberFormat.signed($0, width: 7) } ?? "").padded(10)
            line += (term.input.map { NumberFormat.signed($0, width: 7) } ?? "bias").padded(10)
            line += NumberFormat.signed(term.contribution, width: 7)
            line += "   " + sourceName(term.source, t: e.t)
            buffer.put(line, x: inner.x, y: y, style: Style(term.contribution >= 0 ? .positive : .negative, bold: isSelected, reverse: isSelected),
                       maxWidth: inner.width - 1)
            y += 1
        }
        let listed = first + rows.count
        let sumLine = "sum " + NumberFormat.signed(e.sum, width: 8) + (e.activation.isEmpty ? "" : "  \(e.activation)(sum) ") + " value " + NumberFormat.signed(e.value, width: 8)
            + (e.clamped ? "  (clamped)" : "") + (order.count > listed ? "  (\(order.count - listed) smaller terms not listed)" : "")
        buffer.put(sumLine, x: inner.x + 1, y: inner.maxY - 1, style: Style(.accent, bold: true), maxWidth: inner.width - 2)
    }

    /// Where a term comes from on the chain, in a few words.
    static func sourceName(_ source: TermSource, t: Int) -> String {
        switch source {
        case .input: return "token t=\(t)"
        case .previousHidden: return t > 1 ? "h arrow from t=\(t - 1)" : "h₀ = 0"
        case .previousCell: return t > 1 ? "c arrow from t=\(t - 1)" : "c₀ = 0"
        case .hidden: return "h in box t=\(t)"
        case .cell: return "c in box t=\(t)"
        case .gates: return "gates inside the cell"
        case .bias: return "bias (not on the chain)"
        }
    }

    public static func renderClampEditor(_ editor: ClampEditor, into buffer: inout Buffer, glyphs: Glyphs) {
        let inner = box("clamp a gate", width: 64, height: 11, into: &buffer, glyphs: glyphs)
        let gateName = editor.gates.isEmpty ? "" : editor.gates[min(editor.gateIndex, editor.gates.count - 1)].rawValue
        let fields: [(ClampEditor.Field, String, String, String)] = [
            (.gate, "gate", gateName, "←/→ choose"),
            (.units, "units", editor.units, "all, or e.g. 1,4"),
            (.steps, "steps", editor.steps, "all, t, or a..b"),
            (.value, "value", editor.value, "0…1 (←/→: 0, 0.5, 1)"),
        ]
        for (k, f) in fields.enumerated() {
            let focused = editor.field == f.0
            let y = inner.y + k
            buffer.put(f.1, x: inner.x + 1, y: y, style: Style(.muted), maxWidth: 8)
            buffer.put(" \(f.2) ", x: inner.x + 9, y: y, style: Style(focused ? .focus : .text, bold: focused), maxWidth: 22)
            buffer.put(f.3, x: inner.x + 33, y: y, style: Style(.muted), maxWidth: inner.width - 34)
        }
        buffer.put("spec: \(editor.spec)", x: inner.x + 1, y: inner.y + 5, style: Style(.accent), maxWidth: inner.width - 2)
        if let error = editor.error {
            buffer.put(error, x: inner.x + 1, y: inner.y + 6, style: Style(.warning), maxWidth: inner.width - 2)
        }
        buffer.put(AppState.Overlay.clampEditor(editor).footer, x: inner.x + 1, y: inner.maxY - 1,
                   style: Style(.muted), maxWidth: inner.width - 2)
    }

    public static func renderInputEditor(_ text: String, lab: LabState?, into buffer: inout Buffer, glyphs: Glyphs) {
        let inner = box("new input sequence", width: 72, height: 7, into: &buffer, glyphs: glyphs)
        buffer.put("> " + text + "_", x: inner.x + 1, y: inner.y, style: Style(.focus), maxWidth: inner.width - 2)
        let vocab = lab?.model.vocab.map { "words: " + $0.joined(separator: " ") + "   ? = unknown day" } ?? "input indices, ? = unknown"
        buffer.put(vocab, x: inner.x + 1, y: inner.y + 2, style: Style(.muted), maxWidth: inner.width - 2)
        buffer.put(AppState.Overlay.inputEditor(text).footer, x: inner.x + 1, y: inner.maxY - 1, style: Style(.muted), maxWidth: inner.width - 2)
    }
}

extension String {
    /// Right-padded with spaces to `width` characters.
    func padded(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
