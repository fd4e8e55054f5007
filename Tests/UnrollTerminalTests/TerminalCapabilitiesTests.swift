import Testing
import UnrollTUI
import UnrollTerminal

@Suite struct TerminalCapabilitiesTests {
    /// A modern 256-colour UTF-8 terminal; each test changes one fact.
    func probe(_ change: (inout TerminalCapabilities.Probe) -> Void = { _ in }) -> TerminalCapabilities.Probe {
        var p = TerminalCapabilities.Probe(term: "xterm-256color", noColor: nil, stdinIsTerminal: true, stdoutIsTerminal: true,
                                           terminfoFound: true, hasCursorAddressing: true, colors: 256, codeset: "UTF-8")
        change(&p)
        return p
    }

    @Test func modernTerminalGetsFullScreenColourAndUnicode() {
        let caps = TerminalCapabilities.decide(probe())
        #expect(caps.fullScreen)
        #expect(caps.plainModeReason == nil)
        #expect(caps.palette == .color256)
        #expect(caps.unicode)
        #expect(caps.glyphs == .utf8)
        #expect(caps.terminalName == "xterm-256color")
    }

    @Test func stdinNotATerminalMeansPlainMode() {
        let caps = TerminalCapabilities.decide(probe { $0.stdinIsTerminal = false })
        #expect(!caps.fullScreen)
        #expect(caps.plainModeReason == .stdinNotTerminal)
    }

    /// Issue 9, first contact: `unroll lab x | less` (stdin /dev/null or a tty) names standard output.
    @Test func aPipedStdoutIsTheReasonNamedEvenWhenStdinIsNoTerminalEither() {
        let caps = TerminalCapabilities.decide(probe { $0.stdoutIsTerminal = false; $0.stdinIsTerminal = false })
        #expect(caps.plainModeReason == .stdoutNotTerminal)
    }

    @Test func stdoutNotATerminalMeansPlainMode() {
        let caps = TerminalCapabilities.decide(probe { $0.stdoutIsTerminal = false })
        #expect(!caps.fullScreen)
        #expect(caps.plainModeReason == .stdoutNotTerminal)
    }

    @Test(arguments: [nil, ""] as [String?])
    func unsetOrEmptyTermMeansPlainMode(term: String?) {
        let caps = TerminalCapabilities.decide(probe { $0.term = term; $0.terminfoFound = false; $0.hasCursorAddressing = false })
        #expect(!caps.fullScreen)
        #expect(caps.plainModeReason == .terminalUnset)
        #expect(caps.terminalName == nil)
    }

    @Test func dumbTerminalMeansPlainMode() {
        let caps = TerminalCapabilities.decide(probe { $0.term = "dumb"; $0.hasCursorAddressing = false; $0.colors = -1 })
        #expect(!caps.fullScreen)
        #expect(caps.plainModeReason == .dumbTerminal)
        #expect(caps.palette == .monochrome)
    }

    @Test func unknownTerminalMeansPlainMode() {
        let caps = TerminalCapabilities.decide(probe { $0.term = "nosuchterm"; $0.terminfoFound = false })
        #expect(caps.plainModeReason == .unknownTerminal("nosuchterm"))
    }

    @Test func terminalWithoutCursorAddressingMeansPlainMode() {
        let caps = TerminalCapabilities.decide(probe { $0.term = "glasstty"; $0.hasCursorAddressing = false })
        #expect(caps.plainModeReason == .noCursorAddressing("glasstty"))
    }

    @Test(arguments: [(256, Palette.color256), (16777216, .color256), (88, .color8), (16, .color8), (8, .color8),
                      (2, .monochrome), (0, .monochrome), (-1, .monochrome), (-2, .monochrome)])
    func paletteFollowsColourCount(colors: Int, palette: Palette) {
        #expect(TerminalCapabilities.decide(probe { $0.colors = colors }).palette == palette)
    }

    @Test func vt100HasFullScreenButNoColour() {
        let caps = TerminalCapabilities.decide(probe { $0.term = "vt100"; $0.colors = -1 })
        #expect(caps.fullScreen)
        #expect(caps.palette == .monochrome)
    }

    @Test func nonEmptyNoColorMeansMonochrome() {
        #expect(TerminalCapabilities.decide(probe { $0.noColor = "1" }).palette == .monochrome)
        #expect(TerminalCapabilities.decide(probe { $0.noColor = "" }).palette == .color256)
        #expect(TerminalCapabilities.palette(colors: 8, noColor: "yes") == .monochrome)
    }

    @Test(arguments: [("UTF-8", true), ("utf8", true), ("UTF_8", true), ("utf-8", true),
                      ("ANSI_X3.4-1968", false), ("ISO-8859-1", false), ("", false)])
    func unicodeOnlyForUTF8Codesets(codeset: String, unicode: Bool) {
        let caps = TerminalCapabilities.decide(probe { $0.codeset = codeset })
        #expect(caps.unicode == unicode)
        #expect(caps.glyphs == (unicode ? .utf8 : .ascii))
    }

    @Test func everyReasonExplainsItself() {
        let reasons: [TerminalCapabilities.PlainModeReason] = [
            .stdinNotTerminal, .stdoutNotTerminal, .terminalUnset, .dumbTerminal, .unknownTerminal("x"), .noCursorAddressing("y"),
        ]
        #expect(Set(reasons.map(\.description)).count == reasons.count)
        #expect(reasons.allSatisfy { !$0.description.isEmpty })
    }
}
