/// An expression as written in a lesson: its text, where it starts, and its parse.
///
/// Checks and question answers are formulas; an error at scalar offset k of the text is reported at
/// `location.column + k` on the formula's line.
public struct Formula: Sendable, Equatable, CustomStringConvertible {
    public let text: String
    public let location: SourcePosition
    public let expression: CheckExpression

    /// Parses `text`, written at `location` of `file`; a syntax error comes back located.
    public static func parse(_ text: String, at location: SourcePosition, file: String) -> Result<Formula, Diagnostic> {
        do {
            return .success(Formula(text: text, location: location, expression: try CheckParser.parse(text)))
        } catch {
            return .failure(Diagnostic(file: file, location: location.advanced(by: error.range.lowerBound), message: error.message))
        }
    }

    /// The text between two scalar offsets, for messages.
    func slice(_ range: Range<Int>) -> String {
        let scalars = Array(text.unicodeScalars)
        let lower = max(0, min(range.lowerBound, scalars.count)), upper = max(lower, min(range.upperBound, scalars.count))
        return String(String.UnicodeScalarView(scalars[lower..<upper]))
    }

    /// A located diagnostic for an evaluation error.
    func diagnostic(_ error: CheckError, file: String) -> Diagnostic {
        Diagnostic(file: file, location: location.advanced(by: error.range.lowerBound), message: "\(error.message) (in '\(text)')")
    }

    public var description: String { text }
}
