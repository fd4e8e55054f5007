import UnrollCore
import UnrollTUI

/// The time-series lab (`unroll lab series`): a forecaster of a real-valued series, drawn as the
/// series, the one-step-ahead predictions (each step fed the true value) and the free-running
/// forecast (each `?` step fed the network's own previous prediction) over the unrolled chain.
public struct SeriesContext: Sendable, Equatable {
    /// The true series, step by step (longer than the observed part when the future is known); may be empty.
    public var truth: [Double]
    /// Steps observed before the forecast starts (the input's known prefix).
    public var observed: Int

    public init(truth: [Double], observed: Int) {
        self.truth = truth
        self.observed = observed
    }
}

extension LabState {
    /// Whether the lab shows a forecaster of real numbers (a line plot instead of class probabilities).
    public var isSeries: Bool { model.inputKind == .real && model.outputKind == .regression }

    /// The values fed at unknown steps of a real-valued run (nil where the step was not fed).
    var fedValues: [String?] {
        guard feedOwnPredictions else { return [] }
        let run = shown
        return (0..<steps).map { s in
            s > 0 && input.isUnknown(s) ? run.input(at: s + 1).map { LabState.number($0) }.joined(separator: ",") : nil
        }
    }

    /// A short label for a series value in a chain box or the timeline.
    static func number(_ v: Double) -> String { NumberFormat.compact(v, width: 5, decimals: 2).trimmingCharacters(in: .whitespaces) }

    /// The first output of a real-valued prediction at step t, as a label.
    func predictionLabel(at t: Int, in run: Trace) -> String {
        run.outputs(at: t).map { LabState.number($0) }.joined(separator: ",")
    }

    /// The lines of the series plot over steps 1…T (and T + 1 for the last prediction): the true
    /// series, the one-step-ahead predictions (fed the true values) and the free-running forecast.
    public var seriesPlot: LinePlot {
        let run = shown
        let truth = series?.truth ?? []
        let known: [Double] = truth.isEmpty ? (1...max(1, steps)).map { input.vector(at: $0)[0] } : truth
        var lines = [LinePlot.Series("series", values: Array(known.prefix(steps + 1)), firstX: 1, role: .text)]
        // One step ahead: the model run on the true values predicts step t + 1 after reading step t.
        let teacherSteps = min(known.count, steps)
        if teacherSteps >= 1 {
            let forced = model.forward(SequenceInput(values: Array(known.prefix(teacherSteps)), inputSize: 1))
            let points = (1...teacherSteps).map { LinePlot.Point(Double($0 + 1), forced.outputs(at: $0)[0]) }
            lines.append(LinePlot.Series("one step ahead", points: points, role: .accent))
        }
        // The forecast: from the last observed step on, each prediction is the next step's input.
        let start = max(1, series?.observed ?? firstUnknownStep.map { $0 - 1 } ?? steps)
        if start <= steps {
            let points = (start...steps).map { LinePlot.Point(Double($0 + 1), run.outputs(at: $0)[0]) }
            lines.append(LinePlot.Series(feedOwnPredictions ? "forecast (fed itself)" : "forecast (fed nothing)", points: points, role: .positive))
        }
        return LinePlot(series: lines, xRange: 1...Double(max(2, steps + 1)), marker: Double(t), markerLabel: "t=\(t)")
    }

    /// The first step whose input is unknown (1-based), if any.
    var firstUnknownStep: Int? {
        (0..<steps).first { input.isUnknown($0) }.map { $0 + 1 }
    }
}

extension LabView {
    /// The series plot of a forecaster, in a block naming what the lines are.
    static func renderSeries(_ lab: LabState, into buffer: inout Buffer, area: Rect, glyphs: Glyphs) {
        let observed = lab.series?.observed ?? lab.firstUnknownStep.map { $0 - 1 } ?? lab.steps
        let block = Block(title: "the series, one step ahead, and the forecast from t=\(observed)" + (lab.feedOwnPredictions ? "" : " (o: feed it its own predictions)"))
        buffer.render(block, in: area, glyphs: glyphs)
        buffer.render(lab.seriesPlot, in: block.inner(area), glyphs: glyphs)
    }

    /// A forecaster's prediction at the cursor: the next value, what it read, and the truth when known.
    static func renderNextValue(_ lab: LabState, into buffer: inout Buffer, area: Rect, glyphs: Glyphs) {
        let t = lab.t, run = lab.shown
        let block = Block(title: "prediction after t=\(t)", focused: lab.focus.target == .probs)
        buffer.render(block, in: area, glyphs: glyphs)
        let inner = block.inner(area)
        guard inner.height >= 1 else { return }
        var read = "read " + run.input(at: t).map { LabState.number($0) }.joined(separator: ",")
        if lab.feedOwnPredictions && t > 1 && lab.input.isUnknown(t - 1) { read += " (its own guess)" }
        else if lab.input.isUnknown(t - 1) { read += " (nothing: unknown)" }
        var lines = [(read, Style(.text)), ("→ next " + lab.predictionLabel(at: t, in: run), Style(.accent, bold: true))]
        if let truth = lab.series?.truth, t < truth.count { lines.append(("truth " + LabState.number(truth[t]), Style(.muted))) }
        for (k, line) in lines.prefix(inner.height).enumerated() {
            buffer.put(line.0, x: inner.x, y: inner.y + k, style: line.1, maxWidth: inner.width)
        }
    }
}

extension PlainReport {
    /// A forecaster's step in words: what it read (its own guess or the series) and what it predicts next.
    static func seriesStep(_ lab: LabState, at t: Int) -> String {
        let run = lab.shown
        var line = "read: " + run.input(at: t).map { LabState.number($0) }.joined(separator: ",")
        if lab.feedOwnPredictions && t > 1 && lab.input.isUnknown(t - 1) { line += " (its own previous prediction)" }
        else if lab.input.isUnknown(t - 1) { line += " (unknown: nothing fed)" }
        line += ", predicted next value: " + lab.predictionLabel(at: t, in: run)
        if let truth = lab.series?.truth, t < truth.count { line += ", truth: " + LabState.number(truth[t]) }
        return line
    }

    /// The forecast's error against the truth, when the truth beyond the observed steps is known.
    static func seriesSummary(_ lab: LabState) -> [String] {
        guard let context = lab.series, context.truth.count > context.observed + 1 else { return [] }
        let run = lab.shown
        var se = 0.0, n = 0
        for t in context.observed..<min(lab.steps, context.truth.count - 1) {
            let d = run.outputs(at: t)[0] - context.truth[t]
            se += d * d
            n += 1
        }
        guard n > 0 else { return [] }
        return ["", "forecast from step \(context.observed): \(n) steps, mean squared error against the truth "
                + NumberFormat.compact(se / Double(n), width: 9, decimals: 5)
                + (lab.feedOwnPredictions ? " (fed its own predictions)" : " (fed nothing)")]
    }
}
