import Testing
import UnrollTUI
import UnrollTerminal

/// Key codes are ncurses's (octal, as in curses.h): the mapping is tested against the ABI values.
@Suite struct KeyDecoderTests {
    @Test(arguments: [("a", 0x61), ("Q", 0x51), (" ", 0x20), ("~", 0x7E), ("é", 0xE9), ("σ", 0x3C3), ("⊙", 0x2299)] as [(Character, UInt32)])
    func printableCharactersAreChars(character: Character, value: UInt32) {
        #expect(KeyDecoder.key(character: value) == .char(character))
    }

    @Test func controlCharactersNameTheirLetter() {
        #expect(KeyDecoder.key(character: 1) == .ctrl("a"))
        #expect(KeyDecoder.key(character: 3) == .ctrl("c"))
        #expect(KeyDecoder.key(character: 12) == .ctrl("l"))
        #expect(KeyDecoder.key(character: 26) == .ctrl("z"))
        #expect(KeyDecoder.key(character: 0) == .ctrl("@"))
        #expect(KeyDecoder.key(character: 28) == .ctrl("\\"))
        #expect(KeyDecoder.key(character: 29) == .ctrl("]"))
        #expect(KeyDecoder.key(character: 31) == .ctrl("_"))
    }

    @Test func controlCharactersWithNamesBecomeNamedKeys() {
        #expect(KeyDecoder.key(character: 9) == .tab)
        #expect(KeyDecoder.key(character: 10) == .enter)
        #expect(KeyDecoder.key(character: 13) == .enter)
        #expect(KeyDecoder.key(character: 27) == .escape)
        #expect(KeyDecoder.key(character: 8) == .backspace)
        #expect(KeyDecoder.key(character: 127) == .backspace)
    }

    @Test func invalidAndC1CharactersAreDropped() {
        #expect(KeyDecoder.key(character: 0x85) == nil)
        #expect(KeyDecoder.key(character: 0xD800) == nil)
        #expect(KeyDecoder.key(character: 0x110000) == nil)
    }

    @Test(arguments: [(0o403, Key.up), (0o402, .down), (0o404, .left), (0o405, .right),
                      (0o406, .home), (0o550, .end), (0o523, .pageUp), (0o522, .pageDown),
                      (0o527, .enter), (0o407, .backspace), (0o512, .delete), (0o541, .backTab),
                      (0o534, .home), (0o537, .end), (0o535, .pageUp), (0o540, .pageDown)] as [(Int32, Key)])
    func keyCodesMapToKeys(code: Int32, key: Key) {
        #expect(KeyDecoder.key(keyCode: code) == key)
    }

    @Test func functionKeysKeepTheirNumber() {
        let f0: Int32 = 0o410
        #expect(KeyDecoder.key(keyCode: f0 + 1) == .function(1))
        #expect(KeyDecoder.key(keyCode: f0 + 5) == .function(5))
        #expect(KeyDecoder.key(keyCode: f0 + 12) == .function(12))
        #expect(KeyDecoder.key(keyCode: f0 + 24) == .function(24))
        #expect(KeyDecoder.key(keyCode: f0) == nil)
    }

    @Test func mouseResizeAndUnknownCodesAreNotKeys() {
        #expect(KeyDecoder.key(keyCode: 0o631) == nil)  // KEY_MOUSE
        #expect(KeyDecoder.key(keyCode: 0o632) == nil)  // KEY_RESIZE
        #expect(KeyDecoder.key(keyCode: 0o777) == nil)
    }
}
