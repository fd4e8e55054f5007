import UnrollTUI

/// The class's marks on a frame: a badge at the right of the header (who you are, whether you
/// follow, the key to change it) and a one-line message on the status line.
enum ClassBadge {
    /// Draws `text` at the right end of row 0, over the title bar.
    static func render(_ text: String, into buffer: inout Buffer) {
        guard buffer.height > 0, buffer.width > 0 else { return }
        let shown = String(text.prefix(buffer.width))
        buffer.put(shown, x: buffer.width - shown.count, y: 0, style: Style(.accent, bold: true, reverse: true))
    }

    /// Replaces the status line (the row above the hint bar) with a message.
    static func status(_ text: String, into buffer: inout Buffer) {
        guard buffer.height >= 2 else { return }
        let y = buffer.height - 2
        buffer.fill(Rect(x: 0, y: y, width: buffer.width, height: 1))
        buffer.put(text, x: 0, y: y, style: Style(.warning, bold: true), maxWidth: buffer.width)
    }
}
