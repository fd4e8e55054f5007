import UnrollCore
import UnrollTUI

/// The training panel: what it trains on, the update count, pace, settings and state, then the loss
/// per update (log y) and the gradient norm per update before and after clipping.
enum TrainingPanel {
    /// The most points a curve is drawn with (longer runs are thinned evenly, keeping the last).
    static let maxPoints = 400

    static func render(_ live: LiveTraining, fileName: String, into buffer: inout Buffer, area: Rect, glyphs: Glyphs) {
        let block = Block(title: "training on \(live.data) · \(live.stateName)", focused: live.running)
        buffer.render(block, in: area, glyphs: glyphs)
        let inner = block.inner(area)
        guard inner.height >= 1 else { return }
        var head = ["update \(live.updates)", "epoch \(live.epoch)", "pace \(live.paceName)"]
        // The loss of what the last update trained on, measured before it was applied (a lesson's
        // loss plot beside it shows the sentence's loss now, after it).
        if let loss = live.losses.last { head.append("loss before update \(live.updates) " + NumberFormat.compact(loss, width: 8, decimals: 4)) }
        var items = live.settingsItems
        if let before = live.normsBefore.last, let after = live.normsAfter.last {
            items.append("‖g‖ " + NumberFormat.significant(before) + (after < before ? " → " + NumberFormat.significant(after) : ""))
        }
        var top = inner.y
        for (k, line) in (flow(head, width: inner.width).map { ($0, Role.accent) } + flow(items, width: inner.width).map { ($0, Role.text) }).enumerated()
            where top < inner.maxY {
            buffer.put(line.0, x: inner.x, y: top, style: Style(line.1, bold: k == 0), maxWidth: inner.width)
            top += 1
        }
        if !live.running && top < inner.maxY {
            buffer.put("w writes it to \(fileName)", x: inner.x, y: top, style: Style(.muted), maxWidth: inner.width)
            top += 1
        }
        let plots = Rect(x: inner.x, y: top, width: inner.width, height: inner.maxY - top)
        guard plots.height >= 4, live.losses.count >= 2 else {
            if plots.height >= 1 && live.losses.count < 2 {
                buffer.put(live.running ? "the curves start after two updates" : "", x: plots.x, y: plots.y, style: Style(.muted), maxWidth: plots.width)
            }
            return
        }
        let first = live.updates - live.losses.count + 1
        let lossPlot = LinePlot(title: "loss (log) vs updates",
                                series: [LinePlot.Series("loss", points: thinned(live.losses, firstX: first), role: .accent)],
                                logY: true, showLegend: false)
        var normSeries = [LinePlot.Series("before clip", points: thinned(live.normsBefore, firstX: first), role: .warning)]
        if live.normsAfter != live.normsBefore {
            normSeries.append(LinePlot.Series("after clip", points: thinned(live.normsAfter, firstX: first), role: .positive))
        }
        let normPlot = LinePlot(title: "‖g‖ (log) vs updates", series: normSeries, logY: true, showLegend: normSeries.count > 1)
        if plots.width >= 70 {
            let halves = Layout.horizontal([.percentage(50), .fill(1)], spacing: 1).split(plots)
            buffer.render(lossPlot, in: halves[0], glyphs: glyphs)
            buffer.render(normPlot, in: halves[1], glyphs: glyphs)
        } else if plots.height >= 12 {
            let halves = Layout.vertical([.percentage(50), .fill(1)], spacing: 0).split(plots)
            buffer.render(lossPlot, in: halves[0], glyphs: glyphs)
            buffer.render(normPlot, in: halves[1], glyphs: glyphs)
        } else {
            buffer.render(lossPlot, in: plots, glyphs: glyphs)
        }
    }

    /// `items` joined by " · " into lines of at most `width` columns (an item longer than a line is cut by the view).
    static func flow(_ items: [String], width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for item in items {
            if line.isEmpty { line = item } else if line.count + 3 + item.count <= width { line += " · " + item } else {
                lines.append(line)
                line = item
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// At most `maxPoints` points of `values` (x from `firstX`), evenly spaced, always with the last.
    static func thinned(_ values: [Double], firstX: Int) -> [LinePlot.Point] {
        let n = values.count
        guard n > maxPoints else { return values.enumerated().map { LinePlot.Point(Double(firstX + $0.offset), max($0.element, 1e-300)) } }
        let stride = Double(n - 1) / Double(maxPoints - 1)
        return (0..<maxPoints).map { k in
            let i = min(n - 1, Int((Double(k) * stride).rounded()))
            return LinePlot.Point(Double(firstX + i), max(values[i], 1e-300))
        }
    }
}
