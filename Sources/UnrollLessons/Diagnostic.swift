/// A 1-based line and column in a lesson file; columns count Unicode scalars, as Yams does.
public struct SourcePosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    /// A location, clamped so that line and column are at least 1.
    public init(line: Int, column: Int) {
        self.line = max(1, line)
        self.column = max(1, column)
    }

    /// The start of a file.
    public static let start = SourcePosition(line: 1, column: 1)

    /// The location `offset` scalars further along the same line.
    public func advanced(by offset: Int) -> SourcePosition { SourcePosition(line: line, column: column + offset) }

    public static func < (a: SourcePosition, b: SourcePosition) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// One problem found in a lesson, located in its file: `file:line:column: message`.
///
/// Parse errors, scene errors, failing checks and lint rules are all diagnostics, so the tutor,
/// `unroll lint` and an editor jump to the same place.
public struct Diagnostic: Error, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// An error breaks the lesson (lint exits 1); a warning is only reported.
    public enum Severity: String, Sendable, Hashable {
        case error, warning
    }

    public var file: String
    public var location: SourcePosition
    public var message: String
    public var severity: Severity

    public var line: Int { location.line }
    public var column: Int { location.column }

    public init(file: String, location: SourcePosition, message: String, severity: Severity = .error) {
        self.file = file
        self.location = location
        self.message = message
        self.severity = severity
    }

    public init(file: String, line: Int, column: Int, message: String, severity: Severity = .error) {
        self.init(file: file, location: SourcePosition(line: line, column: column), message: message, severity: severity)
    }

    /// `file:line:column: message`, with `warning: ` before the message of a warning.
    public var description: String {
        let prefix = severity == .warning ? "warning: " : ""
        return "\(file):\(location.line):\(location.column): \(prefix)\(message)"
    }

    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.file, a.location.line, a.location.column, a.message) < (b.file, b.location.line, b.location.column, b.message)
    }
}

extension Array where Element == Diagnostic {
    /// Sorted by file and position; diagnostics at the same place keep their order.
    public func sortedByPosition() -> [Diagnostic] {
        enumerated().sorted { a, b in
            (a.element.file, a.element.line, a.element.column, a.offset) < (b.element.file, b.element.line, b.element.column, b.offset)
        }.map(\.element)
    }

    /// The errors (not the warnings).
    public var errors: [Diagnostic] { filter { $0.severity == .error } }
    /// The warnings.
    public var warnings: [Diagnostic] { filter { $0.severity == .warning } }
}
