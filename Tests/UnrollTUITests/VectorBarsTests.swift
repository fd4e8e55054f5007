import Testing
@testable import UnrollTUI

@Suite struct VectorBarsTests {
    let bars = VectorBars(values: [1, -0.5, 0.25], labels: ["a", "bb", "c"], scale: 1)

    @Test func signedBarsFromACentreAxisInUTF8() {
        #expect(text(bars, width: 20, height: 3) == block(
            "a  +1.00      │█████",
            "bb -0.50   ▐██│",
            "c  +0.25      │█▎"))
    }

    @Test func wholeCellsInASCII() {
        #expect(text(bars, width: 20, height: 3, glyphs: .ascii) == block(
            "a  +1.00      |#####",
            "bb -0.50   ###|",
            "c  +0.25      |#"))
    }

    @Test func subCellResolutionOnThePositiveSide() {
        // 19 columns: bar of 11, half = 5 cells = 40 eighths; 0.1 → 4 eighths → ▌.
        let one = VectorBars(values: [0.1], labels: ["x"], scale: 1)
        #expect(text(one, width: 19, height: 1) == "x +0.10      │▌")
        let eighths = (1...8).map { k in text(VectorBars(values: [Double(k) / 40], labels: ["x"], scale: 1), width: 19, height: 1).last }
        #expect(eighths == ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"])
    }

    @Test func rolesForSignsAxisAndZero() {
        let buffer = draw(VectorBars(values: [1, -1, 0], labels: ["p", "n", "z"], scale: 1), width: 20, height: 3)
        #expect(buffer.styledText == block(
            "p +1.00      │█████",
            "  +++++      m+++++",
            "n -1.00 █████│",
            "  ----- -----m",
            "z  0.00      │",
            "  mmmmm      m"))
    }

    @Test func autoScaleIsTheLargestMagnitude() {
        let auto = VectorBars(values: [2, -4], labels: ["a", "b"])
        #expect(auto.resolvedScale == 4)
        #expect(text(auto, width: 19, height: 2, glyphs: .ascii) == block(
            "a +2.00      |###",
            "b -4.00 #####|"))
        #expect(VectorBars(values: [0, 0]).resolvedScale == 1)
        #expect(VectorBars(values: [.nan, .infinity, 3]).resolvedScale == 3)
        #expect(VectorBars(values: [5], scale: -1).resolvedScale == 5)
    }

    @Test func valuesBeyondAGivenScaleAreClipped() {
        #expect(text(VectorBars(values: [-7], labels: ["a"], scale: 1), width: 19, height: 1, glyphs: .ascii) == "a -7.00 #####|")
    }

    @Test func focusAndClampMarks() {
        let v = VectorBars(values: [0.5, -0.5], labels: ["Jane", "saw"], clamped: [1], scale: 1, focus: 0)
        let buffer = draw(v, width: 24, height: 2, glyphs: .ascii)
        #expect(buffer.text == block(
            ">Jane +0.50       |###",
            " saw  -0.50=   ###|"))
        #expect(buffer.text(withRole: .focus) == block(">Jane", ""))
        #expect(buffer.text(withRole: .clamped) == block("", "      -0.50="))
    }

    @Test func missingLabelsFallBackToIndicesAndLongOnesAreCut() {
        let v = VectorBars(values: [0.1, 0.2], labels: ["prediction"], scale: 1)
        // label column: min(10, 18 / 3) = 6; the bar keeps 4 columns (half of 1 cell).
        #expect(text(v, width: 18, height: 2, glyphs: .ascii) == block(
            "predi~ +0.10   |",
            "1      +0.20   |"))
    }

    @Test func offsetScrollsAndHeightLimitsRows() {
        let v = VectorBars(values: [1, 2, 3, 4], labels: ["a", "b", "c", "d"], scale: 4, offset: 1)
        #expect(text(v, width: 12, height: 2, glyphs: .ascii) == block("b +2.00  |#", "c +3.00  |#"))
        #expect(text(v, width: 8, height: 2, glyphs: .ascii) == block("b +2.00", "c +3.00"))
    }

    @Test func probabilitiesGrowFromZeroOverTheWholeWidth() {
        var bars = VectorBars(values: [1, 0.5, 0], labels: ["a", "b", "c"], scale: 1)
        bars.fromZero = true
        // 30 columns: label 1 + space, value 5 + space: the bar is 22 wide, an axis and 21 cells.
        let t = text(bars, width: 30, height: 3).split(separator: "\n").map(String.init)
        #expect(t[0] == "a +1.00 │" + String(repeating: "█", count: 21))
        #expect(t[1].filter { $0 == "█" }.count == 10 && t[1].hasSuffix("▌"))
        #expect(t[2] == "c  0.00 │")
        // Twice the width, twice the bar: the bar is proportional to the panel.
        let wide = text(bars, width: 60, height: 1)
        #expect(wide.filter { $0 == "█" }.count == 51)
        #expect(text(bars, width: 30, height: 1, glyphs: .ascii) == "a +1.00 |" + String(repeating: "#", count: 21))
    }

    @Test func nanShowsAsWarningWithoutABar() {
        let buffer = draw(VectorBars(values: [.nan], labels: ["x"], scale: 1), width: 19, height: 1)
        #expect(buffer.text == "x   nan      │")
        #expect(buffer.text(withRole: .warning) == "    nan")
    }
}
