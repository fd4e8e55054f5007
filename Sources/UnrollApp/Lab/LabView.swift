import UnrollCore
import UnrollTUI

/// Draws the lab: timeline, the unit table (gates, cell, hidden), the prediction, the cell diagram,
/// live training, the explanation of the focused number and the key hints.
public enum LabView {
    public static func render(_ lab: LabState, state: AppState, into buffer: inout Buffer, glyphs: Glyphs) {
        let layout = LabLayout(width: buffer.width, height: buffer.height, lab: lab, presenter: state.presenter)
        let run = lab.shown
        let kind = lab.model.kind
        if let area = layout.seriesPlot { renderSeries(lab, into: &buffer, area: area, glyphs: glyphs) }
        buffer.render(lab.chain(explaining: state.overlay == .explain), in: layout.timeline, glyphs: glyphs)

        if lab.showDiagram {
            renderDiagram(lab, into: &buffer, area: layout.table, glyphs: glyphs)
        } else {
            renderTable(lab, run: run, into: &buffer, area: layout.table, glyphs: glyphs)
            if let d = layout.diagram { renderDiagram(lab, into: &buffer, area: d, glyphs: glyphs) }
        }
        renderPrediction(lab, into: &buffer, area: layout.prediction, glyphs: glyphs)
        if let area = layout.side {
            if let training = lab.training { TrainingPanel.render(training, fileName: lab.trainedModelFileName, into: &buffer, area: area, glyphs: glyphs) }
            else { renderTerms(lab, into: &buffer, area: area, glyphs: glyphs) }
        }

        var title = " Unroll · \(lab.title) · \(kind.displayName) H=\(lab.model.hiddenSize) · t=\(lab.t)/\(lab.steps)"
        if !lab.clamps.isEmpty { title += " · clamped: " + lab.clamps.map(\.description).joined(separator: ", ") }
        ScreenFrame(app: state, table: lab.table(state), title: title, note: lab.note, fallback: lab.explanation.text(maxTerms: 3))
            .render(into: &buffer, glyphs: glyphs)
    }

    /// The unrolled sequence with the cursor (labelled t=1…T); `≠` marks steps where a clamp changed the prediction.
    static func timeline(_ lab: LabState) -> Timeline {
        let steps = (1...max(1, lab.steps)).map { t -> Timeline.Step in
            guard t <= lab.steps else { return Timeline.Step("") }
            var word = lab.token(at: t)
            if t - 1 < lab.fedWords.count, let fed = lab.fedWords[t - 1] { word = "?→\(fed)" }
            if let clamped = lab.clamped, clamped.predicted(at: t) != lab.free.predicted(at: t) {
                return Timeline.Step(word, mark: "≠", markRole: .warning)
            }
            if lab.clamps.contains(where: { $0.applies(atStep: t) }) { return Timeline.Step(word, mark: "clamp", markRole: .clamped) }
            return Timeline.Step(word)
        }
        return Timeline(steps: steps, current: lab.t - 1)  // the widget counts from 0
    }

    static func columnTitle(_ target: LabFocus.Target, cell: any RecurrentCell) -> String {
        switch target {
        case let .gate(g):
            let spec = cell.gates.first { $0.gate == g }
            return "\(g.symbol(in: cell)) \(spec?.shortName ?? g.rawValue)"
        case .cell: return "c memory"
        case .hidden: return "h output"
        case .probs: return "p"
        }
    }

    static func renderTable(_ lab: LabState, run: Trace, into buffer: inout Buffer, area: Rect, glyphs: Glyphs) {
        let t = lab.t, H = lab.model.hiddenSize
        let block = Block(title: "t=\(t) \"\(lab.token(at: t))\": every unit, every gate", focused: lab.focus.target != .probs)
        buffer.render(block, in: area, glyphs: glyphs)
        let inner = block.inner(area)
        guard inner.height >= 2 else { return }
        let columns = LabLayout.columns(for: lab.model.cell)
        let cw = LabLayout.columnWidth, lw = LabLayout.labelWidth
        buffer.put("unit", x: inner.x, y: inner.y, style: Style(.muted), maxWidth: lw - 1)
        for (k, col) in columns.enumerated() {
            let title = columnTitle(col, cell: lab.model.cell)
            let focused = lab.focus.target == col
            buffer.put(title, x: inner.x + lw + k * cw, y: inner.y, style: Style(focused ? .focus : .muted, bold: focused), maxWidth: cw - 1)
        }
        let rows = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: min(H, inner.height - 1))
        for u in 0..<rows.height {
            let focusedRow = u == lab.focus.unit && lab.focus.target != .probs
            let label = lab.unitLabel(u)
            buffer.put(label, x: rows.x, y: rows.y + u, style: Style(focusedRow ? .focus : .text, bold: focusedRow), maxWidth: lw - 1)
        }
        for (k, col) in columns.enumerated() {
            let cell = Rect(x: inner.x + lw + k * cw, y: rows.y, width: cw - 1, height: rows.height)
            let focus = lab.focus.target == col ? lab.focus.unit : nil
            switch col {
            case let .gate(g):
                let values = run.gate(g, at: t) ?? []
                let clampedUnits = run.clamped(g, at: t)
                if g.isTanh {
                    // Candidates live in (−1, 1): signed bars.
                    let elements = values.enumerated().map { VectorBars.Element("", $0.element, clamped: clampedUnits[$0.offset]) }
                    buffer.render(VectorBars(elements: elements, scale: 1, focus: focus, labelWidth: 0), in: cell, glyphs: glyphs)
                } else {
                    let units = values.enumerated().map { GateMeter.Unit("", $0.element, clamped: clampedUnits[$0.offset]) }
                    buffer.render(GateMeter(units: units, focus: focus, role: .gate, labelWidth: 0), in: cell, glyphs: glyphs)
                }
            case .cell:
                let c = run.cell(at: t) ?? []
                let scale = max(1, c.map(abs).max() ?? 1)
                buffer.render(VectorBars(elements: c.map { VectorBars.Element("", $0) }, scale: scale, focus: focus, labelWidth: 0), in: cell, glyphs: glyphs)
            case .hidden:
                buffer.render(VectorBars(elements: run.hidden(at: t).map { VectorBars.Element("", $0) }, scale: 1, focus: focus, labelWidth: 0), in: cell, glyphs: glyphs)
            case .probs: break
            }
        }
    }

    static func renderPrediction(_ lab: LabState, into buffer: inout Buffer, area: Rect, glyphs: Glyphs) {
        if lab.isSeries { return renderNextValue(lab, into: &buffer, area: area, glyphs: glyphs) }
        let t = lab.t
        // Free and clamped side by side when there is room; else the clamped run alone (the
        // summary line names the free run's prediction).
        let sideBySide = lab.clamped != nil && area.width >= 36
        let title = lab.clamped == nil ? "prediction after \"\(lab.token(at: t))\"" : (sideBySide ? "prediction: free | clamped" : "prediction, clamped")
        let block = Block(title: title, focused: lab.focus.target == .probs)
        buffer.render(block, in: area, glyphs: glyphs)
        let inner = block.inner(area)
        guard inner.height >= 1 else { return }
        let listed = lab.predictionOutputs
        let labels = listed.map { lab.outputLabel($0) }
        let focus = lab.focus.target == .probs ? listed.firstIndex(of: lab.focus.unit) : nil
        func listedProbabilities(_ trace: Trace) -> [Double] {
            let p = trace.probabilities(at: t)
            return listed.map { p[$0] }
        }
        let shown = lab.shown
        var summary = "→ \(lab.outputLabel(shown.predicted(at: t)))"
        if let clamped = lab.clamped, clamped.predicted(at: t) != lab.free.predicted(at: t) || !sideBySide {
            summary += " (free: \(lab.outputLabel(lab.free.predicted(at: t))))"
        }
        if let target = shown.target(at: t) { summary += "  target \(lab.outputLabel(target))" }
        if let loss = shown.loss(at: t) { summary += "  loss " + NumberFormat.compact(loss, width: 6, decimals: 3) }
        buffer.put(summary, x: inner.x, y: inner.y, style: Style(.accent, bold: true), maxWidth: inner.width)
        let bars = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: max(0, inner.height - 1))
        if let clamped = lab.clamped, sideBySide {
            // The free run beside the clamped one (the block's title names the halves).
            let halves = Layout.horizontal([.percentage(50), .fill(1)], spacing: 1).split(bars)
            buffer.render(probabilityBars(listedProbabilities(lab.free), labels: labels, focus: focus), in: halves[0], glyphs: glyphs)
            buffer.render(probabilityBars(listedProbabilities(clamped), labels: labels, focus: focus), in: halves[1], glyphs: glyphs)
        } else {
            buffer.render(probabilityBars(listedProbabilities(shown), labels: labels, focus: focus), in: bars, glyphs: glyphs)
        }
    }

    /// Probabilities as bars from zero over the panel's width (1 fills the bar).
    static func probabilityBars(_ p: [Double], labels: [String], focus: Int?) -> VectorBars {
        var bars = VectorBars(values: p, labels: labels, scale: 1, focus: focus)
        bars.fromZero = true
        return bars
    }

    static func renderDiagram(_ lab: LabState, into buffer: inout Buffer, area: Rect, glyphs: Glyphs) {
        let run = lab.shown, t = lab.t, u = lab.focus.target == .probs ? 0 : lab.focus.unit
        var values: [String: Double] = [:]
        var clamped: Set<String> = []
        for g in lab.model.cell.gateList {
            values[g.rawValue] = run.gate(g, at: t)?[u]
            if run.clamped(g, at: t)[u] { clamped.insert(g.rawValue) }
        }
        var focused: String? = nil
        if case let .gate(g) = lab.focus.target { focused = g.rawValue }
        let label = lab.unitLabel(u)
        let diagram = CellDiagram(structure: CellDiagram.Description(cell: lab.model.cell), gateValues: values,
                                  previousCell: run.cell(at: t - 1)?[u], cell: run.cell(at: t)?[u],
                                  previousHidden: run.hidden(at: t - 1)[u], hidden: run.hidden(at: t)[u],
                                  preActivation: lab.model.cell.isGated ? nil : run.preActivation(nil, at: t)[u],
                                  subject: "\(label), t=\(t)", focusedGate: focused, clampedGates: clamped)
        let block = Block(title: "the cell at t=\(t), \(label)")
        buffer.render(block, in: area, glyphs: glyphs)
        buffer.render(diagram, in: block.inner(area), glyphs: glyphs)
    }

    /// The focused number's largest terms, live: what `e` explains in full.
    static func renderTerms(_ lab: LabState, into buffer: inout Buffer, area: Rect, glyphs: Glyphs) {
        let e = lab.explanation
        let block = Block(title: "why \(e.symbol)[\(lab.focus.unit)] = \(NumberFormat.signed(e.value, width: 6))")
        buffer.render(block, in: area, glyphs: glyphs)
        let inner = block.inner(area)
        guard inner.height >= 1 else { return }
        let top = e.terms.sorted { abs($0.contribution) > abs($1.contribution) }.prefix(max(0, inner.height - 1))
        for (k, term) in top.enumerated() {
            let line = NumberFormat.signed(term.contribution, width: 6) + "  " + term.label
            buffer.put(line, x: inner.x, y: inner.y + k, style: Style(term.contribution >= 0 ? .positive : .negative), maxWidth: inner.width)
        }
        let sum = e.activation.isEmpty ? "sum" : "\(e.activation)(sum)"
        buffer.put("\(sum) → \(NumberFormat.signed(e.value, width: 6))\(e.clamped ? " clamped" : "")  e: all terms",
                   x: inner.x, y: inner.maxY - 1, style: Style(.muted), maxWidth: inner.width)
    }

    /// The training panel (the lab's side area, or a lesson step's).
    static func renderTraining(_ lab: LabState, into buffer: inout Buffer, area: Rect, glyphs: Glyphs) {
        guard let training = lab.training else { return }
        TrainingPanel.render(training, fileName: lab.trainedModelFileName, into: &buffer, area: area, glyphs: glyphs)
    }
}
