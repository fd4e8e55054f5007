import UnrollTUI

/// The chrome every screen shares: the title bar, the status line and the hint bar generated from
/// the screen's key table (no title or hints in presenter mode).
public struct ScreenFrame: Sendable {
    /// The title bar's text, and a shorter one for when it does not fit.
    public var title: String
    public var shortTitle: String?
    /// The status line and its colour.
    public var line: String
    public var role: Role
    public var hints: [KeyHint]
    /// Whether the title and the hint bar are drawn.
    public var chrome: Bool

    /// The rows the frame takes for a size: the header (row 0), the status line and the hint bar (the last rows).
    public struct Areas: Equatable, Sendable {
        public var header: Rect, status: Rect, hints: Rect
        /// Between the header and the status line.
        public var body: Rect
    }

    public static func areas(width: Int, height: Int, presenter: Bool) -> Areas {
        let chrome = presenter ? 0 : 1
        let header = Rect(x: 0, y: 0, width: width, height: chrome)
        let hints = Rect(x: 0, y: height - chrome, width: width, height: chrome)
        let status = Rect(x: 0, y: height - chrome - 1, width: width, height: 1)
        return Areas(header: header, status: status, hints: hints, body: Rect(x: 0, y: chrome, width: width, height: max(0, status.y - chrome)))
    }

    /// The frame of a screen in `app`: the app's one-line status (a warning) wins over the screen's
    /// note, the note over the fallback; the go-to prompt wins over all while it is open.
    public init(app: AppState, table: KeyTable, title: String, shortTitle: String? = nil, note: String?, fallback: String = "",
                noteRole: Role = .accent, fallbackRole: Role = .text, chrome: Bool? = nil) {
        self.title = title
        self.shortTitle = shortTitle
        self.chrome = chrome ?? !app.presenter
        if case let .goTo(typed) = app.overlay, let range = app.screen.active.goToRange {
            line = "go to \(range.noun) \(typed)_  (\(range.range.lowerBound)…\(range.range.upperBound); Enter goes, Esc cancels)"
            role = .accent
        } else if let status = app.status {
            line = status
            role = .warning
        } else if let note {
            line = note
            role = noteRole
        } else {
            line = fallback
            role = fallbackRole
        }
        hints = table.entries.compactMap(\.hint)
    }

    public func render(into buffer: inout Buffer, glyphs: Glyphs) {
        let areas = ScreenFrame.areas(width: buffer.width, height: buffer.height, presenter: !chrome)
        if chrome {
            let text = shortTitle.map { title.count <= areas.header.width ? title : $0 } ?? title
            buffer.fill(areas.header, with: Cell(" ", style: Style(.title, reverse: true)))
            buffer.put(text, x: 0, y: areas.header.y, style: Style(.title, bold: true, reverse: true), maxWidth: areas.header.width)
        }
        if !line.isEmpty {
            buffer.put(line, x: 1, y: areas.status.y, style: Style(role), maxWidth: areas.status.width - 2)
        }
        if chrome {
            buffer.render(KeyTable.hintBar(hints, glyphs: glyphs), in: areas.hints, glyphs: glyphs)
        }
    }
}
