import UnrollTUI

/// Draws the start screen: what Unroll is, the entries, and how to move.
public enum StartView {
    public static func render(_ start: StartState, state: AppState, into buffer: inout Buffer, glyphs: Glyphs) {
        let area = buffer.area
        let intro = "See an RNN, an LSTM and a GRU think, step by step. Every number is computed live. Pick a lesson or a lab:"
        let introArea = Rect(x: 2, y: 2, width: area.width - 4, height: 2)
        buffer.render(WrappedText(intro), in: introArea, glyphs: glyphs)
        let listTop = 5
        // The selected entry's whole line (the list cuts summaries at the screen's edge), above the hints.
        let detailHeight = area.height >= 20 ? 2 : 0
        let listHeight = max(0, area.height - listTop - 3 - (detailHeight > 0 ? detailHeight + 1 : 0))
        let first = max(0, min(start.selected - listHeight + 1, start.entries.count - listHeight))
        for (row, index) in (first..<min(start.entries.count, first + listHeight)).enumerated() {
            let entry = start.entries[index]
            let selected = index == start.selected
            let y = listTop + row
            let style = Style(selected ? .selection : .text, bold: selected)
            if selected { buffer.fill(Rect(x: 1, y: y, width: area.width - 2, height: 1), with: Cell(" ", style: style)) }
            let marker = selected ? "\(glyphs.arrowRight) " : "  "
            // Lessons carry their number in the title; the labs get theirs here.
            let numbered = entry.title.first?.isNumber == true ? entry.title : start.number(at: index).map { "\($0). \(entry.title)" } ?? entry.title
            var x = buffer.put(marker + numbered, x: 2, y: y, style: style, maxWidth: min(44, area.width - 4))
            x = max(x + 2, 48)
            let broken: Bool
            if case .unavailable = entry.action { broken = true } else { broken = false }
            buffer.put(entry.detail, x: x, y: y, style: Style(selected ? .selection : (broken ? .warning : .muted)), maxWidth: max(0, area.width - x - 2))
        }
        // Entries past the window (the labs, below thirteen lessons at 80×24) are announced, not hidden.
        let below = start.entries.count - (first + listHeight)
        if listHeight > 0, below > 0 {
            let labs = start.entries[(first + listHeight)...].contains { $0.title.first?.isNumber != true }
            buffer.put("\(below) more below\(labs ? " (the labs)" : "")", x: 4, y: listTop + listHeight,
                       style: Style(.muted), maxWidth: max(0, area.width - 6))
        }
        if listHeight > 0, first > 0 {
            buffer.put("\(first) more above", x: 4, y: listTop - 1, style: Style(.muted), maxWidth: max(0, area.width - 6))
        }
        if detailHeight > 0, start.selected < start.entries.count {
            let entry = start.entries[start.selected]
            let detailArea = Rect(x: 4, y: listTop + listHeight + 1, width: max(0, area.width - 6), height: detailHeight)
            buffer.render(WrappedText(entry.detail, style: Style(.text)), in: detailArea, glyphs: glyphs)
        }
        if state.loadingLessons {
            buffer.put("reading the lessons…", x: 2, y: area.height - 3, style: Style(.muted), maxWidth: area.width - 4)
        }
        if start.entries.isEmpty && !state.loadingLessons {
            buffer.put("No lessons or models found (check the folder given with --lessons or UNROLL_LESSONS).", x: 2, y: listTop, style: Style(.warning), maxWidth: area.width - 4)
        }
        // The start screen keeps its chrome in presenter mode: it is the way in.
        ScreenFrame(app: state, table: GlobalKeys.merged(start.keyMap(state).entries), title: " Unroll · a terminal tutor for recurrent neural networks",
                    note: nil, chrome: true).render(into: &buffer, glyphs: glyphs)
    }
}
