import Testing
import UnrollServe
import UnrollTUI

@Suite struct FrameEncoderTests {
    static let utf8Colour = TerminalProfile(palette: .color256, unicode: true, term: "xterm-256color")

    @Test func theFirstFrameDrawsTheWholeBufferAndTheScreenShowsIt() {
        var b = Buffer(width: 20, height: 4)
        b.put("hello σ world", x: 1, y: 1, style: Style(.title, bold: true))
        b.put("└──┘", x: 3, y: 3)
        var e = FrameEncoder(profile: Self.utf8Colour)
        var screen = VirtualScreen(width: 20, height: 4)
        screen.feed(e.encode(b))
        #expect(screen.lines == b.lines)
        #expect(screen.unknown.isEmpty)
        #expect(screen.sawAttributes)
    }

    @Test func laterFramesSendOnlyTheChangedCells() {
        var b = Buffer(width: 40, height: 10)
        b.put(String(repeating: "x", count: 40), x: 0, y: 5)
        var e = FrameEncoder(profile: Self.utf8Colour)
        var screen = VirtualScreen(width: 40, height: 10)
        let first = e.encode(b)
        screen.feed(first)
        b.put("y", x: 7, y: 5)
        let second = e.encode(b)
        screen.feed(second)
        #expect(screen.lines == b.lines)
        #expect(second.count < 30, "one cell changed: \(second.count) bytes")
        #expect(e.encode(b).isEmpty)
    }

    @Test func aResizedFrameIsDrawnWhole() {
        var e = FrameEncoder(profile: Self.utf8Colour)
        _ = e.encode(Buffer(lines: ["abc"]))
        var screen = VirtualScreen(width: 5, height: 2)
        let b = Buffer(lines: ["abcde", "fg"])
        screen.feed(e.encode(b))
        #expect(screen.lines == b.lines)
    }

    @Test func monochromeSendsNoColourAndASCIINoUnicode() {
        var b = Buffer(width: 6, height: 1)
        b.put("a─σb", x: 0, y: 0, style: Style(.positive))
        var e = FrameEncoder(profile: TerminalProfile(palette: .monochrome, unicode: false, term: "vt100"))
        let bytes = e.encode(b)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(bytes.allSatisfy { $0 < 0x80 })
        #expect(!text.contains("38;5") && !text.contains("[3"))
        #expect(text.contains("a??b"))
    }

    @Test func controlCharactersInCellsNeverReachTheTerminal() {
        var b = Buffer(width: 4, height: 1)
        var cell = Cell("\u{1B}")
        b[1, 0] = cell
        cell.character = "\u{9B}"
        b[2, 0] = cell
        var e = FrameEncoder(profile: Self.utf8Colour)
        let bytes = e.encode(b)
        // Only the encoder's own ESC bytes: each is followed by '['.
        for (i, byte) in bytes.enumerated() where byte == 0x1B { #expect(i + 1 < bytes.count && bytes[i + 1] == 0x5B) }
        #expect(!bytes.contains(0xC2) )  // no C1 in UTF-8 form
    }

    @Test func enterAndLeaveRestoreTheTerminal() {
        var screen = VirtualScreen(width: 4, height: 2)
        screen.feed(FrameEncoder.enter)
        #expect(screen.alternate && !screen.cursorVisible && screen.mouse)
        screen.feed(FrameEncoder.leave)
        #expect(!screen.alternate && screen.cursorVisible && !screen.mouse)
        #expect(screen.unknown.isEmpty)
    }
}

@Suite struct TerminalProfileTests {
    @Test func colourFollowsTERM() {
        #expect(TerminalProfile.decide(term: "xterm-256color", environment: [:]).palette == .color256)
        #expect(TerminalProfile.decide(term: "xterm", environment: [:]).palette == .color8)
        #expect(TerminalProfile.decide(term: "screen", environment: [:]).palette == .color8)
        #expect(TerminalProfile.decide(term: "vt100", environment: [:]).palette == .monochrome)
        #expect(TerminalProfile.decide(term: "dumb", environment: [:]).palette == .monochrome)
        #expect(TerminalProfile.decide(term: "xterm-256color", environment: ["NO_COLOR": "1"]).palette == .monochrome)
    }

    @Test func unicodeUnlessTheClientsLocaleSaysOtherwise() {
        #expect(TerminalProfile.decide(term: "xterm", environment: [:]).unicode)
        #expect(TerminalProfile.decide(term: "xterm", environment: ["LANG": "en_GB.UTF-8"]).unicode)
        #expect(TerminalProfile.decide(term: "xterm", environment: ["LANG": "de_DE.utf8@euro"]).unicode)
        #expect(!TerminalProfile.decide(term: "xterm", environment: ["LANG": "C"]).unicode)
        #expect(!TerminalProfile.decide(term: "xterm", environment: ["LANG": "en_US.UTF-8", "LC_ALL": "en_US.ISO-8859-1"]).unicode)
        #expect(!TerminalProfile.decide(term: "vt220", environment: ["LANG": "en_US.UTF-8"]).unicode)
    }
}
