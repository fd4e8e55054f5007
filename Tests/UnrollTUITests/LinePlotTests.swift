import Foundation
import SnapshotTesting
import Testing
@testable import UnrollTUI

@Suite struct LinePlotTests {
    let diagonal = LinePlot(series: [.init("a", values: [0, 1, 2])], showLegend: false)

    @Test func asciiPointsJoinedByLinesWithTicks() {
        #expect(text(diagonal, width: 12, height: 6, glyphs: .ascii) == block(
            "2 +       **",
            "  |     **",
            "1 +  ***",
            "0 +**",
            "  ++-------+",
            "   0       2"))
    }

    @Test func brailleHasFourRowsOfDotsPerCell() {
        let flat = LinePlot(series: [.init("a", values: [1, 1, 1])], showLegend: false)
        #expect(text(flat, width: 14, height: 6) == block(
            "1.5 ┤",
            "    │",
            "1.0 ┤⠉⠉⠉⠉⠉⠉⠉⠉⠉",
            "0.5 ┤",
            "    └┬───────┬",
            "     0       2"))
    }

    @Test func brailleDotBits() {
        #expect(LinePlot.brailleBit(0, 0) == 0x01 && LinePlot.brailleBit(0, 3) == 0x40 && LinePlot.brailleBit(1, 3) == 0x80 && LinePlot.brailleBit(1, 1) == 0x10)
        #expect(Character(LinePlot.brailleScalar(0xFF)) == "⣿")
        #expect(Character(LinePlot.brailleScalar(0x00)) == "⠀")
    }

    @Test func titleLegendAndSeriesRoles() {
        let plot = LinePlot(title: "loss", series: [.init("train", values: [2, 1], role: .positive), .init("test", values: [1, 2], role: .negative)])
        let ascii = draw(plot, width: 20, height: 8, glyphs: .ascii)
        #expect(ascii.lines[0].trimmingSuffixSpaces == "        loss")
        #expect(ascii.lines[7].trimmingSuffixSpaces == "* train  + test")
        #expect(ascii.text(withRole: .positive).contains("*") && !ascii.text(withRole: .positive).contains("+"))
        #expect(ascii.text(withRole: .negative).contains("+"))
        let utf8 = draw(plot, width: 30, height: 8)
        // The legend shows each series' dash pattern: solid, then dashed.
        #expect(utf8.lines[7].trimmingSuffixSpaces == "⠒⠒⠒⠒⠒⠒ train  ⠒⠒⠀⠀⠒⠒ test")
        #expect(utf8[0, 7].style.role == .positive && utf8[14, 7].style.role == .negative)
    }

    @Test func seriesAreToldApartWithoutColourByTheirDashPatterns() {
        let samples = (0..<5).map { LinePlot.legendSample(series: $0, discrete: false, glyphs: .utf8) }
        #expect(Set(samples).count == 5, "\(samples)")
        #expect((0..<5).map { LinePlot.legendSample(series: $0, discrete: false, glyphs: .ascii) } == ["*", "+", "o", "x", "#"])
        // A flat dashed line leaves gaps; the solid one does not.
        let flat = [Double](repeating: 1, count: 40)
        let plot = LinePlot(series: [.init("solid", values: flat), .init("dashed", values: flat.map { $0 + 1 })], yRange: 0...3, showLegend: false)
        let lines = draw(plot, width: 40, height: 8).lines
        let rows = lines.filter { $0.contains { ("\u{2801}"..."\u{28FF}").contains($0) } }
        #expect(rows.count == 2)
        let blanks = rows.map { row in row.drop { !("\u{2801}"..."\u{28FF}").contains($0) }.prefix(30).filter { $0 == " " || $0 == "⠀" }.count }
        #expect(blanks[0] > 3, "the dashed series (above) has gaps: \(lines.joined(separator: "\n"))")
        #expect(blanks[1] == 0, "the solid series has none")
    }

    @Test func discreteSeriesAreMarksWithoutLines() {
        let plot = LinePlot(series: [.init("acc", points: [.init(2, 0.9), .init(10, 0.5), .init(20, 0.2)], discrete: true)], yRange: 0...1)
        let utf8 = draw(plot, width: 40, height: 10)
        #expect(utf8.text.filter { $0 == "●" }.count == 4)  // three points and the legend
        #expect(!utf8.text.contains { ("\u{2801}"..."\u{28FF}").contains($0) }, "no line joins the points")
        #expect(utf8.lines[9].hasPrefix("● acc"))
        #expect(draw(plot, width: 40, height: 10, glyphs: .ascii).text.filter { $0 == "*" }.count == 4)
    }

    @Test func logTicksAreUniformAtEverySize() {
        let values = (0...40).map { k in (0..<k).reduce(1.0) { acc, _ in acc * 0.3 } }   // 1 … 1e-21
        let plot = LinePlot(series: [.init("g", values: values)], logY: true, showLegend: false)
        for height in 5...45 {
            let buffer = draw(plot, width: 40, height: height, glyphs: .ascii)
            let exponents: [Int] = buffer.lines.compactMap { line in
                guard let bar = line.firstIndex(of: "+"), line[line.index(after: bar)...].first != "-" else { return nil }
                let label = line[..<bar].trimmingCharacters(in: .whitespaces)
                return (-30...10).first { LinePlot.decadeLabel($0) == label }
            }
            #expect(exponents.count >= 2, "height \(height): \(exponents)")
            let steps = Set(zip(exponents, exponents.dropFirst()).map { $0 - $1 })
            #expect(steps.count == 1, "height \(height): ticks \(exponents) are not uniform")
            #expect(exponents.allSatisfy { $0 % (steps.first ?? 1) == 0 }, "height \(height): ticks on multiples of the step")
        }
    }

    @Test func logScaleSkipsNonPositiveValuesAndLabelsDecades() {
        let plot = LinePlot(series: [.init("g", values: [100, 10, 0, -1, 1, 0.1])], logY: true, showLegend: false)
        let buffer = draw(plot, width: 20, height: 7, glyphs: .ascii)
        let labels = buffer.lines.prefix(5).map { String($0.prefix(3)).trimmingSuffixSpaces }
        // Five plot rows for four decades: the decades land on rows 0, 1, 3 and 4.
        #expect(labels == ["100", " 10", "", "  1", "0.1"])
        // The 0 and -1 samples break the line: nothing is drawn between x = 1 and x = 4.
        let plotColumns = (5..<20).map { x in (0..<4).contains { buffer[x, $0].character == "*" } }
        #expect(plotColumns.contains(false))
        #expect(LinePlot.decadeLabel(-5) == "1e-5" && LinePlot.decadeLabel(-2) == "0.01" && LinePlot.decadeLabel(3) == "1000" && LinePlot.decadeLabel(6) == "1e6")
    }

    @Test func markerLineGoesThroughEmptyCells() {
        var plot = diagonal
        plot.marker = 1
        plot.markerLabel = "n"
        let buffer = draw(plot, width: 12, height: 6, glyphs: .ascii)
        // Column of x = 1 is 3 + 4 = 7; its data cell (row 2) keeps the series mark.
        #expect((0..<4).map { buffer[7, $0].character } == ["|", "|", "*", "|"])
        #expect(buffer[8, 0].character == "n" && buffer[8, 0].style.role == .accent)
        #expect(buffer[7, 0].style.role == .accent)
    }

    @Test func fixedRangesClipTheData() {
        let plot = LinePlot(series: [.init("a", values: [-10, 10])], xRange: 0...1, yRange: -1...1, showLegend: false)
        let buffer = draw(plot, width: 12, height: 6, glyphs: .ascii)
        // y from -1 to 1 (ticks 1 apart), x from 0 to 1: only the steep middle of the line shows.
        #expect(text(plot, width: 12, height: 6, glyphs: .ascii) == block(
            " 1 +",
            "   |    *",
            " 0 +    *",
            "-1 +   *",
            "   ++------+",
            "    0      1"))
        #expect(buffer.lines[0].hasPrefix(" 1 +"))
    }

    @Test func noDataStillDrawsAxes() {
        #expect(text(LinePlot(series: []), width: 20, height: 6, glyphs: .ascii) == block(
            "1.0 +",
            "    |    no data",
            "0.5 +",
            "0.0 +",
            "    ++-------------+",
            "     0             1"))
    }

    @Test func tooSmallForAPlotDrawsOnlyTheTitle() {
        let plot = LinePlot(title: "loss", series: [.init("a", values: [1, 2])])
        #expect(text(plot, width: 20, height: 2) == block("        loss", ""))
        #expect(text(plot, width: 3, height: 8, glyphs: .ascii) == block("lo~", "", "", "", "", "", "", ""))
    }

    @Test func columnToXValue() {
        let area = Rect(x: 0, y: 0, width: 12, height: 6)
        #expect(diagonal.xValue(atColumn: 3, area: area) == 0)
        #expect(diagonal.xValue(atColumn: 7, area: area) == 1)
        #expect(diagonal.xValue(atColumn: 11, area: area) == 2)
        #expect(diagonal.xValue(atColumn: 2, area: area) == nil)
    }

    @Test func sameInputSameOutput() {
        let a = draw(LinePlotTests.lossPlot, width: 60, height: 16)
        let b = draw(LinePlotTests.lossPlot, width: 60, height: 16)
        #expect(a == b)
    }

    static let lossPlot: LinePlot = {
        let train: [Double] = (1...40).map { (n: Int) -> Double in 2.0 / Double(n) + 0.05 }
        let test: [Double] = (1...40).map { (n: Int) -> Double in
            let wobble = Double(n % 5) * 0.01
            return 2.4 / Double(n) + 0.15 + wobble
        }
        return LinePlot(title: "loss per epoch", series: [.init("train", values: train, firstX: 1), .init("test", values: test, firstX: 1, role: .negative)], marker: 12, markerLabel: "epoch 12")
    }()

    @Test func snapshotLossPlotUTF8() {
        assertSnapshot(of: draw(LinePlotTests.lossPlot, width: 60, height: 16).text, as: .lines)
    }

    @Test func snapshotLossPlotASCII() {
        assertSnapshot(of: draw(LinePlotTests.lossPlot, width: 60, height: 16, glyphs: .ascii).text, as: .lines)
    }

    @Test func snapshotGradientNormsLogScale() {
        let norms: [Double] = (0..<30).map { (n: Int) -> Double in
            let decay: Double = ScaleMath.pow10(-n / 6)
            return 3.0 * decay * (1.0 + Double(n % 3) * 0.2)
        }
        let exploding: [Double] = (0..<30).map { (n: Int) -> Double in 0.5 * ScaleMath.pow10(n / 8) }
        let plot = LinePlot(title: "|dh_T/dh_t| by distance", series: [.init("tanh RNN", values: norms), .init("w=1.5", values: exploding, role: .warning)], logY: true, marker: 10)
        assertSnapshot(of: draw(plot, width: 50, height: 14).text, as: .lines)
    }
}

extension String {
    var trimmingSuffixSpaces: String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
