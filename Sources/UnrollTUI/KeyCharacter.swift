extension Key {
    /// The key a terminal means by one character (a Unicode scalar value), or nil for an invalid
    /// scalar or a C1 control: pure, shared by the curses session and the served sessions.
    ///
    /// 9 → Tab; 10 and 13 → Enter; 27 → Escape; 8 and 127 → Backspace; 1…26 → `.ctrl("a"…"z")`;
    /// 0 → `.ctrl("@")`; 28…31 → `.ctrl("\\")`, `.ctrl("]")`, `.ctrl("^")`, `.ctrl("_")`.
    public init?(terminalCharacter value: UInt32) {
        switch value {
        case 9: self = .tab
        case 10, 13: self = .enter
        case 27: self = .escape
        case 8, 127: self = .backspace
        case 0: self = .ctrl("@")
        case 1...26:
            guard let scalar = Unicode.Scalar(value + 96) else { return nil }
            self = .ctrl(Character(scalar))
        case 28...31:
            guard let scalar = Unicode.Scalar(value + 64) else { return nil }
            self = .ctrl(Character(scalar))
        case 0x80..<0xA0:
            return nil  // C1 controls: nothing to show or do
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            self = .char(Character(scalar))
        }
    }
}
