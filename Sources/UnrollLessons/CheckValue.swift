import Foundation

/// A value in the check language: a number, a word, a vector (an unindexed quantity) or true/false.
public enum CheckValue: Sendable, Equatable, CustomStringConvertible {
    case number(Double)
    case word(String)
    case vector([Double])
    case bool(Bool)

    /// "a number", "a word", …, for type errors.
    public var kindName: String {
        switch self {
        case .number: return "a number"
        case .word: return "a word"
        case let .vector(v): return "a vector of \(v.count) values"
        case .bool: return "true or false"
        }
    }

    /// The value as messages show it: numbers to 4 significant digits, vectors shortened.
    public var description: String {
        switch self {
        case let .number(v): return formatCheckNumber(v)
        case let .word(w): return w
        case let .vector(v):
            let shown = v.prefix(8).map(formatCheckNumber).joined(separator: ", ")
            return "[" + shown + (v.count > 8 ? ", …]" : "]")
        case let .bool(b): return b ? "true" : "false"
        }
    }
}

/// A number for messages: whole numbers plainly, others to 4 significant digits (`0.2134`, `1.2e-05`).
public func formatCheckNumber(_ v: Double) -> String {
    if v.isNaN { return "nan" }
    if v.isInfinite { return v > 0 ? "inf" : "-inf" }
    if v == v.rounded(), abs(v) < 1e15 { return String(Int(v)) }
    return String(format: "%.4g", v)
}
