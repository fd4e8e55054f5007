/// What one parameter of a standard plot may be: the parser refuses anything else, at the value.
public enum PlotParameterRule: Sendable, Equatable {
    /// A whole number in a range.
    case integer(ClosedRange<Int>)
    /// A finite number in a range.
    case number(ClosedRange<Double>)
    /// A list of whole numbers, each in a range, with a bounded length.
    case integers(ClosedRange<Int>, count: ClosedRange<Int>)
    /// One of some words.
    case choice([String])
}

/// The numeric (and named) parameters the standard plot kinds read, with their allowed ranges.
///
/// The ranges bound the work a plot does (a lesson cannot ask for 10¹⁹ loop steps or a thousand
/// training runs); `lessons/README.md` documents them. Other keys of `plot` pass through unchecked.
public enum PlotParameters {
    /// Per standard kind with parameters, the rule of each parameter it reads (from `PlotKind`).
    public static let rules: [String: [String: PlotParameterRule]] = Dictionary(
        uniqueKeysWithValues: PlotKind.allCases.filter { !$0.parameters.isEmpty }.map { ($0.rawValue, $0.parameters) })

    /// Checks the parameters of a `kind` plot as written (`entries` without `kind`), reporting each mistake at its value.
    static func check(kind: String, entries: [YAMLEntry], reader: inout YAMLReader) {
        guard let rules = rules[kind] else { return }
        var numbers: [String: Double] = [:]
        for entry in entries {
            guard let rule = rules[entry.key] else { continue }
            switch rule {
            case let .integer(range):
                if let n = reader.integer(entry, in: range) { numbers[entry.key] = Double(n.value) }
            case let .number(range):
                if let v = reader.number(entry, in: range) { numbers[entry.key] = v.value }
            case let .integers(range, count):
                guard case let .sequence(items, at) = entry.value else {
                    reader.error("'\(entry.key)' should be a list of whole numbers \(LessonInteger.describe(range)), not \(entry.value.kindName)",
                                 at: entry.value.location)
                    continue
                }
                if !count.contains(items.count) {
                    reader.error("'\(entry.key)' should list \(LessonInteger.describe(count)) numbers, not \(items.count)", at: at)
                }
                for item in items {
                    guard case let .scalar(s) = item, s.style == .plain, let v = s.number, LessonInteger.from(v, in: range) != nil else {
                        reader.error("each item of '\(entry.key)' should be a whole number \(LessonInteger.describe(range))\(found(item))",
                                     at: item.location)
                        continue
                    }
                }
            case let .choice(words):
                guard let word = reader.text(entry) else { continue }
                if !words.contains(word.value) {
                    reader.error("'\(entry.key)' should be one of \(words.joined(separator: ", "))\(Suggestion.hint(for: word.value, in: words)), not '\(word.value.prefix(40))'",
                                 at: word.location)
                }
            }
        }
        if let from = numbers["from"], let to = numbers["to"], from >= to,
           let toEntry = entries.first(where: { $0.key == "to" }) {
            reader.error("'to' should be more than 'from' (\(formatCheckNumber(from)))", at: toEntry.value.location)
        }
    }

    private static func found(_ node: YAMLNode) -> String {
        if case let .scalar(s) = node, !s.isNull { return ", not '\(s.text.prefix(40))'" }
        return ", not \(node.kindName)"
    }
}

extension PlotSpec {
    /// Parameter `name` as a whole number in its kind's range (clamped), or `fallback` when it is absent or not a number.
    ///
    /// The parser has already refused out-of-range values in lesson files; this keeps a spec built any
    /// other way from trapping (`Int(1e300)`) or asking for unbounded work.
    public func integer(_ name: String, default fallback: Int) -> Int {
        guard let v = parameters[name]?.number else { return fallback }
        guard case let .integer(range)? = PlotParameters.rules[kind.value]?[name] else { return LessonInteger.clamped(v, to: 0...10_000, fallback: fallback) }
        return LessonInteger.clamped(v, to: range, fallback: fallback)
    }

    /// Parameter `name` as a number clamped to its kind's range, or `fallback` when absent or not a number.
    public func number(_ name: String, default fallback: Double) -> Double {
        guard let v = parameters[name]?.number else { return fallback }
        guard case let .number(range)? = PlotParameters.rules[kind.value]?[name] else { return v }
        return min(max(v, range.lowerBound), range.upperBound)
    }

    /// Parameter `name` as whole numbers clamped to its kind's range, at most its kind's count; `fallback` when absent.
    public func integers(_ name: String, default fallback: [Int]) -> [Int] {
        guard let values = parameters[name]?.numbers, !values.isEmpty else { return fallback }
        guard case let .integers(range, count)? = PlotParameters.rules[kind.value]?[name] else {
            return values.prefix(16).map { LessonInteger.clamped($0, to: 0...10_000, fallback: 0) }
        }
        return values.prefix(count.upperBound).map { LessonInteger.clamped($0, to: range, fallback: range.lowerBound) }
    }
}
