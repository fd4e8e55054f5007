import Testing
@testable import UnrollTUI

/// A full 200×60 frame built from every widget, as a screen would compose it.
enum SampleFrame {
    static let tokens = (0..<40).map { ["Jane", "saw", "Spot.", "Doug"][$0 % 4] }
    static let hidden: [[Double]] = (0..<16).map { (u: Int) -> [Double] in
        (0..<40).map { (t: Int) -> Double in
            let k: Int = (u * 7 + t * 3) % 21 - 10
            return Double(k) / 10
        }
    }
    static let loss: [Double] = (1...200).map { (n: Int) -> Double in 2.0 / Double(n) + 0.05 }
    static let lesson = String(repeating: "The **forget gate** decides how much of `c_{t-1}` survives; *close to one* keeps it.\n\n- first point\n- second point that wraps around the column\n\n", count: 6)

    static func render(into buffer: inout Buffer, glyphs: Glyphs) {
        let screen = buffer.area
        let rows = screen.rows([.length(3), .fill(1), .length(1), .length(1)])
        Timeline(tokens: tokens, current: 17).render(into: &buffer, area: rows[0], glyphs: glyphs)
        let cols = rows[1].columns([.percentage(30), .fill(1), .length(60)], spacing: 1)
        let left = cols[0].rows([.fill(1), .fill(1)])
        let bars = Block(title: "h_t")
        bars.render(into: &buffer, area: left[0], glyphs: glyphs)
        VectorBars(values: hidden.map { $0[17] }, labels: (0..<16).map { "h\($0)" }, clamped: [3], focus: 2).render(into: &buffer, area: bars.inner(left[0]), glyphs: glyphs)
        GateMeter(values: hidden.map { ($0[17] + 1) / 2 }, clamped: [1], focus: 0).render(into: &buffer, area: left[1], glyphs: glyphs)
        let middle = cols[1].rows([.length(19), .fill(1)])
        Heatmap(values: hidden, columnLabels: tokens, cursor: 17).render(into: &buffer, area: middle[0], glyphs: glyphs)
        LinePlot(title: "loss", series: [.init("train", values: loss, firstX: 1), .init("test", values: loss.map { $0 * 1.2 }, firstX: 1, role: .negative)], logY: true, marker: 17).render(into: &buffer, area: middle[1], glyphs: glyphs)
        let right = cols[2].rows([.length(11), .fill(1)])
        CellDiagram(structure: .lstm, gateValues: ["forget": 0.9, "input": 0.1, "candidate": -0.3, "output": 0.7], cell: 0.4, hidden: 0.3, subject: "unit 2", focusedGate: "forget").render(into: &buffer, area: right[0].centered(width: 44), glyphs: glyphs)
        WrappedText(lesson, scroll: 3).render(into: &buffer, area: right[1], glyphs: glyphs)
        ProgressBar(fraction: 0.42, label: "training").render(into: &buffer, area: rows[2], glyphs: glyphs)
        KeyHints([("←/→", "step"), ("space", "play"), ("c", "clamp"), ("?", "help"), ("q", "quit")], essentialCount: 2).render(into: &buffer, area: rows[3], glyphs: glyphs)
    }
}

@Suite struct FrameBudgetTests {
    @Test func aFullFrameUsesEveryWidget() {
        var buffer = Buffer(width: 200, height: 60)
        SampleFrame.render(into: &buffer, glyphs: .utf8)
        let t = buffer.text
        #expect(t.contains("t=18 saw"))
        #expect(t.contains("forgetting"))
        #expect(t.contains("[clamped]") || t.contains("="))
        #expect(t.contains("q quit"))
        #expect(t.contains("loss"))
    }

    /// Debug builds are 10–50× slower than release; release composes this frame well under 1 ms
    /// (see the report). This guards against accidental quadratic work in any build.
    @Test func aFullFrameIsCheap() {
        var buffer = Buffer(width: 200, height: 60)
        let clock = ContinuousClock()
        SampleFrame.render(into: &buffer, glyphs: .utf8)   // warm up
        let rounds = 5
        let elapsed = clock.measure {
            for _ in 0..<rounds { SampleFrame.render(into: &buffer, glyphs: .utf8) }
        }
        #expect(elapsed / rounds < .milliseconds(40), "one frame took \(elapsed / rounds)")
    }
}
