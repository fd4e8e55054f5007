import Testing
@testable import UnrollTUI

@Suite struct ProgressBarTests {
    @Test func labelBarAndPercent() {
        #expect(text(ProgressBar(fraction: 0.56, label: "training"), width: 30, height: 1) == "training [████████▍░░░░░░] 56%")
        #expect(text(ProgressBar(fraction: 0.56, label: "training"), width: 30, height: 1, glyphs: .ascii) == "training [########.......] 56%")
    }

    @Test func rolesOfTheParts() {
        let buffer = draw(ProgressBar(fraction: 0.5, label: "a", role: .memory), width: 12, height: 1, glyphs: .ascii)
        #expect(buffer.styledText == block("a [##..] 50%", "  mMMmmm"))
    }

    @Test func clampsTheFraction() {
        #expect(text(ProgressBar(fraction: 2, showPercent: false), width: 6, height: 1, glyphs: .ascii) == "[####]")
        #expect(text(ProgressBar(fraction: -1), width: 10, height: 1, glyphs: .ascii) == "[.....] 0%")
        #expect(text(ProgressBar(fraction: .nan), width: 10, height: 1, glyphs: .ascii) == "[.....] 0%")
    }

    @Test func narrowAreasCutTheLabelThenThePercentage() {
        #expect(text(ProgressBar(fraction: 0.5, label: "training"), width: 14, height: 1, glyphs: .ascii) == "tr~ [##..] 50%")
        #expect(text(ProgressBar(fraction: 0.5, label: "training"), width: 9, height: 1, glyphs: .ascii) == "[##.] 50%")
        #expect(text(ProgressBar(fraction: 0.5, label: "training"), width: 4, height: 1, glyphs: .ascii) == "[#.]")
        #expect(text(ProgressBar(fraction: 0.5, label: "training"), width: 2, height: 1, glyphs: .ascii) == "")
    }
}
