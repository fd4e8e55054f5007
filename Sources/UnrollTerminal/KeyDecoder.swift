@preconcurrency import CNcursesw
import UnrollTUI

/// Turns what curses reads into `Key`s: a pure mapping, tested without a terminal.
///
/// The session reads bytes and key codes with `wgetch` (key codes are above 0xFF) and assembles
/// the bytes into characters with `UTF8Assembler`, dropping invalid UTF-8. Characters map to
/// `.char`, control characters to `.ctrl(letter)` or to their named keys (Tab, Enter, Escape,
/// Backspace); key codes map to arrows, Home/End, Page Up/Down, Delete, Back-Tab and F-keys.
/// `KEY_MOUSE` and `KEY_RESIZE` are not keys: the session resolves them (see `MouseDecoder`).
public enum KeyDecoder {
    /// The key for a character (a Unicode scalar value), or nil for an invalid scalar.
    ///
    /// 9 → Tab; 10 and 13 → Enter; 27 → Escape; 8 and 127 → Backspace; 1…26 → `.ctrl("a"…"z")`;
    /// 0 → `.ctrl("@")`; 28…31 → `.ctrl("\\")`, `.ctrl("]")`, `.ctrl("^")`, `.ctrl("_")`.
    public static func key(character value: UInt32) -> Key? {
        Key(terminalCharacter: value)
    }

    /// The key for a curses key code (`wgetch` > 0xFF), or nil for codes Unroll does not use.
    public static func key(keyCode code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME, KEY_A1: return .home
        case KEY_END, KEY_C1: return .end
        case KEY_PPAGE, KEY_A3: return .pageUp
        case KEY_NPAGE, KEY_C3: return .pageDown
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        case unroll_KEY_F(1)...unroll_KEY_F(63): return .function(Int(code - unroll_KEY_F(0)))
        default: return nil
        }
    }
}
