import Testing
@testable import UnrollTUI

@Suite struct KeyHintsTests {
    let hints = KeyHints([("←/→", "step"), ("space", "play"), ("c", "clamp"), ("?", "help"), ("q", "quit")], essentialCount: 2)

    @Test func footerFitsWhole() {
        #expect(text(hints, width: 80, height: 1) == "←/→ step  space play  c clamp  ? help  q quit")
    }

    @Test func asciiArrows() {
        #expect(text(hints, width: 80, height: 1, glyphs: .ascii) == "</> step  space play  c clamp  ? help  q quit")
    }

    @Test func dropsNonEssentialHintsFromTheEndFirst() {
        #expect(text(hints, width: 40, height: 1) == "←/→ step  space play  ? help  q quit")
        #expect(text(hints, width: 30, height: 1) == "←/→ step  ? help  q quit")
        #expect(text(hints, width: 15, height: 1) == "? help  q quit")
        #expect(text(hints, width: 8, height: 1) == "? help")
        #expect(text(hints, width: 5, height: 1) == "")
    }

    @Test func keysAreAccentedAndActionsMuted() {
        let buffer = draw(KeyHints([KeyHints.Hint("q", "quit")]), width: 8, height: 1)
        #expect(buffer.styledText == block("q quit", "ammmmm"))
        #expect(buffer[0, 0].style.bold)
    }
}
