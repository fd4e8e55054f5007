import Foundation
import Testing
import UnrollTUI
import UnrollTerminal

extension ProcessWide {
    /// Key-bytes fuzz (finding 6): seeded random bytes through a real (headless) curses session
    /// and the event loop, then `q`. Random bytes never end the session (before the fix, ~4 KB
    /// of them made every screen exit 129); only the end of input does, and the `q` after them quits.
    @Suite struct KeyBytesFuzzTests {
        /// Bytes per run, in KiB: 16 (well past the ~4 KB that used to end a session; ~60 µs a byte in a
        /// debug build), or `UNROLL_FUZZ_COUNT`.
        static var kibibytes: Int { ProcessInfo.processInfo.environment["UNROLL_FUZZ_COUNT"].flatMap(Int.init).map { max(1, $0) } ?? 16 }

        @Test(arguments: [1, 2, 3] as [UInt64])
        func randomKeyBytesNeverEndTheSessionAndTheNextQQuits(seed: UInt64) throws {
            let h = try Headless()
            defer { h.remove() }
            var rng = SeededRandomBytes(seed: seed)
            var bytes: [UInt8] = []
            bytes.reserveCapacity(Self.kibibytes * 1024 + 1)
            while bytes.count < Self.kibibytes * 1024 {
                let b = rng.byte()
                if b != UInt8(ascii: "q") { bytes.append(b) }  // the one key that quits comes last
            }
            bytes.append(UInt8(ascii: "q"))
            let input = h.directory.appendingPathComponent("keys.bin").path
            try Data(bytes).write(to: URL(fileURLWithPath: input))
            let session = try h.session(input: input)
            let program = KeyCounter()
            #expect(runLoop(program, in: session) == 7, "the q after \(bytes.count - 1) random bytes quits")
            #expect(program.last == .key(.char("q")))
            #expect(program.count > bytes.count / 8, "keys keep arriving through the garbage (\(program.count))")
        }

        @Test func oneInvalidByteDoesNotWedgeTheKeyboard() throws {
            let h = try Headless()
            defer { h.remove() }
            let input = h.directory.appendingPathComponent("keys.bin").path
            try Data([0x61, 0xFF, 0x62, 0xC3, 0x63, 0xC3, 0xA9, 0x71]).write(to: URL(fileURLWithPath: input))
            let session = try h.session(input: input)
            let program = Recorder()
            #expect(runLoop(program, in: session) == 7)
            #expect(program.events == [.key(.char("a")), .key(.char("b")), .key(.char("c")), .key(.char("é")), .key(.char("q"))])
        }
    }
}

/// Counts events and quits on `q` with 7 (O(1) an event, unlike `Recorder`, for long inputs).
final class KeyCounter: TerminalProgram {
    var count = 0
    var last: InputEvent?
    var tickMilliseconds: Int? { nil }

    func handle(_ event: InputEvent) -> ProgramAction {
        count += 1
        last = event
        return event == .key(.char("q")) ? .quit(exitCode: 7) : .continue
    }

    func render(into buffer: inout Buffer, glyphs: Glyphs) {
        buffer.put("events \(count)", x: 0, y: 0)
    }
}
