import Testing
@testable import UnrollTUI

@Suite struct TextTests {
    @Test func truncation() {
        #expect(Text.truncated("prediction", to: 20) == "prediction")
        #expect(Text.truncated("prediction", to: 10) == "prediction")
        #expect(Text.truncated("prediction", to: 5) == "pred~")
        #expect(Text.truncated("prediction", to: 5, ellipsis: "…") == "pred…")
        #expect(Text.truncated("prediction", to: 1) == "p")
        #expect(Text.truncated("prediction", to: 0) == "")
        #expect(Text.truncated("prediction", to: -3) == "")
    }

    @Test func padding() {
        #expect(Text.padLeft("0.5", to: 5) == "  0.5")
        #expect(Text.padLeft("12345", to: 3) == "345")
        #expect(Text.padRight("ab", to: 4) == "ab  ")
        #expect(Text.padRight("abcdef", to: 4) == "abcd")
        #expect(Text.padRight("ab", to: -1) == "")
    }

    @Test func glyphExtras() {
        #expect(Glyphs.utf8.ellipsis == "…" && Glyphs.ascii.ellipsis == "~")
        #expect(Glyphs.utf8.track == "·" && Glyphs.ascii.track == ".")
    }

    @Test func glyphWritesAreClipped() {
        var buffer = Buffer(width: 4, height: 2)
        let clip = Rect(x: 1, y: 0, width: 2, height: 1)
        for x in -1...5 { buffer.glyph("#", x: x, y: 0, style: Style(.accent), clip: clip) }
        buffer.glyph("#", x: 1, y: 1, style: .plain, clip: clip)
        buffer.glyph("#", x: 9, y: 9, style: .plain, clip: Rect(width: 20, height: 20))
        #expect(buffer.lines == [" ## ", "    "])
        #expect(buffer[1, 0].style.role == .accent)
        let end = buffer.glyphs("0.5", x: 0, y: 1, style: .plain, clip: buffer.area)
        #expect(end == 3 && buffer.lines[1] == "0.5 ")
    }
}
