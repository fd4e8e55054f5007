import UnrollCore
import UnrollTUI

/// Draws the BPTT screen from its state: the timeline with each step's loss, ∂L/∂h_t as heat rows,
/// the per-step loss, each step's share of the chosen weight entry, and the cursor step's product.
public enum BPTTView {
    public static func render(_ screen: BPTTState, state: AppState, into buffer: inout Buffer, glyphs: Glyphs) {
        let layout = BPTTLayout(width: buffer.width, height: buffer.height, hiddenSize: screen.model.hiddenSize, steps: screen.steps,
                                presenter: state.presenter)
        let m = screen.model
        var facts = "\(m.kind.displayName) H=\(m.hiddenSize) · t=\(screen.t)/\(screen.steps)"
        if let total = screen.trace.totalLoss { facts += " · total loss " + GradientText.number(total) }
        if screen.playing { facts += " · flowing back…" }
        if layout.showsChain { buffer.render(screen.chain, in: layout.timeline, glyphs: glyphs) }
        else { buffer.render(timeline(screen), in: layout.timeline, glyphs: glyphs) }
        renderSignal(screen, into: &buffer, area: layout.signal, glyphs: glyphs)
        renderLoss(screen, into: &buffer, area: layout.loss, glyphs: glyphs)
        renderShares(screen, into: &buffer, area: layout.shares, glyphs: glyphs)
        renderDetail(screen, into: &buffer, area: layout.detail, glyphs: glyphs)
        if let area = layout.signalPlot { renderSignalPlot(screen, into: &buffer, area: area, glyphs: glyphs) }
        let fallback = screen.explanation?.formatted(maxTerms: 3, glyphs: glyphs)
            ?? "no step has a target: no loss, so no gradient to follow"
        ScreenFrame(app: state, table: screen.table(state), title: " Unroll · BPTT · \(screen.title) · " + facts,
                    shortTitle: " Unroll · BPTT · " + facts, note: screen.note, fallback: fallback).render(into: &buffer, glyphs: glyphs)
    }

    /// The unrolled sequence; each step's mark is its loss.
    static func timeline(_ screen: BPTTState) -> Timeline {
        let steps = (1...max(1, screen.steps)).map { t -> Timeline.Step in
            guard t <= screen.steps else { return Timeline.Step("") }
            return Timeline.Step(screen.token(at: t), mark: screen.loss(at: t).map { "L " + GradientText.number($0, width: 5) }, markRole: .accent)
        }
        return Timeline(steps: steps, current: screen.t - 1)
    }

    /// The heat rows: ‖∂L/∂h_t‖ (and ‖∂L/∂c_t‖ for the LSTM), then ∂L/∂h_t[u] for up to `unitRows`
    /// units around the chosen entry's unit; while the sweep plays, steps the gradient has not
    /// reached yet are blank.
    public static func signalHeatmap(_ screen: BPTTState, glyphs: Glyphs, unitRows: Int = .max) -> Heatmap {
        let T = screen.steps, H = screen.model.hiddenSize
        let from = screen.revealedFrom ?? 1
        func shown(_ values: [Double]) -> [Double] { values.enumerated().map { $0.offset + 1 >= from ? $0.element : 0 } }
        let d = GradientText.partial(glyphs)
        var rows = [shown(screen.hiddenGradientNorms)]
        var labels = [GradientText.norm("\(d)L/\(d)h", glyphs)]
        if let c = screen.cellGradientNorms {
            rows.append(shown(c))
            labels.append(GradientText.norm("\(d)L/\(d)c", glyphs))
        }
        let first = rows.count
        let focusUnit: Int? = screen.explanation != nil && H > 0 && !screen.tensor.hasPrefix("head") ? screen.row % H : nil
        let count = max(0, min(H, unitRows))
        let firstUnit = min(max(0, (focusUnit ?? 0) - count + 1), max(0, H - count))
        if let g = screen.gradients {
            for u in firstUnit..<(firstUnit + count) {
                rows.append(shown((0..<T).map { g.hidden[$0 * H + u] }))
                labels.append(screen.model.hiddenLabel(u))
            }
        }
        let focus = focusUnit.map { first + $0 - firstUnit }
        return Heatmap(values: rows, rowLabels: labels, columnLabels: screen.tokens, cursor: screen.t - 1, focusRow: focus)
    }

    static func renderSignal(_ screen: BPTTState, into buffer: inout Buffer, area: Rect, glyphs: Glyphs) {
        let d = GradientText.partial(glyphs)
        let block = Block(title: "\(d)L/\(d)h_t: the learning signal flowing back")
        buffer.render(block, in: area, glyphs: glyphs)
        let inner = block.inner(area)
        guard inner.height >= 2 else { return }
        guard screen.gradients != nil else {
            buffer.render(WrappedText("No step has a target, so there is no loss and no gradient. Targets give each step a loss to learn from."),
                          in: inner, glyphs: glyphs)
            return
        }
        // The norm rows stay; the unit rows are windowed around the chosen entry's unit.
        let norms = screen.cellGradientNorms == nil ? 1 : 2
        let heat = signalHeatmap(screen, glyphs: glyphs, unitRows: max(1, inner.height - 1 - norms))
        buffer.render(heat, in: inner, glyphs: glyphs)
    }

    static func renderSignalPlot(_ screen: BPTTState, into buffer: inout Buffer, area: Rect, glyphs: Glyphs) {
        let d = GradientText.partial(glyphs)
        let block = Block(title: GradientText.norm("\(d)L/\(d)h_t", glyphs) + " along the sequence (log scale)")
        buffer.render(block, in: area, glyphs: glyphs)
        let inner = block.inner(area)
        guard inner.height >= 3, screen.gradients != nil else { return }
        var series = [LinePlot.Series(GradientText.norm("\(d)L/\(d)h_t", glyphs), values: screen.hiddenGradientNorms, firstX: 1, role: .accent)]
        if let c = screen.cellGradientNorms {
            series.append(LinePlot.Series(GradientText.norm("\(d)L/\(d)c_t", glyphs), values: c, firstX: 1, role: .memory))
        }
        buffer.render(LinePlot(series: series, logY: true, xRange: 1...Double(max(2, screen.steps)), marker: Double(screen.t), markerLabel: "t=\(screen.t)"),
                      in: inner, glyphs: glyphs)
    }

    static func renderLoss(_ screen: BPTTState, into buffer: inout Buffer, area: Rect, glyphs: Glyphs) {
        let total = screen.trace.totalLoss.map { " = " + GradientText.number($0) } ?? ""
        let block = Block(title: "loss per step, total\(total)")
        buffer.render(block, in: area, glyphs: glyphs)
        let inner = block.inner(area)
        guard inner.height >= 1 else { return }
        let arrow = GradientText.pick(glyphs, "→", ">")
        let elements = (1...max(1, screen.steps)).filter { $0 <= screen.steps }.map { t -> VectorBars.Element in
            let target = screen.trace.target(at: t).map { arrow + screen.model.outputLabel($0) } ?? " (none)"
            return VectorBars.Element(screen.token(at: t) + target, screen.loss(at: t) ?? 0)
        }
        let offset = max(0, screen.t - inner.height)
        buffer.render(VectorBars(elements: elements, focus: screen.t - 1, offset: offset), in: inner, glyphs: glyphs)
    }

    static func renderShares(_ screen: BPTTState, into buffer: inout Buffer, area: Rect, glyphs: Glyphs) {
        guard let e = screen.explanation else {
            let block = Block(title: "each step's term of a weight's gradient")
            buffer.render(block, in: area, glyphs: glyphs)
            return
        }
        let block = Block(title: e.symbol(glyphs) + " = " + NumberFormat.signed(e.total, width: 8, decimals: 4) + " by step", focused: true)
        buffer.render(block, in: area, glyphs: glyphs)
        let inner = block.inner(area)
        guard inner.height >= 2 else { return }
        buffer.put(screen.entryDescription, x: inner.x, y: inner.y, style: Style(.muted), maxWidth: inner.width)
        let rows = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
        let elements = e.terms.map { VectorBars.Element("t=\($0.t) \($0.token)", $0.share) }
        let offset = max(0, screen.t - rows.height)
        buffer.render(VectorBars(elements: elements, focus: screen.t - 1, offset: offset, valueWidth: 7), in: rows, glyphs: glyphs)
    }

    static func renderDetail(_ screen: BPTTState, into buffer: inout Buffer, area: Rect, glyphs: Glyphs) {
        let t = screen.t
        let block = Block(title: "step t=\(t) \"\(screen.token(at: t))\"")
        buffer.render(block, in: area, glyphs: glyphs)
        let inner = block.inner(area)
        guard inner.height >= 1, let e = screen.explanation, t >= 1, t <= e.terms.count else { return }
        let term = e.terms[t - 1]
        let times = GradientText.pick(glyphs, "×", "*")
        let delta = e.deltaSymbol(glyphs, at: t)
        let factor = e.factorSymbol(glyphs, at: t)
        var lines: [(String, Role)] = []
        lines.append(("term = \(delta)" + (e.factor == .one ? "" : " \(times) \(factor)"), .text))
        let deltaText = term.delta.map { NumberFormat.signed($0, width: 8, decimals: 4) } ?? GradientText.pick(glyphs, "—", "-")
        if e.factor == .one {
            lines.append(("      = " + NumberFormat.signed(term.share, width: 8, decimals: 4), term.share >= 0 ? .positive : .negative))
        } else {
            lines.append(("      = (\(deltaText)) \(times) (" + NumberFormat.signed(term.factor, width: 7, decimals: 3) + ")", .text))
            lines.append(("      = " + NumberFormat.signed(term.share, width: 8, decimals: 4), term.share >= 0 ? .positive : .negative))
        }
        if term.delta == nil { lines.append(("\(factor) = 0: adds nothing", .muted)) }
        // Two different shares, each named: of this one entry's gradient, and of the whole matrix's
        // (the step's gradient projected on the total, as a fraction of its length).
        if e.total != 0 {
            lines.append((NumberFormat.percent(term.share / e.total) + " of this entry's gradient", .accent))
        }
        if let c = screen.contributions, t <= c.fractions.count {
            lines.append((NumberFormat.percent(c.fractions[t - 1]) + " of \(e.name)'s whole gradient", .accent))
        }
        let d = GradientText.partial(glyphs)
        if t <= screen.hiddenGradientNorms.count {
            lines.append((GradientText.norm("\(d)L/\(d)h_\(t)", glyphs) + " = " + GradientText.number(screen.hiddenGradientNorms[t - 1]), .text))
        }
        lines.append(("all steps sum to " + NumberFormat.signed(e.total, width: 8, decimals: 4), .accent))
        lines.append(("e: every step's term", .muted))
        for (k, line) in lines.enumerated() where k < inner.height {
            buffer.put(line.0, x: inner.x, y: inner.y + k, style: Style(line.1), maxWidth: inner.width)
        }
    }

    /// The explain box (`e`): every step's share of the chosen entry, largest first, as δ × factor.
    public static func renderExplain(_ screen: BPTTState, into buffer: inout Buffer, glyphs: Glyphs) {
        guard let e = screen.explanation else { return }
        let ranked = e.terms.sorted { abs($0.share) > abs($1.share) }
        let shown = Array(ranked.prefix(max(1, min(ranked.count, buffer.height - 10))))
        let inner = Overlays.box("explain: \(e.symbol(glyphs)), \(screen.entryDescription)", width: 78, height: shown.count + 7,
                                 into: &buffer, glyphs: glyphs)
        let why = "\(e.name) is used at every step, so its gradient is the sum of every step's term; BPTT forms each term as "
            + e.deltaSymbol(glyphs) + (e.factor == .one ? "" : " " + GradientText.pick(glyphs, "×", "*") + " " + e.factorSymbol(glyphs)) + "."
        buffer.render(WrappedText(why), in: Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: 2), glyphs: glyphs)
        var y = inner.y + 2
        let header = "step".padded(6) + "token".padded(10) + e.deltaSymbol(glyphs).padded(12) + e.factorSymbol(glyphs).padded(12) + "term"
        buffer.put(header, x: inner.x + 1, y: y, style: Style(.muted), maxWidth: inner.width - 2)
        y += 1
        for term in shown where y < inner.maxY - 1 {
            var line = "t=\(term.t)".padded(6) + String(term.token.prefix(9)).padded(10)
            line += (term.delta.map { NumberFormat.signed($0, width: 8, decimals: 4) } ?? GradientText.pick(glyphs, "—", "-")).padded(12)
            line += (e.factor == .one ? "1" : NumberFormat.signed(term.factor, width: 8, decimals: 4)).padded(12)
            line += NumberFormat.signed(term.share, width: 8, decimals: 4)
            let role: Role = term.t == screen.t ? .focus : (term.share >= 0 ? .positive : .negative)
            buffer.put(line, x: inner.x + 1, y: y, style: Style(role, bold: term.t == screen.t), maxWidth: inner.width - 2)
            y += 1
        }
        let more = ranked.count > shown.count ? "  (\(ranked.count - shown.count) smaller steps not listed)" : ""
        buffer.put("sum " + NumberFormat.signed(e.total, width: 9, decimals: 5) + " = " + e.symbol(glyphs) + more,
                   x: inner.x + 1, y: inner.maxY - 1, style: Style(.accent, bold: true), maxWidth: inner.width - 2)
    }
}
