import Testing
@testable import UnrollTUI

/// The eigenvalue plot: the unit circle stays round, points inside and outside are told apart,
/// the extent grows to fit, and nothing is drawn outside the area.
@Suite struct EigenPlotTests {
    @Test func asciiUnitCircleWithAxes() {
        #expect(text(EigenPlot(points: [], extent: 1.2), width: 21, height: 9, glyphs: .ascii) == block(
            "        .....",
            "     ...  |  ...",
            "    .     |     .",
            "   .      |      .",
            "---.------+-------.--",
            "   .      |      .",
            "    .     |     .",
            "     ...  |  ...",
            "        ....."))
    }

    @Test func pointsInsideAndOutsideAreToldApart() {
        let plot = EigenPlot(points: [.init(real: 0.5), .init(real: -0.3, imaginary: 0.4), .init(real: -0.3, imaginary: -0.4), .init(real: 1.4)])
        let buffer = draw(plot, width: 24, height: 11, glyphs: .ascii)
        #expect(buffer.lines[5].trimmingSuffixSpaces == "-----.------+--o--.--*--")
        #expect(buffer.lines[4].trimmingSuffixSpaces == "     .   o  |     .")
        #expect(buffer.lines[6].trimmingSuffixSpaces == "     .   o  |     .", "a conjugate pair is mirrored")
        #expect(buffer[15, 5] == Cell("o", style: Style(.positive, bold: true)))
        #expect(buffer[21, 5] == Cell("*", style: Style(.warning, bold: true)))
        let utf8 = draw(plot, width: 24, height: 11)
        #expect(utf8[15, 5].character == "•" && utf8[21, 5].character == "*")
        #expect(utf8.lines.joined().unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) }, "the circle is braille")
    }

    @Test func theExtentGrowsToShowEveryPoint() {
        let far = EigenPlot(points: [.init(real: -3, imaginary: 0)])
        let buffer = draw(far, width: 30, height: 12, glyphs: .ascii)
        #expect(buffer.lines.contains { $0.contains("*") })
        #expect(abs(far.resolvedExtent - 3.45) < 1e-12)
        #expect(EigenPlot(points: [.init(real: 0.2)]).resolvedExtent == 1.15)
        #expect(EigenPlot(points: [], radiusCircle: 2).resolvedExtent == 2.3)
    }

    @Test func theCircleIsRoundOnTallCells() {
        // Columns are half as wide as rows are tall: the circle spans about twice as many columns as rows.
        let buffer = draw(EigenPlot(points: [], extent: 1, showAxes: false), width: 40, height: 20)
        let rows = buffer.lines.indices.filter { !buffer.lines[$0].trimmingSuffixSpaces.isEmpty }
        let columns = (0..<40).filter { x in (0..<20).contains { buffer[x, $0].character != " " } }
        #expect(rows.count == 20 && columns.count == 40)
        let small = draw(EigenPlot(points: [], extent: 2, showAxes: false), width: 40, height: 20)
        let r2 = small.lines.indices.filter { !small.lines[$0].trimmingSuffixSpaces.isEmpty }
        let c2 = (0..<40).filter { x in (0..<20).contains { small[x, $0].character != " " } }
        #expect(abs(r2.count - 10) <= 1 && abs(c2.count - 20) <= 1, "half the extent, half the size, both ways")
    }

    @Test func theRadiusCircleIsDrawnInAccent() {
        let buffer = draw(EigenPlot(points: [], extent: 1.2, radiusCircle: 0.5, showAxes: false), width: 30, height: 13)
        let roles = Set((0..<30).flatMap { x in (0..<13).map { buffer[x, $0] } }.filter { $0.character != " " }.map(\.style.role))
        #expect(roles == [.muted, .accent])
    }

    @Test func staysInsideItsAreaAtAnySize() {
        let plot = EigenPlot(points: [.init(real: 5, imaginary: 5), .init(real: .nan), .init(real: .infinity), .init(real: 0.5)], radiusCircle: 0.9)
        for area in [Rect(x: 2, y: 1, width: 0, height: 0), Rect(x: 2, y: 1, width: 1, height: 1), Rect(x: 3, y: 2, width: 2, height: 5),
                     Rect(x: 1, y: 1, width: 7, height: 3), Rect(x: 4, y: 3, width: 40, height: 15)] {
            for glyphs in [Glyphs.utf8, .ascii] { #expect(writesOutside(plot, area: area, glyphs: glyphs).isEmpty, "\(area)") }
        }
    }
}
