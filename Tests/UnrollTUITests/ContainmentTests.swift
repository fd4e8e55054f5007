import Testing
@testable import UnrollTUI

/// Every widget, at every size, stays inside its area and never traps.
@Suite struct ContainmentTests {
    static let widgets: [(String, any Widget & Sendable)] = {
        let tokens = ["Jane", "saw", "Spot.", "Doug", "saw"]
        return [
            ("Block", Block(title: "Hidden state")),
            ("VectorBars", VectorBars(values: [0.9, -0.4, 0, .nan, .infinity], labels: ["Jane", "saw"], clamped: [1], focus: 0)),
            ("HeatRow", HeatRow(label: "h0", values: [0.1, -0.9, 0.5, .nan], cursor: 2)),
            ("Heatmap", Heatmap(values: [[0.9, -0.2, 0.5], [0.1, -1, 0]], rowLabels: ["h0", "h1"], columnLabels: tokens, cursor: 1)),
            ("GateMeter", GateMeter(values: [0.74, 1.5, -0.2, .nan], labels: ["f0", "f1"], clamped: [1], focus: 2)),
            ("LinePlot", LinePlot(title: "loss", series: [.init("train", values: [3, 2, 1, 0.5, 0.1, -1, .nan, 4])], logY: true, marker: 3, markerLabel: "n=3")),
            ("LinePlot linear", LinePlot(series: [.init("a", values: [1, -1, 2]), .init("b", points: [.init(0, 1e9), .init(1, -1e9)])], yRange: -1...1, marker: 1.5)),
            ("Timeline", Timeline(steps: tokens.map { Timeline.Step($0, mark: "clamp") }, current: 3)),
            ("CellDiagram lstm", CellDiagram(structure: .lstm, gateValues: ["forget": 1, "input": 0.5, "candidate": -0.3, "output": 0], cell: 0.2, hidden: 0.1, subject: "unit 1", focusedGate: "forget", clampedGates: ["output"])),
            ("CellDiagram gru", CellDiagram(structure: .gru, gateValues: ["reset": 1], hidden: 0.1, subject: "mean")),
            ("CellDiagram rnn", CellDiagram(structure: .rnn, previousHidden: 0.3, hidden: 0.1, preActivation: 2)),
            ("WrappedText", WrappedText("# Title\n\nSome **bold** and `code` text that wraps.\n- item one\n1. numbered\n```\nverbatim line that is long\n```")),
            ("ProgressBar", ProgressBar(fraction: 0.4, label: "epoch")),
            ("KeyHints", KeyHints([("←/→", "step"), ("q", "quit")], essentialCount: 1)),
        ]
    }()

    static let areas = [
        Rect(x: 3, y: 3, width: 0, height: 0), Rect(x: 3, y: 3, width: 1, height: 1), Rect(x: 3, y: 3, width: 3, height: 2),
        Rect(x: 2, y: 1, width: 10, height: 4), Rect(x: 3, y: 2, width: 43, height: 10), Rect(x: 1, y: 1, width: 44, height: 11),
        Rect(x: 4, y: 3, width: 80, height: 24), Rect(x: 0, y: 0, width: 2, height: 40),
    ]

    @Test(arguments: [Glyphs.utf8, Glyphs.ascii])
    func widgetsNeverWriteOutsideTheirArea(glyphs: Glyphs) {
        for (name, widget) in ContainmentTests.widgets {
            for area in ContainmentTests.areas {
                let outside = writesOutside(widget, area: area, glyphs: glyphs)
                #expect(outside.isEmpty, "\(name) wrote outside \(area): \(outside.prefix(5))")
            }
        }
    }

    @Test func widgetsClipToTheBufferWhenTheAreaOverhangsIt() {
        for (name, widget) in ContainmentTests.widgets {
            var buffer = Buffer(width: 10, height: 5)
            widget.render(into: &buffer, area: Rect(x: 6, y: 3, width: 60, height: 20), glyphs: .utf8)
            widget.render(into: &buffer, area: Rect(x: -5, y: -2, width: 12, height: 6), glyphs: .utf8)
            #expect(buffer.width == 10 && buffer.height == 5, "\(name)")
        }
    }

    @Test func widgetsDrawSomethingInAReasonableArea() {
        for (name, widget) in ContainmentTests.widgets {
            let buffer = draw(widget, width: 60, height: 14)
            #expect(!buffer.text.allSatisfy { $0 == " " || $0 == "\n" }, "\(name) drew nothing at 60×14")
        }
    }

    @Test func widgetsDrawOnlySingleColumnCharacters() {
        let wide: ClosedRange<UInt32> = 0x1100...0x115F
        for (name, widget) in ContainmentTests.widgets {
            for glyphs in [Glyphs.utf8, Glyphs.ascii] {
                let buffer = draw(widget, width: 80, height: 24, glyphs: glyphs)
                for cell in buffer.cells {
                    #expect(cell.character.unicodeScalars.count == 1, "\(name)")
                    if !glyphs.unicode { #expect(cell.character.isASCII, "\(name) drew \(cell.character) in ASCII mode") }
                    #expect(!wide.contains(cell.character.unicodeScalars.first?.value ?? 0))
                }
            }
        }
    }
}

/// A widget that ignores its area, to prove the sentinel check catches it.
private struct Careless: Widget {
    func render(into buffer: inout Buffer, area: Rect, glyphs: Glyphs) { buffer.put("x", x: area.maxX, y: area.y) }
}

@Test func sentinelCheckCatchesAWidgetThatWritesOutside() {
    let outside = writesOutside(Careless(), area: Rect(x: 2, y: 2, width: 3, height: 2), glyphs: .utf8)
    #expect(outside.count == 1)
    #expect(outside.first.map { $0.0 == 5 && $0.1 == 2 } == true)
}
