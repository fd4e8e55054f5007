/// Reads typed values out of located YAML, collecting a located diagnostic for every mistake.
struct YAMLReader {
    let file: String
    /// What is being read, for messages: "header", "scene", "question".
    let what: String
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String, what: String) {
        self.file = file
        self.what = what
    }

    mutating func error(_ message: String, at location: SourcePosition) {
        diagnostics.append(Diagnostic(file: file, location: location, message: message))
    }

    mutating func warning(_ message: String, at location: SourcePosition) {
        diagnostics.append(Diagnostic(file: file, location: location, message: message, severity: .warning))
    }

    /// The entries of a mapping (an empty block is an empty mapping); unknown keys are reported at the key.
    mutating func entries(_ node: YAMLNode?, known: [String], at fallback: SourcePosition) -> [YAMLEntry] {
        guard let node, !node.isNull else { return [] }
        guard case let .mapping(entries, _) = node else {
            error("the \(what) should be a YAML mapping of keys (\(known.joined(separator: ", "))), not \(node.kindName)",
                  at: node.location)
            return []
        }
        var kept: [YAMLEntry] = []
        for entry in entries {
            if known.contains(entry.key) {
                kept.append(entry)
            } else {
                error("unknown \(what) key '\(entry.key)'\(Suggestion.hint(for: entry.key, in: known)) (known: \(known.joined(separator: ", ")))",
                      at: entry.keyLocation)
            }
        }
        return kept
    }

    /// A scalar as text; nil (and an error) for a list or mapping, nil for null when `allowNull`.
    mutating func text(_ entry: YAMLEntry, allowNull: Bool = false, allowEmpty: Bool = false) -> Located<String>? {
        switch entry.value {
        case let .scalar(s):
            if s.isNull {
                if !allowNull { error("'\(entry.key)' needs a value", at: s.location) }
                return nil
            }
            if !allowEmpty && s.text.trimmed.isEmpty {
                error("'\(entry.key)' is empty", at: s.location)
                return nil
            }
            return Located(s.text, at: s.contentLocation)
        default:
            error("'\(entry.key)' should be a text, not \(entry.value.kindName)", at: entry.value.location)
            return nil
        }
    }

    /// A finite number.
    mutating func number(_ entry: YAMLEntry) -> Located<Double>? {
        guard case let .scalar(s) = entry.value, let v = s.number else {
            error("'\(entry.key)' should be a number\(describeFound(entry.value))", at: entry.value.location)
            return nil
        }
        return Located(v, at: s.location)
    }

    /// A whole number within `range` (checked before it becomes an `Int`); the message names the range.
    mutating func integer(_ entry: YAMLEntry, in range: ClosedRange<Int>) -> Located<Int>? {
        guard case let .scalar(s) = entry.value, let v = s.number, let n = LessonInteger.from(v, in: range) else {
            error("'\(entry.key)' should be \(LessonInteger.phrase(range))\(describeFound(entry.value))", at: entry.value.location)
            return nil
        }
        return Located(n, at: s.location)
    }

    /// A finite number within `range`; the message names the range.
    mutating func number(_ entry: YAMLEntry, in range: ClosedRange<Double>) -> Located<Double>? {
        guard case let .scalar(s) = entry.value, let v = s.number, range.contains(v) else {
            error("'\(entry.key)' should be a number from \(formatCheckNumber(range.lowerBound)) to \(formatCheckNumber(range.upperBound))\(describeFound(entry.value))",
                  at: entry.value.location)
            return nil
        }
        return Located(v, at: s.location)
    }

    /// `true` or `false`.
    mutating func bool(_ entry: YAMLEntry) -> Located<Bool>? {
        guard case let .scalar(s) = entry.value, let v = s.bool else {
            error("'\(entry.key)' should be true or false\(describeFound(entry.value))", at: entry.value.location)
            return nil
        }
        return Located(v, at: s.location)
    }

    /// A list of texts; a single text is a list of one; null is an empty list.
    mutating func textList(_ entry: YAMLEntry) -> [Located<String>]? {
        switch entry.value {
        case let .scalar(s):
            if s.isNull { return [] }
            return [Located(s.text, at: s.contentLocation)]
        case let .sequence(items, _):
            var out: [Located<String>] = []
            for item in items {
                guard case let .scalar(s) = item, !s.isNull else {
                    error("each item of '\(entry.key)' should be a text, not \(item.kindName)", at: item.location)
                    continue
                }
                out.append(Located(s.text, at: s.contentLocation))
            }
            return out
        case .mapping:
            error("'\(entry.key)' should be a list, not a mapping", at: entry.value.location)
            return nil
        }
    }

    /// Tokens: a text split on whitespace, or a list of tokens.
    mutating func tokens(_ entry: YAMLEntry) -> TokenList? {
        let list: TokenList
        switch entry.value {
        case let .scalar(s):
            list = TokenList(text: s.text, at: s.contentLocation, exactColumns: s.style != .block)
        case let .sequence(items, at):
            var tokens: [Located<String>] = []
            for item in items {
                guard case let .scalar(s) = item, !s.isNull else {
                    error("each item of '\(entry.key)' should be a token, not \(item.kindName)", at: item.location)
                    continue
                }
                tokens += TokenList(text: s.text, at: s.contentLocation, exactColumns: s.style != .block).tokens
            }
            list = TokenList(tokens: tokens, location: at)
        case .mapping:
            error("'\(entry.key)' should be tokens separated by spaces, not a mapping", at: entry.value.location)
            return nil
        }
        guard !list.tokens.isEmpty else {
            error("'\(entry.key)' has no tokens", at: entry.value.location)
            return nil
        }
        return list
    }

    private func describeFound(_ node: YAMLNode) -> String {
        if case let .scalar(s) = node, !s.isNull { return ", not '\(s.text.prefix(40))'" }
        return ", not \(node.kindName)"
    }
}
