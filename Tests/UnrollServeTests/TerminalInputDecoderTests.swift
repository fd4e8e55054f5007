import Testing
import UnrollCore
import UnrollServe
import UnrollTUI

@Suite struct TerminalInputDecoderTests {
    func decode(_ s: String) -> [InputEvent] {
        var d = TerminalInputDecoder()
        return d.decode(Array(s.utf8))
    }

    @Test func lettersAndControlsAreTheLocalTutorsKeys() {
        #expect(decode("aQ ") == [.key(.char("a")), .key(.char("Q")), .key(.char(" "))])
        #expect(decode("\r\t\u{7f}\u{3}") == [.key(.enter), .key(.tab), .key(.backspace), .key(.ctrl("c"))])
        #expect(decode("σ⊙") == [.key(.char("σ")), .key(.char("⊙"))])
    }

    @Test func arrowsAndNamedKeysInBothForms() {
        #expect(decode("\u{1B}[A\u{1B}[B\u{1B}[C\u{1B}[D") == [.key(.up), .key(.down), .key(.right), .key(.left)])
        #expect(decode("\u{1B}OA\u{1B}OD\u{1B}OH\u{1B}OF") == [.key(.up), .key(.left), .key(.home), .key(.end)])
        #expect(decode("\u{1B}[5~\u{1B}[6~\u{1B}[3~\u{1B}[1~\u{1B}[4~\u{1B}[Z") == [.key(.pageUp), .key(.pageDown), .key(.delete), .key(.home), .key(.end), .key(.backTab)])
        #expect(decode("\u{1B}OP\u{1B}[15~\u{1B}[24~") == [.key(.function(1)), .key(.function(5)), .key(.function(12))])
        #expect(decode("\u{1B}[1;5C") == [.key(.right)])  // Ctrl-→ is still →
    }

    @Test func aLoneEscapeAtTheEndOfAChunkIsTheEscapeKey() {
        #expect(decode("\u{1B}") == [.key(.escape)])
        #expect(decode("\u{1B}\u{1B}") == [.key(.escape), .key(.escape)])
        #expect(decode("\u{1B}q") == [.key(.escape), .key(.char("q"))])
    }

    @Test func aSequenceSplitAcrossChunksIsJoined() {
        var d = TerminalInputDecoder()
        #expect(d.decode(Array("\u{1B}[".utf8)) == [])
        #expect(d.decode(Array("6~".utf8)) == [.key(.pageDown)])
    }

    @Test func sgrMousePressesAreEventsReleasesAndMotionAreNot() {
        #expect(decode("\u{1B}[<0;10;5M") == [.mouse(x: 9, y: 4, button: .left)])
        #expect(decode("\u{1B}[<0;10;5m") == [])
        #expect(decode("\u{1B}[<2;1;1M\u{1B}[<64;3;3M\u{1B}[<65;3;3M") == [.mouse(x: 0, y: 0, button: .right), .mouse(x: 2, y: 2, button: .scrollUp), .mouse(x: 2, y: 2, button: .scrollDown)])
        #expect(decode("\u{1B}[<32;4;4M") == [])
        #expect(decode("\u{1B}[<0;0;5M") == [])  // 0 is not a column
    }

    @Test func x10MouseReports() {
        let bytes: [UInt8] = [0x1B, 0x5B, 0x4D, 32 + 0, 33 + 7, 33 + 2, 0x1B, 0x5B, 0x4D, 32 + 3, 40, 40]
        var d = TerminalInputDecoder()
        #expect(d.decode(bytes) == [.mouse(x: 7, y: 2, button: .left)])
    }

    @Test func anOverlongSequenceIsDroppedAndTheNextKeyCounts() {
        let garbage = "\u{1B}[" + String(repeating: "1;", count: 40) + "A" + "q"
        let events = decode(garbage)
        #expect(events.last == .key(.char("q")))
        #expect(!events.contains(.key(.up)))
    }

    @Test func invalidUTF8IsDroppedAndInputGoesOn() {
        var d = TerminalInputDecoder()
        #expect(d.decode([0xFF, 0xC3, 0x71]) == [.key(.char("q"))])
    }

    @Test func randomBytesNeverTrapAndNeverGrowTheDecoder() {
        var rng = SeededRandom(seed: 16)
        var d = TerminalInputDecoder()
        for _ in 0..<200 {
            let chunk = (0..<512).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            _ = d.decode(chunk)
        }
        // After garbage, a plain key is still a key.
        _ = d.decode([0x1B, 0x5B, 0x41])
        #expect(d.decode(Array("q".utf8)) == [.key(.char("q"))])
    }
}
