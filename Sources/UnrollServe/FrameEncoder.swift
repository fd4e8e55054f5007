import UnrollTUI

/// Draws buffers on a remote terminal with ANSI escapes: the first frame whole, then only the
/// cells that changed since the last frame sent (cursor moves and SGR), so a served session
/// costs what the local curses diff costs.
///
/// Colour follows the profile's palette (`AnsiEncoder.sgr`, the local theme); characters a
/// terminal would act on become blanks and, on an ASCII terminal, non-ASCII becomes `?`.
/// `enter` switches to the alternate screen, hides the cursor and asks for mouse presses (SGR
/// reports); `leave` undoes all of it, so the student's terminal is as it was.
public struct FrameEncoder: Sendable {
    public let profile: TerminalProfile
    /// The frame the terminal shows (nil before the first, or after `invalidate`).
    public private(set) var shown: Buffer?

    public init(profile: TerminalProfile) {
        self.profile = profile
    }

    /// Alternate screen, hidden cursor, mouse presses with SGR coordinates, a cleared screen.
    public static let enter: [UInt8] = Array("\u{1B}[?1049h\u{1B}[?25l\u{1B}[?1000h\u{1B}[?1006h\u{1B}[0m\u{1B}[H\u{1B}[2J".utf8)
    /// Mouse off, attributes reset, cursor shown, the normal screen back.
    public static let leave: [UInt8] = Array("\u{1B}[?1006l\u{1B}[?1000l\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l".utf8)

    /// Forgets what the terminal shows: the next frame is drawn whole.
    public mutating func invalidate() { shown = nil }

    /// The bytes that turn the shown frame into `buffer` (empty when nothing changed).
    public mutating func encode(_ buffer: Buffer) -> [UInt8] {
        let whole = shown.map { $0.width != buffer.width || $0.height != buffer.height } ?? true
        var out = ""
        if whole { out += "\u{1B}[0m\u{1B}[H\u{1B}[2J" }
        var style: Style? = nil
        var cursor: (x: Int, y: Int)? = nil
        for change in buffer.diff(from: whole ? nil : shown) {
            // A whole frame skips blanks in the default style: the clear drew them.
            if whole && change.cell == .blank { continue }
            if cursor.map({ $0.x != change.x || $0.y != change.y }) ?? true {
                out += "\u{1B}[\(change.y + 1);\(change.x + 1)H"
            }
            if change.cell.style != style {
                out += AnsiEncoder.sgr(change.cell.style, palette: profile.palette)
                style = change.cell.style
            }
            out.append(Self.displayCharacter(change.cell.character, unicode: profile.unicode))
            cursor = (change.x + 1, change.y)
        }
        if style != nil { out += "\u{1B}[0m" }
        shown = buffer
        return Array(out.utf8)
    }

    /// What to send for a cell's character: itself, a blank for a control, `?` for non-ASCII on an ASCII terminal.
    static func displayCharacter(_ character: Character, unicode: Bool) -> Character {
        if character.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x1B }) { return " " }
        if !unicode && !character.isASCII { return "?" }
        return character
    }
}
