import Testing
import UnrollTerminal
import UnrollTUI

/// Finding 6: invalid UTF-8 in keyboard input is dropped and input goes on.
@Suite struct UTF8AssemblerTests {
    func scalars(_ bytes: [UInt8]) -> [Unicode.Scalar] {
        var assembler = UTF8Assembler()
        return bytes.compactMap { assembler.feed($0) }
    }

    @Test func validUTF8AssemblesToItsScalars() {
        let text = "aé→𝛔q"
        #expect(scalars(Array(text.utf8)) == Array(text.unicodeScalars))
    }

    @Test func anInvalidByteIsDroppedAndTheNextKeyArrives() {
        #expect(scalars([0xFF, 0x71]) == ["q"])
        #expect(scalars([0xC3, 0x71]) == ["q"])          // a lone lead byte, cut short by q
        #expect(scalars([0x80, 0xBF, 0x71]) == ["q"])    // continuation bytes without a lead
        #expect(scalars([0xC0, 0xAF, 0x71]) == ["q"])    // overlong '/'
        #expect(scalars([0xE0, 0x80, 0xAF, 0x71]) == ["q"])  // overlong, three bytes
        #expect(scalars([0xED, 0xA0, 0x80, 0x71]) == ["q"])  // a surrogate
        #expect(scalars([0xF4, 0x90, 0x80, 0x80, 0x71]) == ["q"])  // past U+10FFFF
        #expect(scalars([0xE2, 0x86, 0xC3, 0xA9]) == ["é"])  // cut short by the lead of é
    }

    /// 1 MiB of seeded random bytes, then `q`: the `q` arrives, whatever came before.
    @Test func aMebibyteOfRandomBytesNeverSwallowsTheNextKey() {
        var rng = SeededRandomBytes(seed: 6)
        var assembler = UTF8Assembler()
        var produced = 0
        for _ in 0..<(1 << 20) where assembler.feed(rng.byte()) != nil { produced += 1 }
        #expect(produced > 0)
        #expect(assembler.feed(0x71) == "q")
    }
}

/// A tiny seeded byte source (SplitMix64), so the terminal tests need no other module.
struct SeededRandomBytes {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func byte() -> UInt8 { UInt8(truncatingIfNeeded: next() >> 24) }
}
