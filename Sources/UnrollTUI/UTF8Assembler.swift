/// Assembles keyboard bytes into Unicode scalars, dropping whatever is not UTF-8.
///
/// `wget_wch` collects the bytes after an invalid one (0xFF, a lone 0xC3) into its buffer until
/// it overflows, eating every key after it, `q` included, and after a few KB of garbage reports
/// an error that ended the session. Reading bytes (`wgetch`) and assembling them here instead,
/// an invalid byte is dropped and the next valid one is a key again: a lone continuation byte,
/// 0xC0, 0xC1 and 0xF5…0xFF are dropped; a sequence cut short by a byte that cannot continue it
/// is dropped and that byte starts afresh; overlong forms, surrogates and values past U+10FFFF
/// are dropped whole.
public struct UTF8Assembler: Sendable, Equatable {
    private var value: UInt32 = 0
    private var length = 0
    private var have = 0

    public init() {}

    /// Whether a multi-byte sequence is partly read.
    public var isPending: Bool { length > 0 }

    /// Forgets a partly read sequence (on a timeout or a key code between its bytes).
    public mutating func reset() {
        value = 0
        length = 0
        have = 0
    }

    /// Takes one byte; returns the scalar it completes, or nil (more to come, or dropped).
    public mutating func feed(_ byte: UInt8) -> Unicode.Scalar? {
        if length > 0 {
            if byte & 0xC0 == 0x80 {
                value = value << 6 | UInt32(byte & 0x3F)
                have += 1
                guard have == length else { return nil }
                let (v, n) = (value, length)
                reset()
                let smallest: UInt32 = n == 2 ? 0x80 : (n == 3 ? 0x800 : 0x10000)
                guard v >= smallest else { return nil }  // overlong
                return Unicode.Scalar(v)  // nil for surrogates and past U+10FFFF
            }
            reset()  // cut short: this byte starts afresh
        }
        switch byte {
        case 0x00...0x7F: return Unicode.Scalar(byte)
        case 0xC2...0xDF: start(UInt32(byte & 0x1F), length: 2)
        case 0xE0...0xEF: start(UInt32(byte & 0x0F), length: 3)
        case 0xF0...0xF4: start(UInt32(byte & 0x07), length: 4)
        default: break  // a continuation byte without a lead, 0xC0, 0xC1, 0xF5…0xFF
        }
        return nil
    }

    private mutating func start(_ bits: UInt32, length n: Int) {
        value = bits
        length = n
        have = 1
    }
}
