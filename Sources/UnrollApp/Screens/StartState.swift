import UnrollLessons

/// The start screen: what the tutor offers, and which entry is selected.
public struct StartState: Sendable, Equatable {
    /// One line of the start screen.
    public struct Entry: Sendable, Equatable {
        public enum Action: Sendable, Equatable {
            case lab(model: String, input: String)
            /// A lesson by id, opened at a 1-based step.
            case lesson(id: String, step: Int)
            /// The vanishing-gradient screen on the standard seeded RNN.
            case vanishing
            /// The BPTT screen on a model (path or shipped name) and input.
            case bptt(model: String, input: String)
            /// The memory race (starts at once).
            case race
            /// Unavailable (e.g. a broken lesson): why.
            case unavailable(String)
        }
        public var title: String
        public var detail: String
        public var action: Action

        public init(title: String, detail: String, action: Action) {
            self.title = title
            self.detail = detail
            self.action = action
        }

        /// The "resume where you left off" entry (it has no number of its own).
        public var isResume: Bool { title.hasPrefix("Resume: ") }
    }

    public var entries: [Entry]
    public var selected: Int
    /// The first digit of an entry number being typed (`1` then `2` opens entry 12), if any.
    public var pendingDigit: Int?

    public init(entries: [Entry], selected: Int = 0) {
        self.entries = entries
        self.selected = min(selected, max(0, entries.count - 1))
    }

    /// The number shown before entry `index` and typed to reach it: every entry but "resume", in order
    /// (the lessons first, so lesson k is number k).
    public func number(at index: Int) -> Int? {
        guard index >= 0, index < entries.count, !entries[index].isResume else { return nil }
        return entries[...index].filter { !$0.isResume }.count
    }

    /// The entry with number `n`, if any.
    public func index(ofNumber n: Int) -> Int? {
        entries.indices.first { number(at: $0) == n }
    }

    /// A digit typed on the start screen: selects entry `d`, or `10·p + d` right after digit p
    /// when that entry exists (so `1`, `2` reaches entry 12 and `1`, `0` entry 10).
    public mutating func type(digit d: Int) {
        let largest = entries.filter { !$0.isResume }.count
        if let p = pendingDigit, let k = index(ofNumber: p * 10 + d) {
            selected = k
            pendingDigit = nil
            return
        }
        if let k = index(ofNumber: d) { selected = k }
        pendingDigit = d >= 1 && d * 10 <= largest ? d : nil
    }

    /// The title of the entry that opens lesson `id`, if the list has one.
    public func lessonTitle(id: String) -> String? {
        entries.first { if case let .lesson(eid, _) = $0.action { eid == id } else { false } }?.title
    }

    /// Selects the entry that opens lesson `id` (the start screen then points at it); no change if absent.
    public mutating func select(lesson id: String) {
        if let k = entries.firstIndex(where: { if case let .lesson(eid, _) = $0.action { eid == id } else { false } }) { selected = k }
    }

    /// The default entries: the labs on the shipped models.
    public static func labs(shipped: [String]) -> [Entry] {
        var out: [Entry] = []
        func add(_ name: String, _ title: String, _ detail: String, _ input: String) {
            if shipped.contains(name) { out.append(Entry(title: title, detail: detail, action: .lab(model: name, input: input))) }
        }
        add("dinner-voting", "Lab: the dinner cycle", "Rohrer's voting RNN, pizza → sushi → waffles", "pizza sushi waffles pizza ? ? ? sushi")
        add("book-lstm", "Lab: the children's book (LSTM)", "gates and memory on \"Jane saw Spot. Doug saw …\"", "Jane saw Spot . Doug saw Jane .")
        add("book-rnn", "Lab: the children's book (plain RNN)", "the short memory that writes \"Doug saw Doug.\"", "Doug saw Jane . Spot saw")
        add("book-gru", "Lab: the children's book (GRU)", "update and reset gates on the same story", "Jane saw Spot . Doug saw Jane .")
        return out + gradientLab(shipped: shipped)
    }

    /// The gradient lab's entries: vanishing gradients, BPTT (on a shipped book model), the memory race.
    public static func gradientLab(shipped: [String]) -> [Entry] {
        var out = [Entry(title: "Vanishing and exploding gradients", detail: "σ composed n times, powers of W, eigenvalues, gradient vs distance",
                         action: .vanishing)]
        if let model = BPTTState.defaultModels.first(where: shipped.contains) {
            out.append(Entry(title: "BPTT: where the learning signal comes from", detail: "per-step loss, ∂L/∂h flowing back, each step's share of a weight",
                             action: .bptt(model: model, input: "Jane saw Spot . Doug saw Jane .")))
        }
        out.append(Entry(title: "The memory race: RNN vs LSTM vs GRU", detail: "who still recalls a symbol after N distractors? trained live",
                         action: .race))
        return out
    }

    /// The lessons in order, each with its progress (✓ done, ◐ step reached), broken ones marked
    /// with their first error; first a "resume" entry when the student has been here before.
    public static func lessons(_ library: LessonLibrary, progress: StudyProgress, unicode: Bool = true) -> [Entry] {
        var out: [Entry] = []
        if let last = progress.lastLesson, let entry = library.entry(id: last), let lesson = entry.lesson,
           let p = progress.lessons[last], !p.completed {
            // The saved step is validated on load; a lesson may since have fewer steps.
            let step = min(max(1, p.currentStep), max(1, lesson.steps.count))
            out.append(Entry(title: "Resume: \(lesson.title)", detail: "step \(step) of \(lesson.steps.count)",
                             action: .lesson(id: last, step: step)))
        }
        for (k, entry) in library.entries.enumerated() {
            guard let lesson = entry.lesson else {
                out.append(Entry(title: "\(k + 1). \(entry.title) (broken)", detail: entry.firstError?.description ?? "cannot be read",
                                 action: .unavailable(entry.firstError?.description ?? "this lesson cannot be read")))
                continue
            }
            let minutes = LessonInteger.from(lesson.header.minutes, in: Int.min...Int.max).map(String.init) ?? formatCheckNumber(lesson.header.minutes)
            var mark = ""
            if let p = progress.lessons[lesson.id] {
                if p.completed { mark = unicode ? "  ✓ done" : "  done" }
                else if p.stepReached > 0 { mark = (unicode ? "  ◐ " : "  ") + "\(p.stepReached)/\(lesson.steps.count)" }
            }
            out.append(Entry(title: "\(k + 1). \(lesson.title)", detail: "\(minutes) min\(mark) · \(lesson.header.summary)",
                             action: .lesson(id: lesson.id, step: 1)))
        }
        return out
    }
}
