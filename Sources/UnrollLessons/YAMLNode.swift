import Yams

/// A YAML value as a lesson reads it, every part located in the lesson file.
///
/// Yams composes the tree (and finds the syntax errors); this copy keeps only what lessons use, with
/// positions already translated from the fenced block to the `.md` file, and interprets scalars itself
/// (Yams' integer constructor can trap on overflowing sexagesimal numbers such as `99999999999:59:59`).
indirect enum YAMLNode: Sendable {
    case scalar(YAMLScalar)
    case sequence([YAMLNode], SourcePosition)
    case mapping([YAMLEntry], SourcePosition)

    var location: SourcePosition {
        switch self {
        case let .scalar(s): return s.location
        case let .sequence(_, at), let .mapping(_, at): return at
        }
    }

    /// "a text", "a list" or "a mapping", for messages.
    var kindName: String {
        switch self {
        case let .scalar(s): return s.isNull ? "empty" : "a text"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }

    /// Whether this is an empty scalar, `~` or `null`.
    var isNull: Bool {
        if case let .scalar(s) = self { return s.isNull }
        return false
    }
}

/// A YAML scalar: its text, how it was written, and where.
struct YAMLScalar: Sendable {
    enum Style: Sendable { case plain, quoted, block }
    let text: String
    let style: Style
    let location: SourcePosition

    /// An unquoted empty value, `~` or `null`.
    var isNull: Bool { style == .plain && ["", "~", "null", "Null", "NULL"].contains(text) }

    /// Where the text itself starts (after an opening quote).
    var contentLocation: SourcePosition { style == .quoted ? location.advanced(by: 1) : location }

    /// The text as a number, when it is one and finite (`1e-3`, `-2`, `.5`).
    var number: Double? {
        guard style != .block else { return nil }
        let t = text.trimmed
        guard !t.isEmpty, t.count <= 64, let v = Double(t), v.isFinite else { return nil }
        return v
    }

    /// `true` / `false` (any capitalisation), unquoted.
    var bool: Bool? {
        guard style == .plain else { return nil }
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default: return nil
        }
    }
}

/// One key and value of a YAML mapping.
struct YAMLEntry: Sendable {
    let key: String
    let keyLocation: SourcePosition
    let value: YAMLNode
}

/// Composes the YAML of a header or fenced block and translates its positions to the lesson file.
enum YAMLBlock {
    /// The deepest nesting a lesson's YAML may have (lessons need about 3); deeper input is refused
    /// before it reaches the recursive composer.
    static let maxDepth = 32
    /// The most nodes one block may expand to (aliases can multiply a tree).
    static let maxNodes = 20_000

    /// Parses `text`, whose first line is line `firstLine` of `file`; nil node for an empty block.
    static func parse(_ text: String, firstLine: Int, file: String, what: String) -> (node: YAMLNode?, diagnostics: [Diagnostic]) {
        func located(_ mark: Mark) -> SourcePosition { SourcePosition(line: firstLine + mark.line - 1, column: mark.column) }
        if let tooDeep = nestingProblem(text, firstLine: firstLine) {
            return (nil, [Diagnostic(file: file, location: tooDeep, message: "\(what) is nested too deeply")])
        }
        let root: Node?
        do {
            // The basic resolver: scalars are typed here (YAMLScalar), not by Yams' default resolver,
            // whose regular expressions bring in ICU: 1 MB of resident memory on the start screen.
            root = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            let (location, message) = describe(error, text: text, firstLine: firstLine)
            return (nil, [Diagnostic(file: file, location: location, message: "invalid YAML in \(what): \(message)")])
        } catch {
            return (nil, [Diagnostic(file: file, line: firstLine, column: 1, message: "invalid YAML in \(what): \(error)")])
        }
        guard let root else { return (nil, []) }
        var budget = maxNodes
        var overflow: SourcePosition? = nil
        func convert(_ node: Node, depth: Int) -> YAMLNode {
            let at = node.mark.map(located) ?? SourcePosition(line: firstLine, column: 1)
            budget -= 1
            if budget < 0 || depth > maxDepth {
                if overflow == nil { overflow = at }
                return .scalar(YAMLScalar(text: "", style: .plain, location: at))
            }
            switch node {
            case let .scalar(s):
                let style: YAMLScalar.Style
                switch s.style {
                case .singleQuoted, .doubleQuoted: style = .quoted
                case .literal, .folded: style = .block
                default: style = .plain
                }
                return .scalar(YAMLScalar(text: s.string, style: style, location: at))
            case let .sequence(seq):
                var items: [YAMLNode] = []
                for item in seq where budget >= 0 { items.append(convert(item, depth: depth + 1)) }
                return .sequence(items, at)
            case let .mapping(map):
                var entries: [YAMLEntry] = []
                for (key, value) in map where budget >= 0 {
                    let keyAt = key.mark.map(located) ?? at
                    let name = key.scalar?.string ?? "<\(key.sequence != nil ? "list" : "mapping") key>"
                    entries.append(YAMLEntry(key: name, keyLocation: keyAt, value: convert(value, depth: depth + 1)))
                }
                return .mapping(entries, at)
            case .alias:
                return .scalar(YAMLScalar(text: "", style: .plain, location: at))
            }
        }
        let converted = convert(root, depth: 0)
        if let overflow {
            return (nil, [Diagnostic(file: file, location: overflow, message: "\(what) is too large or nested too deeply")])
        }
        return (converted, [])
    }

    /// Where the text nests deeper than `maxDepth` (flow brackets, indentation or compact `- ` items), if it does.
    static func nestingProblem(_ text: String, firstLine: Int) -> SourcePosition? {
        var flow = 0
        for (k, line) in SourceLines(text).lines.enumerated() {
            let indent = line.leadingSpaces
            if indent > 2 * maxDepth { return SourcePosition(line: firstLine + k, column: 1) }
            var indicators = 0
            var leading = true
            var column = 0
            for scalar in line.unicodeScalars {
                column += 1
                if leading {
                    if scalar == "-" || scalar == "?" { indicators += 1; continue }
                    if scalar == " " { continue }
                    leading = false
                }
                if scalar == "[" || scalar == "{" { flow += 1 }
                if scalar == "]" || scalar == "}" { flow = max(0, flow - 1) }
                if flow > maxDepth { return SourcePosition(line: firstLine + k, column: column) }
            }
            if indicators > maxDepth { return SourcePosition(line: firstLine + k, column: 1) }
        }
        return nil
    }

    /// A Yams error as a location in the lesson file and a one-line message.
    static func describe(_ error: YamlError, text: String, firstLine: Int) -> (SourcePosition, String) {
        func located(_ mark: Mark) -> SourcePosition { SourcePosition(line: firstLine + mark.line - 1, column: mark.column) }
        func withContext(_ problem: String, _ context: YamlError.Context?) -> String {
            guard let context, !context.text.isEmpty else { return problem }
            return "\(problem) (\(context.text) at line \(firstLine + context.mark.line - 1))"
        }
        switch error {
        case let .scanner(context, problem, mark, _),
             let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            return (located(mark), withContext(problem, context))
        case let .reader(problem, offset, _, _):
            var line = 1, column = 1
            if let offset {
                for (k, ch) in text.enumerated() {
                    if k >= offset { break }
                    if ch == "\n" { line += 1; column = 1 } else { column += ch.unicodeScalars.count }
                }
            }
            return (SourcePosition(line: firstLine + line - 1, column: column), problem)
        case let .duplicatedKeysInMapping(duplicates, context):
            return (located(context.mark), "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", "))")
        default:
            return (SourcePosition(line: firstLine, column: 1), "\(error)")
        }
    }
}
