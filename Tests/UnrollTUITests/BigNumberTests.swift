import Testing
@testable import UnrollTUI

/// Block-glyph numbers for the projector.
@Suite struct BigNumberTests {
    @Test func digitsAreFiveRowsOfBlocksWithTheLabelBelow() {
        var buffer = Buffer(width: 20, height: 6)
        BigNumber("0.21", label: "p(Doug)").render(into: &buffer, area: buffer.area, glyphs: .utf8)
        let rows = buffer.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(rows[0].hasPrefix("███     ███  █"))
        #expect(rows[4].hasPrefix("███  █  ███ ███"))
        #expect(rows[5].hasPrefix("p(Doug)"))
    }

    @Test func asciiUsesHashesAndEveryGlyphIsThreeWide() {
        var buffer = Buffer(width: 40, height: 5)
        BigNumber("-1e-3%").render(into: &buffer, area: buffer.area, glyphs: .ascii)
        #expect(!buffer.text.contains("█"))
        #expect(buffer.text.contains("###"))
        for c in "0123456789.-+e%" { #expect(BigNumber.pattern(c).allSatisfy { $0.count == 3 }, "\(c)") }
    }

    @Test func tooNarrowFallsBackToOneLine() {
        var buffer = Buffer(width: 10, height: 6)
        BigNumber("123.45", label: "loss").render(into: &buffer, area: buffer.area, glyphs: .utf8)
        #expect(buffer.text.hasPrefix("loss = 123"))
        #expect(!buffer.text.contains("█"))
    }
}
