import UnrollLessons
import UnrollTUI

/// The teacher's view of a poll: how many answered, a bar per choice (or a histogram of the
/// numbers typed), and the key that reveals; drawn over the lower right of the lesson.
enum PollPanel {
    /// The bins of a numeric poll's histogram.
    static let bins = 8

    /// The panel's lines for a poll: a header, then one line per choice or bin.
    static func lines(_ poll: Poll, students: Int, revealKey: Key, barWidth: Int, glyphs: Glyphs) -> [String] {
        let answers = Array(poll.answers.values)
        var out = ["answered \(answers.count) of \(students) · \(revealKey.name) reveals"]
        let counts: [(label: String, count: Int)]
        switch poll.question.kind {
        case let .choices(choices):
            counts = choices.indices.map { k in
                ("\(k + 1) \(choices[k])", answers.filter { $0 == .choice(k) }.count)
            }
        case let .range(low, high):
            counts = histogram(answers.compactMap { if case let .number(x) = $0 { return x } else { return nil } },
                               low: low, high: high)
        }
        let most = max(1, counts.map(\.count).max() ?? 1)
        let labelWidth = min(18, counts.map(\.label.count).max() ?? 1)
        let full = glyphs.blocks.last ?? "#"
        for (label, count) in counts {
            let bar = String(repeating: full, count: count * barWidth / most)
            let padded = label.count > labelWidth ? String(label.prefix(labelWidth - 1)) + "…" : label.padding(labelWidth)
            out.append("\(padded) \(bar) \(count)")
        }
        return out
    }

    /// Counts per bin of `[low, high]` (numbers outside go to the end bins), labelled by their lower edge.
    static func histogram(_ xs: [Double], low: Double, high: Double) -> [(label: String, count: Int)] {
        let span = high > low ? high - low : 1
        var counts = Array(repeating: 0, count: bins)
        for x in xs where x.isFinite {
            let k = Int(((x - low) / span * Double(bins)).rounded(.down))
            counts[min(bins - 1, max(0, k))] += 1
        }
        return (0..<bins).map { k in ("≥" + formatCheckNumber(low + span * Double(k) / Double(bins)), counts[k]) }
    }

    static func render(_ poll: Poll, students: Int, revealKey: Key, into buffer: inout Buffer, glyphs: Glyphs) {
        let width = min(46, buffer.width / 2)
        let body = lines(poll, students: students, revealKey: revealKey, barWidth: max(4, width - 28), glyphs: glyphs)
        let height = body.count + 2
        guard width >= 20, buffer.height >= height + 4 else { return }
        // Above the lesson's question block (which sits at the bottom), below the narration.
        let area = Rect(x: buffer.width - width, y: max(1, buffer.height - 10 - height), width: width, height: height)
        buffer.fill(area)
        let block = Block(title: "the class answers", focused: true)
        block.render(into: &buffer, area: area, glyphs: glyphs)
        let inner = block.inner(area)
        for (k, line) in body.enumerated() where k < inner.height {
            buffer.put(line, x: inner.x, y: inner.y + k, style: Style(k == 0 ? .title : .text, bold: k == 0), maxWidth: inner.width)
        }
    }
}

extension String {
    /// The string padded with spaces to `width` characters.
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
