import Testing
@testable import UnrollTUI

@Suite struct HeatRowTests {
    let row = HeatRow(label: "h", values: [1, -0.5, 0, 0.25, -1], scale: 1, cellWidth: 1)

    @Test func shadesByMagnitudeInUTF8AndASCII() {
        #expect(text(row, width: 10, height: 1) == "h █▒ ░█")
        #expect(text(row, width: 10, height: 1, glyphs: .ascii) == "h #: .#")
    }

    @Test func signDecidesTheRole() {
        let buffer = draw(row, width: 10, height: 1)
        // The blank cell of value 0 keeps the positive role, shown in the code row.
        #expect(buffer.styledText == block("h █▒ ░█", "  +-++-"))
    }

    @Test func cursorMarkOnTheSecondRow() {
        var r = row
        r.cursor = 3
        let buffer = draw(r, width: 10, height: 2, glyphs: .ascii)
        #expect(buffer.text == block("h #: .#", "     ^"))
        #expect(buffer[5, 0].style.bold)
        #expect(buffer[5, 1].style.role == .focus)
    }

    @Test func autoCellWidthFitsTheArea() {
        let r = HeatRow(label: "loss", values: [0.5, 1], scale: 1)
        // label 4 (≤ 20/3), grid of 15 columns for 2 steps → cells 2 wide (auto maximum).
        #expect(text(r, width: 20, height: 1, glyphs: .ascii) == "loss ::##")
        #expect(text(HeatRow(values: [1, 1, 1, 1], scale: 1), width: 3, height: 1, glyphs: .ascii) == "###")
    }

    @Test func wideCellsLeaveAGap() {
        let r = HeatRow(values: [1, -1], scale: 1, cellWidth: 3)
        #expect(text(r, width: 10, height: 1, glyphs: .ascii) == "## ##")
    }

    @Test func scrollsToKeepTheCursorVisible() {
        let r = HeatRow(values: [0, 0.25, 0.5, 0.75, 1], scale: 1, cursor: 4, cellWidth: 1)
        #expect(text(r, width: 3, height: 2, glyphs: .ascii) == block(":*#", "  ^"))
        var fixed = r
        fixed.firstColumn = 1
        #expect(text(fixed, width: 3, height: 1, glyphs: .ascii) == ".:*")
    }

    @Test func nanIsAWarningAndAutoScaleIgnoresIt() {
        let buffer = draw(HeatRow(values: [.nan, 2, -1], cellWidth: 1), width: 4, height: 1, glyphs: .ascii)
        #expect(buffer.text == "?#:")
        #expect(buffer[0, 0].style.role == .warning)
    }
}
