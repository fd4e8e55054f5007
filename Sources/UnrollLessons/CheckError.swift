/// Why an expression could not be read or evaluated, with the scalar offsets it is about.
public struct CheckError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// 0-based scalar offsets in the expression's text.
    public var range: Range<Int>

    public init(_ message: String, at range: Range<Int>) {
        self.message = message
        self.range = range
    }

    public var description: String { message }
}
