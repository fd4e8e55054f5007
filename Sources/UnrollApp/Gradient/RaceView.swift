import UnrollCore
import UnrollTUI

/// Draws the memory race from its state: what the task is, a progress bar per cell, the accuracy
/// against delay as runs finish, and the table of results.
public enum RaceView {
    /// Where each panel goes for a size.
    struct Layout {
        var header: Rect, intro: Rect, progress: Rect, plot: Rect, table: Rect, status: Rect, hints: Rect

        init(width: Int, height: Int, cells: Int, delays: Int, presenter: Bool) {
            let chrome = presenter ? 0 : 1
            header = Rect(x: 0, y: 0, width: width, height: chrome)
            hints = Rect(x: 0, y: height - chrome, width: width, height: chrome)
            status = Rect(x: 0, y: height - chrome - 1, width: width, height: 1)
            let body = Rect(x: 1, y: chrome, width: max(0, width - 2), height: max(0, status.y - chrome))
            let introHeight = 2
            let rows = body.rows([.length(introHeight), .length(cells + 4), .fill(1)])
            intro = rows[0]
            progress = rows[1]
            let tableWidth = min(max(24, 8 + 7 * cells), body.width / 2)
            let lower = rows[2].columns([.fill(1), .length(tableWidth)])
            plot = lower[0]
            table = lower[1]
        }
    }

    public static func render(_ race: RaceState, state: AppState, into buffer: inout Buffer, glyphs: Glyphs) {
        let c = race.configuration
        let layout = Layout(width: buffer.width, height: buffer.height, cells: c.cells.count, delays: c.delays.count, presenter: state.presenter)
        let cells = c.cells.map(\.displayName).joined(separator: " vs ")
        let short = " Unroll · \(race.title) · \(cells) · H=\(c.hiddenSize) · \(c.steps) updates"
        let full = short + " of \(c.batchSize) · lr \(NumberFormat.compact(c.learningRate, width: 6, decimals: 3))"
        let arrow = GradientText.pick(glyphs, "→", "->")
        let intro = "Recall the first symbol after N distractors: A w x \(GradientText.pick(glyphs, "…", "...")) y recall \(arrow) A. Every cell has the same size, "
            + "budget, seed and sequences; chance is \(NumberFormat.percent(race.chance))."
        buffer.render(WrappedText(intro, style: Style(.muted)), in: layout.intro, glyphs: glyphs)
        renderProgress(race, into: &buffer, area: layout.progress, glyphs: glyphs)
        renderPlot(race, into: &buffer, area: layout.plot, glyphs: glyphs)
        renderTable(race, into: &buffer, area: layout.table, glyphs: glyphs)
        let fallback = race.running ? "" : "s starts the race"
        ScreenFrame(app: state, table: race.table(state), title: full, shortTitle: short, note: race.note, fallback: fallback,
                    fallbackRole: .accent).render(into: &buffer, glyphs: glyphs)
    }

    static func renderProgress(_ race: RaceState, into buffer: inout Buffer, area: Rect, glyphs: Glyphs) {
        let c = race.configuration
        let runs = c.cells.count * c.delays.count
        let block = Block(title: race.running ? (race.stopping ? "stopping…" : "racing in the background") : "progress")
        buffer.render(block, in: area, glyphs: glyphs)
        let inner = block.inner(area)
        guard inner.height >= 1 else { return }
        let labelWidth = 16
        let doneRuns = race.results.count
        buffer.render(ProgressBar(fraction: race.fractionDone, label: "all".padded(5) + "\(doneRuns)/\(runs) runs".padded(labelWidth - 5), role: .accent),
                      in: Rect(x: inner.x, y: inner.y, width: inner.width, height: 1), glyphs: glyphs)
        for (k, cell) in c.cells.enumerated() where k + 1 < inner.height {
            let done = race.results.filter { $0.cell == cell }.count
            let label = cell.displayName.padded(5) + "\(done)/\(c.delays.count) delays".padded(labelWidth - 5)
            let fraction = k < race.cellFractions.count ? race.cellFractions[k] : 0
            buffer.render(ProgressBar(fraction: fraction, label: label, role: GradientText.role(cell)),
                          in: Rect(x: inner.x, y: inner.y + 1 + k, width: inner.width, height: 1), glyphs: glyphs)
        }
        let y = inner.y + 1 + c.cells.count
        guard y < inner.maxY else { return }
        var now: String
        if let p = race.progress, race.running {
            now = "now: \(p.cell.displayName) at N=\(p.delay), update \(p.step)/\(p.steps), loss " + GradientText.number(p.loss, width: 6)
            if let a = p.accuracy { now += ", probe accuracy " + NumberFormat.percent(a) }
        } else if race.running {
            now = "starting…"
        } else if let s = race.seconds {
            now = (race.cancelled ? "stopped after " : "done in ") + NumberFormat.fixed(s, decimals: 1) + " s"
        } else {
            now = "not started: s runs \(runs) trainings of \(c.steps) updates each"
        }
        buffer.put(now, x: inner.x, y: y, style: Style(race.running ? .text : .muted), maxWidth: inner.width)
    }

    /// The accuracy-against-delay plot: one line per cell through its finished runs, chance beneath.
    public static func plot(_ race: RaceState) -> LinePlot {
        let c = race.configuration
        let delays = c.delays.map(Double.init)
        let lo = delays.min() ?? 0, hi = delays.max() ?? 1
        var series = c.cells.map { cell in
            LinePlot.Series(cell.displayName, points: c.delays.compactMap { d in race.accuracy(cell: cell, delay: d).map { LinePlot.Point(Double(d), $0) } },
                            role: GradientText.role(cell), discrete: true)
        }
        series.append(LinePlot.Series("chance", points: [LinePlot.Point(lo, race.chance), LinePlot.Point(hi, race.chance)], role: .muted))
        let marker = race.running ? race.progress.map { Double($0.delay) } : nil
        return LinePlot(series: series, xRange: lo == hi ? (lo - 1)...(hi + 1) : lo...hi, yRange: 0...1, marker: marker,
                        markerLabel: marker.map { "N=\(Int($0))" })
    }

    static func renderPlot(_ race: RaceState, into buffer: inout Buffer, area: Rect, glyphs: Glyphs) {
        let block = Block(title: "held-out accuracy against delay N")
        buffer.render(block, in: area, glyphs: glyphs)
        let inner = block.inner(area)
        guard inner.height >= 3 else { return }
        buffer.render(plot(race), in: inner, glyphs: glyphs)
    }

    static func renderTable(_ race: RaceState, into buffer: inout Buffer, area: Rect, glyphs: Glyphs) {
        let c = race.configuration
        let block = Block(title: "accuracy")
        buffer.render(block, in: area, glyphs: glyphs)
        let inner = block.inner(area)
        guard inner.height >= 1 else { return }
        let cw = max(5, min(7, (inner.width - 6) / max(1, c.cells.count)))
        var x = buffer.put("N".padded(6), x: inner.x, y: inner.y, style: Style(.muted), maxWidth: inner.width)
        for cell in c.cells {
            x = buffer.put(NumberFormat.padded(cell.displayName, width: cw - 1) + " ", x: x, y: inner.y, style: Style(GradientText.role(cell), bold: true),
                           clip: inner)
        }
        for (row, delay) in c.delays.enumerated() where row + 1 < inner.height {
            let y = inner.y + 1 + row
            var x = buffer.put(String(delay).padded(6), x: inner.x, y: y, style: Style(.text), maxWidth: inner.width)
            for cell in c.cells {
                let text: String, role: Role
                if let a = race.accuracy(cell: cell, delay: delay) {
                    text = NumberFormat.percent(a)
                    role = a >= 0.9 ? .positive : (a <= race.chance + 0.1 ? .negative : .text)
                } else if race.running, let p = race.progress, p.cell == cell, p.delay == delay {
                    text = p.accuracy.map { GradientText.pick(glyphs, "…", "~") + NumberFormat.percent($0) } ?? GradientText.pick(glyphs, "…", "...")
                    role = .focus
                } else {
                    text = GradientText.pick(glyphs, "·", ".")
                    role = .muted
                }
                x = buffer.put(NumberFormat.padded(text, width: cw - 1) + " ", x: x, y: y, style: Style(role), clip: inner)
            }
        }
    }
}
