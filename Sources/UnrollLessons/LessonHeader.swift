/// A lesson's front matter: what the start screen lists and what every step's scene starts from.
public struct LessonHeader: Sendable, Equatable {
    /// The lesson id: `id:` or the file name without `.md`.
    public var id: String
    public var title: String
    public var summary: String
    /// About how long the lesson takes: a whole number of minutes, `HeaderParser.minutesRange`.
    public var minutes: Double
    /// The model every scene uses unless it names another.
    public var model: Located<String>
    /// The default input sequence.
    public var input: TokenList
    /// The default targets (optional).
    public var targets: TokenList?
    /// The lesson to take next, by id.
    public var next: Located<String>?
    /// Lessons to take first, by id.
    public var requires: [Located<String>]
    /// `draft: true`: the curriculum rules are not enforced (lint warns instead).
    public var draft: Located<Bool>?

    public var isDraft: Bool { draft?.value ?? false }

    /// The scene the first step inherits.
    public var baseScene: Scene {
        Scene(model: model, input: input, targets: targets)
    }
}

/// Reads the YAML front matter.
enum HeaderParser {
    static let keys = ["id", "title", "summary", "minutes", "model", "input", "targets", "next", "requires", "draft"]
    static let required = ["title", "summary", "minutes", "model", "input"]
    /// The whole numbers `minutes` may be.
    static let minutesRange = 1...600

    /// Reads the header; `complete` is false when the header's YAML was missing or broken (then its
    /// missing keys are not reported again).
    static func parse(_ node: YAMLNode?, defaultID: String, opening: SourcePosition, file: String, complete: Bool = true) -> (LessonHeader, [Diagnostic]) {
        var reader = YAMLReader(file: file, what: "header")
        var header = LessonHeader(id: defaultID, title: "", summary: "", minutes: 0, model: Located("", at: opening),
                                  input: TokenList(tokens: [], location: opening), targets: nil, next: nil, requires: [], draft: nil)
        let entries = reader.entries(node, known: keys, at: opening)
        var isMapping = true
        if let node, !node.isNull, case .mapping = node {} else if let node, !node.isNull { isMapping = false }
        for name in required where complete && isMapping && !entries.contains(where: { $0.key == name }) {
            reader.error("the header needs '\(name)'", at: opening)
        }
        for entry in entries {
            switch entry.key {
            case "id":
                if let id = reader.text(entry) {
                    if LessonParser.isValidID(id.value) { header.id = id.value } else {
                        reader.error("'id' may use letters, digits, '-', '_' and '.' only", at: id.location)
                    }
                }
            case "title":
                if let t = reader.text(entry) { header.title = t.value.trimmed }
            case "summary":
                if let s = reader.text(entry) { header.summary = s.value.trimmed }
            case "minutes":
                if let m = reader.integer(entry, in: minutesRange) { header.minutes = Double(m.value) }
            case "model":
                if let m = reader.text(entry) { header.model = Located(m.value.trimmed, at: m.location) }
            case "input":
                if let tokens = reader.tokens(entry) { header.input = tokens }
            case "targets":
                if !entry.value.isNull, let tokens = reader.tokens(entry) { header.targets = tokens }
            case "next":
                if let n = reader.text(entry, allowNull: true) { header.next = Located(n.value.trimmed, at: n.location) }
            case "requires":
                header.requires = (reader.textList(entry) ?? []).map { Located($0.value.trimmed, at: $0.location) }
            case "draft":
                header.draft = reader.bool(entry)
            default:
                break
            }
        }
        return (header, reader.diagnostics)
    }
}
