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

    /// Every key of the current screen, one per line.
    public static func helpLines(_ state: AppState) -> [(String, String)] {
        var lines: [(String, String)] = []
        switch state.screen {
        case .start:
            lines = [("↑/↓  j/k", "choose an entry"), ("Enter  →  l", "open it"), ("1…9", "jump to an entry")]
        case .lab:
            lines = [
                ("←/→  h/l", "step back / forward in time (PageUp/PageDown too)"),
                ("Home/End  g/G", "first / last step"),
                ("↑/↓  j/k", "focus another unit"),
                ("Tab  Shift-Tab", "focus another quantity (gates, c, h, prediction)"),
                ("space", "play / pause"),
                ("c", "clamp a gate; the free run is shown beside it"),
                ("x", "remove every clamp"),
                ("e", "explain the focused number, term by term"),
                ("t", "train live (t again or Esc stops)"),
                ("i", "type a new input sequence"),
                ("d", "show the cell diagram"),
                ("o", "? steps: feed nothing, or the network's own guess"),
                ("r", "reset: original model, no clamps, t = 1"),
                ("b", "BPTT on this run: where its gradients come from"),
                ("mouse", "click a step, a gate or a unit"),
                ("Esc", "back to the start screen"),
            ]
        case .vanishing: lines = VanishingView.helpLines
        case .bptt: lines = BPTTView.helpLines
        case .race: lines = RaceView.helpLines
        case .lesson:
            lines = [
                ("→  n  PageDown", "next step (Enter too)"),
                ("←  p  PageUp", "previous step"),
                ("g 7 Enter", "go to step 7"),
                ("1…9", "answer a question; numbers: type, then Enter"),
                ("h/l", "move the time cursor (when the step invites it)"),
                ("↑/↓  Tab", "focus another unit or quantity"),
                ("space", "play the sequence (when the step invites it)"),
                ("c  e  t  s/S", "clamp, explain, train, scale W (when invited)"),
                ("[  ]", "scroll the narration"),
                ("r", "reset the scene to what the lesson shows"),
                ("b", "blank the screen (presenter); any key returns"),
                ("Esc", "back to the list of lessons"),
            ]
        }
        return lines + [("?  F1", "this help (any key closes it)"), ("q", "quit, from anywhere")]
    }

    public static func renderHelp(_ state: AppState, into buffer: inout Buffer, glyphs: Glyphs) {
        let lines = helpLines(state)
        let inner = box("keys", width: 76, height: lines.count + 4, into: &buffer, glyphs: glyphs)
        for (k, line) in lines.enumerated() where k < inner.height - 1 {
            buffer.put(line.0, x: inner.x + 1, y: inner.y + k, style: Style(.accent, bold: true), maxWidth: 16)
            buffer.put(line.1, x: inner.x + 18, y: inner.y + k, maxWidth: inner.width - 19)
        }
        buffer.put("press ? or Esc to close", x: inner.x + 1, y: inner.maxY - 1, style: Style(.muted), maxWidth: inner.width - 2)
    }

    public static func renderExplain(_ lab: LabState, into buffer: inout Buffer, glyphs: Glyphs) {
        let e = lab.explanation
        let terms = e.terms.sorted { abs($0.contribution) > abs($1.contribution) }
        let shown = Array(terms.prefix(max(1, min(terms.count, buffer.height - 12))))
        let inner = box("explain: \(lab.focus.name(kind: lab.model.kind)), unit \(lab.focus.unit), t=\(lab.t)", width: 78, height: shown.count + 9, into: &buffer, glyphs: glyphs)
        let wrapped = WrappedText(e.formatted(maxTerms: 5))
        buffer.render(wrapped, in: Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: 3), glyphs: glyphs)
        var y = inner.y + 3
        buffer.put("term".padded(22) + "weight".padded(10) + "× value".padded(10) + "= adds", x: inner.x + 1, y: y, style: Style(.muted), maxWidth: inner.width - 2)
        y += 1
        for term in shown where y < inner.maxY - 1 {
            var line = String(term.label.prefix(21)).padded(22)
            line += (term.weight.map { NumberFormat.signed($0, width: 7) } ?? "").padded(10)
            line += (term.input.map { NumberFormat.signed($0, width: 7) } ?? "bias").padded(10)
            line += NumberFormat.signed(term.contribution, width: 7)
            buffer.put(line, x: inner.x + 1, y: y, style: Style(term.contribution >= 0 ? .positive : .negative), maxWidth: inner.width - 2)
            y += 1
        }
        let sumLine = "sum " + NumberFormat.signed(e.sum, width: 8) + (e.activation.isEmpty ? "" : "  \(e.activation)(sum) ") + " value " + NumberFormat.signed(e.value, width: 8)
            + (e.clamped ? "  (clamped)" : "") + (terms.count > shown.count ? "  (\(terms.count - shown.count) smaller terms not listed)" : "")
        buffer.put(sumLine, x: inner.x + 1, y: inner.maxY - 1, style: Style(.accent, bold: true), maxWidth: inner.width - 2)
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
        buffer.put("Tab next field · Enter apply · Esc cancel", x: inner.x + 1, y: inner.maxY - 1, style: Style(.muted), maxWidth: inner.width - 2)
    }

    public static func renderInputEditor(_ text: String, lab: LabState?, into buffer: inout Buffer, glyphs: Glyphs) {
        let inner = box("new input sequence", width: 72, height: 7, into: &buffer, glyphs: glyphs)
        buffer.put("> " + text + "_", x: inner.x + 1, y: inner.y, style: Style(.focus), maxWidth: inner.width - 2)
        let vocab = lab?.model.vocab.map { "words: " + $0.joined(separator: " ") + "   ? = unknown day" } ?? "input indices, ? = unknown"
        buffer.put(vocab, x: inner.x + 1, y: inner.y + 2, style: Style(.muted), maxWidth: inner.width - 2)
        buffer.put("Enter run · Esc cancel", x: inner.x + 1, y: inner.maxY - 1, style: Style(.muted), maxWidth: inner.width - 2)
    }
}

extension String {
    /// Right-padded with spaces to `width` characters.
    func padded(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
