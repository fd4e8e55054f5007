import Testing
@testable import UnrollTUI

@Suite struct AnsiEncoderTests {
    @Test func colouredCellsGetTheirSGRAndEveryLineResets() {
        var buffer = Buffer(width: 6, height: 2)
        buffer.put("ab", x: 0, y: 0, style: Style(.warning))
        buffer.put("c", x: 3, y: 1, style: Style(.focus))
        let text = AnsiEncoder.encode(buffer, palette: .color256)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 3 && lines[2].isEmpty)
        #expect(lines[0].hasPrefix("\u{1B}[0;1;38;5;166mab"))  // .warning: Okabe–Ito vermillion
        #expect(lines[0].hasSuffix("\u{1B}[0m"))
        #expect(lines[1].contains("\u{1B}[0;1;38;5;231;48;5;25mc"))
    }

    @Test func palettesDiffer() {
        let focus = Style(.focus)
        #expect(AnsiEncoder.sgr(focus, palette: .color8) == "\u{1B}[0;1;37;44m")
        #expect(AnsiEncoder.sgr(focus, palette: .monochrome) == "\u{1B}[0;7m")
        #expect(AnsiEncoder.sgr(Style(.text, underline: true), palette: .monochrome) == "\u{1B}[0;4m")
    }
}
