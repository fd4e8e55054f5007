/// The start screen: what the tutor offers, and which entry is selected.
public struct StartState: Sendable, Equatable {
    /// One line of the start screen.
    public struct Entry: Sendable, Equatable {
        public enum Action: Sendable, Equatable {
            case lab(model: String, input: String)
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
    }

    public var entries: [Entry]
    public var selected: Int

    public init(entries: [Entry], selected: Int = 0) {
        self.entries = entries
        self.selected = min(selected, max(0, entries.count - 1))
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
        return out
    }
}
