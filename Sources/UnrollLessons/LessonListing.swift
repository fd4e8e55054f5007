/// The text lines `unroll list` and `unroll progress` print.
public enum LessonListing {
    /// One line per lesson: `id  title  (N min, S steps)`, or `id  BROKEN: file:line:column: message`.
    public static func lines(_ library: LessonLibrary) -> [String] {
        let width = library.entries.map(\.id.count).max() ?? 0
        return library.entries.map { entry in
            let id = entry.id.padding(toLength: width, withPad: " ", startingAt: 0)
            guard let lesson = entry.lesson else {
                return "\(id)  BROKEN: \(entry.firstError?.description ?? "cannot be read")"
            }
            let minutes = formatCheckNumber(lesson.header.minutes)
            let steps = lesson.steps.count
            return "\(id)  \(lesson.title)  (\(minutes) min, \(steps) step\(steps == 1 ? "" : "s"))"
        }
    }

    /// One line per lesson with progress, then where to resume; lessons no longer shipped are listed by id.
    public static func progressLines(_ progress: StudyProgress, library: LessonLibrary?) -> [String] {
        var ids = library?.entries.map(\.id) ?? []
        for id in progress.lessons.keys.sorted() where !ids.contains(id) { ids.append(id) }
        let width = ids.map(\.count).max() ?? 0
        var out: [String] = []
        for id in ids {
            let lesson = library?.lesson(id: id)
            let total = lesson.map { "/\($0.steps.count)" } ?? ""
            let title = lesson?.title ?? (library?.entry(id: id) == nil ? "(no longer shipped)" : "(broken)")
            let padded = id.padding(toLength: width, withPad: " ", startingAt: 0)
            guard let p = progress.lessons[id] else {
                out.append("\(padded)  not started  \(title)")
                continue
            }
            var line = "\(padded)  " + (p.completed ? "completed" : "step \(p.stepReached)\(total)")
            if !p.answers.isEmpty { line += ", \(p.correctAnswers)/\(p.answers.count) answers right" }
            out.append(line + "  \(title)")
        }
        if let last = progress.lastLesson {
            let step = progress.lessons[last]?.currentStep ?? 1
            out.append("resume: \(last) at step \(step)")
        }
        return out
    }
}
