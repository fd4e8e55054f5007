/// Presenter notes in a step's narration: text between `<!-- notes` and `-->`, shown only to the
/// presenter (`--notes`, or the teacher's screen when serving a class). Other HTML comments are
/// the author's own and shown to nobody.
///
/// ```markdown
/// The belt carries c forward.
/// <!-- notes
/// Ask the room what happens if f = 0 before pressing c.
/// -->
/// ```
public enum PresenterNotes {
    /// The narration lines without any comment, the notes' text, and the line (0-based, within
    /// `lines`) of a comment left open, if any.
    public static func split(_ lines: [String]) -> (narration: [String], notes: [String], unclosed: Int?) {
        var narration: [String] = [], notes: [String] = []
        var inside: (start: Int, notes: Bool)?
        for (k, line) in lines.enumerated() {
            var rest = Substring(line)
            var kept = ""
            let touched = inside != nil || line.contains("<!--")
            while !rest.isEmpty {
                if let open = inside {
                    if let end = rest.range(of: "-->") {
                        if open.notes { append(rest[..<end.lowerBound], to: &notes) }
                        rest = rest[end.upperBound...]
                        inside = nil
                    } else {
                        if open.notes { append(rest, to: &notes) }
                        rest = ""
                    }
                } else if let start = rest.range(of: "<!--") {
                    kept += rest[..<start.lowerBound]
                    rest = rest[start.upperBound...].drop { $0 == " " }
                    let isNotes = rest.hasPrefix("notes")
                    if isNotes { rest = rest.dropFirst(5) }
                    inside = (k, isNotes)
                } else {
                    kept += rest
                    rest = ""
                }
            }
            // A line that was only a comment leaves no blank line behind.
            if !(touched && kept.trimmingSpaces.isEmpty) { narration.append(kept) }
        }
        return (narration, notes, inside?.start)
    }

    private static func append(_ text: Substring, to notes: inout [String]) {
        let t = String(text).trimmingSpaces
        if !t.isEmpty { notes.append(t) }
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
