/// Whitespace-separated tokens as the author wrote them (`input`, `targets`), each located.
///
/// Keeping every token's position lets "token not in the vocabulary" point at the very token.
public struct TokenList: Sendable, Equatable {
    public var tokens: [Located<String>]
    /// Where the value starts.
    public var location: SourcePosition

    public init(tokens: [Located<String>], location: SourcePosition) {
        self.tokens = tokens
        self.location = location
    }

    /// Tokens split from `text`, the first scalar of which is at `location`.
    public init(text: String, at location: SourcePosition, exactColumns: Bool = true) {
        var tokens: [Located<String>] = []
        var current = String.UnicodeScalarView()
        var start = 0
        var column = 0
        var sawNewline = false
        func flush() {
            if !current.isEmpty {
                let at = sawNewline || !exactColumns ? location : location.advanced(by: start)
                tokens.append(Located(String(current), at: at))
                current = String.UnicodeScalarView()
            }
        }
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                flush()
                if scalar == "\n" { sawNewline = true }
            } else {
                if current.isEmpty { start = column }
                current.append(scalar)
            }
            column += 1
        }
        flush()
        self.tokens = tokens
        self.location = location
    }

    /// The tokens joined by single spaces, as `RecurrentModel.parseInput` reads them.
    public var text: String { tokens.map(\.value).joined(separator: " ") }

    public var count: Int { tokens.count }
}
