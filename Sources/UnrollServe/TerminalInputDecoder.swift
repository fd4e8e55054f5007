import UnrollTUI

/// Turns the bytes an SSH client sends from its terminal into `InputEvent`s: keys, escape
/// sequences and mouse reports; pure, so every rule is tested without a connection.
///
/// Characters go through `UTF8Assembler` (invalid UTF-8 is dropped) and `Key(terminalCharacter:)`,
/// the same mapping the local tutor uses. Escape sequences: CSI (`ESC [`) arrows, Home/End,
/// Page Up/Down, Delete, Back-Tab, F-keys (with or without modifiers), SS3 (`ESC O`) arrows and
/// F1–F4, SGR mouse (`ESC [ < b ; x ; y M`, mode 1006) and X10 mouse (`ESC [ M b x y`). Only
/// presses of buttons 1–3 and the wheel are events; releases and motion are dropped. A sequence
/// longer than `maximumSequenceLength` is dropped whole, so garbage can never grow the decoder.
/// An Escape at the end of a chunk with nothing after it is the Escape key (a client sends a
/// whole sequence in one packet).
public struct TerminalInputDecoder: Sendable {
    /// The longest escape sequence kept while it is being read.
    public static let maximumSequenceLength = 32

    private enum Mode: Sendable {
        case ground, escape, csi, ss3, x10
    }

    private var mode: Mode = .ground
    private var sequence: [UInt8] = []
    private var utf8 = UTF8Assembler()

    public init() {}

    /// Decodes one chunk of bytes; a sequence cut at the chunk's end is continued by the next chunk.
    public mutating func decode(_ bytes: some Sequence<UInt8>) -> [InputEvent] {
        var events: [InputEvent] = []
        for byte in bytes { feed(byte, into: &events) }
        if mode == .escape {
            events.append(.key(.escape))
            mode = .ground
        }
        return events
    }

    private mutating func feed(_ byte: UInt8, into events: inout [InputEvent]) {
        switch mode {
        case .ground:
            if byte == 0x1B && !utf8.isPending {
                mode = .escape
                return
            }
            if let scalar = utf8.feed(byte), let key = Key(terminalCharacter: scalar.value) {
                events.append(.key(key))
            }
        case .escape:
            switch byte {
            case UInt8(ascii: "["):
                mode = .csi
                sequence.removeAll(keepingCapacity: true)
            case UInt8(ascii: "O"):
                mode = .ss3
            case 0x1B:
                events.append(.key(.escape))
            default:
                // Alt+key: Escape, then the key.
                events.append(.key(.escape))
                mode = .ground
                feed(byte, into: &events)
            }
        case .ss3:
            mode = .ground
            if let key = Self.ss3Key(byte) { events.append(.key(key)) }
        case .csi:
            if sequence.isEmpty && byte == UInt8(ascii: "M") {
                mode = .x10
                return
            }
            if (0x40...0x7E).contains(byte) {
                mode = .ground
                if let event = Self.csiEvent(parameters: sequence, final: byte) { events.append(event) }
                sequence.removeAll(keepingCapacity: true)
            } else if (0x20...0x3F).contains(byte) && sequence.count < Self.maximumSequenceLength {
                sequence.append(byte)
            } else {
                // Not a CSI byte, or too long: drop the sequence.
                mode = .ground
                sequence.removeAll(keepingCapacity: true)
            }
        case .x10:
            sequence.append(byte)
            if sequence.count == 3 {
                mode = .ground
                let (b, x, y) = (Int(sequence[0]) - 32, Int(sequence[1]) - 33, Int(sequence[2]) - 33)
                sequence.removeAll(keepingCapacity: true)
                if x >= 0, y >= 0, let button = Self.mouseButton(code: b, release: false) {
                    events.append(.mouse(x: x, y: y, button: button))
                }
            }
        }
    }

    /// The key for `ESC O` and a final byte.
    static func ss3Key(_ byte: UInt8) -> Key? {
        switch byte {
        case UInt8(ascii: "A"): return .up
        case UInt8(ascii: "B"): return .down
        case UInt8(ascii: "C"): return .right
        case UInt8(ascii: "D"): return .left
        case UInt8(ascii: "H"): return .home
        case UInt8(ascii: "F"): return .end
        case UInt8(ascii: "M"): return .enter
        case UInt8(ascii: "P"): return .function(1)
        case UInt8(ascii: "Q"): return .function(2)
        case UInt8(ascii: "R"): return .function(3)
        case UInt8(ascii: "S"): return .function(4)
        default: return nil
        }
    }

    /// The event for a CSI sequence's parameter bytes and final byte.
    static func csiEvent(parameters: [UInt8], final: UInt8) -> InputEvent? {
        if parameters.first == UInt8(ascii: "<") {
            guard final == UInt8(ascii: "M") || final == UInt8(ascii: "m") else { return nil }
            let numbers = Self.numbers(parameters.dropFirst())
            guard numbers.count == 3, let b = numbers[0], let x = numbers[1], let y = numbers[2], x >= 1, y >= 1,
                  let button = mouseButton(code: b, release: final == UInt8(ascii: "m")) else { return nil }
            return .mouse(x: x - 1, y: y - 1, button: button)
        }
        let numbers = Self.numbers(parameters[...])
        let first = numbers.first.flatMap { $0 } ?? 1
        let key: Key?
        switch final {
        case UInt8(ascii: "A"): key = .up
        case UInt8(ascii: "B"): key = .down
        case UInt8(ascii: "C"): key = .right
        case UInt8(ascii: "D"): key = .left
        case UInt8(ascii: "H"): key = .home
        case UInt8(ascii: "F"): key = .end
        case UInt8(ascii: "Z"): key = .backTab
        case UInt8(ascii: "P"): key = .function(1)
        case UInt8(ascii: "Q"): key = .function(2)
        case UInt8(ascii: "R"): key = numbers.count > 1 ? .function(3) : nil  // plain ESC [ R is a cursor report
        case UInt8(ascii: "S"): key = .function(4)
        case UInt8(ascii: "~"):
            switch first {
            case 1, 7: key = .home
            case 3: key = .delete
            case 4, 8: key = .end
            case 5: key = .pageUp
            case 6: key = .pageDown
            case 11...15: key = .function(first - 10)
            case 17...21: key = .function(first - 11)
            case 23, 24: key = .function(first - 12)
            default: key = nil
            }
        default: key = nil
        }
        return key.map { .key($0) }
    }

    /// Semicolon-separated decimal numbers (nil for an empty or malformed field, capped at 5 digits).
    static func numbers(_ bytes: ArraySlice<UInt8>) -> [Int?] {
        bytes.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false).map { field in
            guard !field.isEmpty, field.count <= 5, field.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
            return field.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }
    }

    /// The button of a mouse report's code: presses of 1–3 and the wheel; nil for releases and motion.
    static func mouseButton(code: Int, release: Bool) -> MouseButton? {
        guard !release, code >= 0, code & 32 == 0 else { return nil }
        if code & 64 != 0 {
            switch code & 3 {
            case 0: return .scrollUp
            case 1: return .scrollDown
            default: return nil
            }
        }
        switch code & 3 {
        case 0: return .left
        case 1: return .middle
        case 2: return .right
        default: return nil  // 3: an X10 release
        }
    }
}
