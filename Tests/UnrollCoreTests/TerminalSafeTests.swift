import Testing
import UnrollCore

/// Finding 10: text from files never reaches a terminal with a control sequence in it.
@Suite struct TerminalSafeTests {
    @Test func escapeAndOscSequencesBecomeVisibleEscapes() {
        let hostile = "evil\u{1B}]52;c;aGVsbG8=\u{07}name\u{1B}[2J"
        let safe = TerminalSafe.line(hostile)
        #expect(safe == "evil\\u{1B}]52;c;aGVsbG8=\\u{7}name\\u{1B}[2J")
        #expect(TerminalSafe.isSafe(safe))
        #expect(!TerminalSafe.isSafe(hostile))
    }

    @Test func c1ControlsDelAndBidiOverridesAreEscaped() {
        for scalar: UInt32 in [0x00, 0x08, 0x0D, 0x7F, 0x85, 0x9B, 0x9D, 0x202E, 0x2066, 0x2069] {
            guard let s = Unicode.Scalar(scalar) else { Issue.record("bad scalar"); continue }
            let text = "a" + String(Character(s)) + "b"
            #expect(TerminalSafe.isSafe(TerminalSafe.line(text)), "U+\(String(scalar, radix: 16))")
            #expect(TerminalSafe.line(text).contains("\\u{"))
        }
    }

    @Test func oneLineModeEscapesNewlinesTranscriptModeKeepsThem() {
        #expect(TerminalSafe.line("a\nb\tc") == "a\\u{A}b\\u{9}c")
        #expect(TerminalSafe.lines("a\nb\tc\u{1B}") == "a\nb\tc\\u{1B}")
    }

    @Test func ordinaryTextPassesUnchanged() {
        for text in ["Jane saw Spot .", "σ(x) → ∂L/∂h_t", "Ünïcödé 日本", "pizza 🍕", ""] {
            #expect(TerminalSafe.line(text) == text)
            #expect(TerminalSafe.lines(text) == text)
        }
    }

    @Test func sanitisingIsIdempotent() {
        var rng = SeededRandom(seed: 10)
        for _ in 0..<200 {
            let scalars = (0..<20).compactMap { _ in Unicode.Scalar(UInt32(rng.next() % 0x2100)) }
            let text = String(String.UnicodeScalarView(scalars))
            let once = TerminalSafe.line(text)
            #expect(TerminalSafe.isSafe(once))
            #expect(TerminalSafe.line(once) == once)
        }
    }
}
