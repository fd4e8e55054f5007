import Testing
@testable import UnrollTUI

@Suite struct HeatmapTests {
    let map = Heatmap(values: [[1, -0.5], [0.25, 0]], rowLabels: ["h0", "h1"], columnLabels: ["Jane", "saw"], scale: 1, cursor: 1)

    @Test func headerRowsCursorAndLegendInUTF8() {
        #expect(text(map, width: 30, height: 5) == block(
            "   Jane saw",
            "h0 ████ ▒▒▒▒",
            "h1 ░░░░",
            "        ▲▲▲▲",
            "|v|: ░ ≥0.13  ▒ ≥0.38  ▓ ≥0.63"))
    }

    @Test func headerRowsCursorAndLegendInASCII() {
        #expect(text(map, width: 60, height: 5, glyphs: .ascii) == block(
            "   Jane saw",
            "h0 #### ::::",
            "h1 ....",
            "        ^^^^",
            "|v|: . >=0.13  : >=0.38  * >=0.63  # >=0.88  # +  # -"))
    }

    @Test func legendShowsSignColours() {
        let buffer = draw(map, width: 60, height: 5)
        #expect(buffer.lines[4].hasSuffix("█ +  █ −" + String(repeating: " ", count: 11)))
        #expect(buffer[41, 4].style.role == .positive && buffer[46, 4].style.role == .negative)
    }

    @Test func currentColumnHeaderIsFocused() {
        let buffer = draw(map, width: 30, height: 5)
        #expect(buffer.text(withRole: .focus).split(separator: "\n").first == "        saw")
    }

    @Test func shortAreasDropLegendThenCursor() {
        #expect(text(map, width: 30, height: 4, glyphs: .ascii) == block("   Jane saw", "h0 #### ::::", "h1 ....", "        ^^^^"))
        #expect(text(map, width: 30, height: 3, glyphs: .ascii) == block("   Jane saw", "h0 #### ::::", "h1 ...."))
        #expect(text(map, width: 30, height: 2, glyphs: .ascii) == block("   Jane saw", "h0 #### ::::"))
    }

    @Test func stepNumbersWhenNoTokens() {
        let m = Heatmap(values: [[1, 1, 1]], scale: 1, showLegend: false)
        // cell width 2 (auto for one-character headers): headers placed where they do not overlap.
        #expect(text(m, width: 12, height: 2, glyphs: .ascii) == block("  1 2 3", "0 ######"))
        #expect(m.columnCount == 3)
    }

    @Test func columnHitTest() {
        let area = Rect(x: 0, y: 0, width: 30, height: 5)
        #expect(map.column(atX: 3, area: area) == 0)
        #expect(map.column(atX: 7, area: area) == 0)
        #expect(map.column(atX: 8, area: area) == 1)
        #expect(map.column(atX: 12, area: area) == 1)
        #expect(map.column(atX: 13, area: area) == nil)
        #expect(map.column(atX: 1, area: area) == nil)
        #expect(map.column(atX: 40, area: area) == nil)
    }

    @Test func scrollsColumnsAndRows() {
        let values = [[0.0, 0.25, 0.5, 0.75, 1], [1, 1, 1, 1, 1], [0.5, 0.5, 0.5, 0.5, 0.5]]
        let m = Heatmap(values: values, rowLabels: ["a", "b", "c"], scale: 1, cursor: 4, cellWidth: 1, rowOffset: 1, showLegend: false)
        // 2 + 3 columns: cursor at step 5 scrolls so steps 3…5 show.
        #expect(text(m, width: 5, height: 4, glyphs: .ascii) == block("  3 5", "b ###", "c :::", "    ^"))
    }

    @Test func focusedRowLabel() {
        var m = map
        m.focusRow = 1
        let buffer = draw(m, width: 30, height: 5)
        #expect(buffer[0, 2].style.role == .focus && buffer[0, 1].style.role == .text)
    }
}
