import UnrollTUI

/// The symbols and markers the screens use, one line each: the help's second page.
public enum Glossary {
    /// (symbol, meaning); the ASCII column is what `--ascii` terminals show instead.
    public static let entries: [(symbol: String, ascii: String, meaning: String)] = [
        ("x_t", "x_t", "the input at step t (one-hot word, embedding row or numbers)"),
        ("h_t", "h_t", "hidden state after step t: the short-term memory passed on"),
        ("c_t", "c_t", "the LSTM's cell state, the belt: long-term memory"),
        ("W_hh, W_ih", "W_hh, W_ih", "weights from h_{t-1}, and from the input, into step t"),
        ("σ", "s", "logistic function 1/(1+e^-x), 0 to 1: what gates are made of"),
        ("tanh", "tanh", "hyperbolic tangent, -1 to 1: the usual squashing function"),
        ("⊙", "(*)", "element-wise product: each unit times its own gate"),
        ("⊕", "(+)", "element-wise sum (the belt adds what the input gate lets in)"),
        ("ρ", "rho", "spectral radius: W's largest |eigenvalue| (<1 fades, >1 grows)"),
        ("i f g o", "i f g o", "LSTM: input, forget, candidate, output (PyTorch's order)"),
        ("r z n", "r z n", "GRU: reset, update (z = 1 keeps the old state), candidate"),
        ("∂L/∂h_t", "dL/dh_t", "how the loss moves with h_t: the blame BPTT sends to step t"),
        ("‖v‖", "|v|", "length (Euclidean norm) of a vector v"),
        ("?", "?", "unknown step: zero input (or the network's own guess, if fed)"),
        ("→ word", "-> word", "the network's top prediction at that step"),
        ("✓ / ✗", "ok / x", "the prediction matches the target / does not"),
        ("≠", "!=", "differs from the free run (a clamp changed it)"),
        ("=", "=", "a clamped value: held by hand, not computed"),
        ("█ ▌", "# |", "bars: length is the value; centred bars grow right for +"),
        ("◐ 3/9, ✓", "3/9, done", "start screen: lesson begun (step reached) / finished"),
    ]

    public static func render(into buffer: inout Buffer, glyphs: Glyphs) {
        let width = min(buffer.width, 96)
        let symbolWidth = 12
        let meaningWidth = max(10, width - 4 - symbolWidth - 2)
        var rows: [(String, String)] = []
        for entry in entries {
            let lines = Overlays.wrap(entry.meaning, width: meaningWidth)
            for (k, line) in lines.enumerated() { rows.append((k == 0 ? (glyphs.unicode ? entry.symbol : entry.ascii) : "", line)) }
        }
        let fits = rows.count + 3 <= buffer.height
        if !fits {
            rows = entries.map { (glyphs.unicode ? $0.symbol : $0.ascii, $0.meaning) }
        }
        let inner = Overlays.box("symbols the screens use", width: width, height: min(buffer.height, rows.count + 3), into: &buffer, glyphs: glyphs)
        for (k, row) in rows.enumerated() where k < inner.height - 1 {
            buffer.put(row.0, x: inner.x + 1, y: inner.y + k, style: Style(.accent, bold: true), maxWidth: symbolWidth)
            buffer.put(row.1, x: inner.x + 1 + symbolWidth + 1, y: inner.y + k, maxWidth: max(0, inner.width - symbolWidth - 3))
        }
        buffer.put(AppState.Overlay.glossary.footer, x: inner.x + 1, y: inner.maxY - 1, style: Style(.muted), maxWidth: inner.width - 2)
    }
}
