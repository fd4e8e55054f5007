/// A token of the check language, with its scalar offsets in the expression.
struct CheckToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case number(Double)
        /// A quoted text: `"."`, `'Doug'`.
        case string(String)
        /// A bare word, quantity, function or keyword name.
        case identifier(String)
        /// Punctuation and operators: `@ [ ] ( ) , . < <= > >= == != + - * /`.
        case symbol(String)
        case end
    }

    let kind: Kind
    let range: Range<Int>

    /// The token as the author wrote it, for messages.
    var display: String {
        switch kind {
        case let .number(v): return formatCheckNumber(v)
        case let .string(s): return "\"\(s)\""
        case let .identifier(s), let .symbol(s): return s
        case .end: return "the end"
        }
    }
}

/// Splits a check expression into tokens; `#` starts a comment that runs to the end.
enum CheckLexer {
    static func tokens(_ text: String) throws(CheckError) -> [CheckToken] {
        let s = Array(text.unicodeScalars)
        var out: [CheckToken] = []
        var k = 0
        var lastEnd = 0
        func isIdentifierStart(_ c: Unicode.Scalar) -> Bool { c == "_" || c.properties.isAlphabetic }
        func isIdentifierPart(_ c: Unicode.Scalar) -> Bool { c == "_" || c.properties.isAlphabetic || ("0"..."9").contains(c) }
        func isDigit(_ k: Int) -> Bool { k < s.count && ("0"..."9").contains(s[k]) }
        while k < s.count {
            if let last = out.last { lastEnd = last.range.upperBound }
            let c = s[k]
            if c.properties.isWhitespace { k += 1; continue }
            if c == "#" { break }
            let start = k
            if isDigit(k) || (c == "." && isDigit(k + 1)) {
                while isDigit(k) { k += 1 }
                if k < s.count && s[k] == "." { k += 1; while isDigit(k) { k += 1 } }
                if k < s.count && (s[k] == "e" || s[k] == "E") {
                    var j = k + 1
                    if j < s.count && (s[j] == "+" || s[j] == "-") { j += 1 }
                    guard isDigit(j) else { throw CheckError("malformed number: the exponent needs digits (e.g. 1e-3)", at: start..<min(j, s.count)) }
                    k = j
                    while isDigit(k) { k += 1 }
                }
                if k < s.count && isIdentifierStart(s[k]) {
                    var j = k
                    while j < s.count && isIdentifierPart(s[j]) { j += 1 }
                    throw CheckError("malformed number '\(String(String.UnicodeScalarView(s[start..<j])))'", at: start..<j)
                }
                let literal = String(String.UnicodeScalarView(s[start..<k]))
                guard let v = Double(literal), v.isFinite else { throw CheckError("malformed number '\(literal)'", at: start..<k) }
                out.append(CheckToken(kind: .number(v), range: start..<k))
                continue
            }
            if isIdentifierStart(c) {
                while k < s.count && isIdentifierPart(s[k]) { k += 1 }
                out.append(CheckToken(kind: .identifier(String(String.UnicodeScalarView(s[start..<k]))), range: start..<k))
                continue
            }
            if c == "\"" || c == "'" {
                var value = String.UnicodeScalarView()
                k += 1
                var closed = false
                while k < s.count {
                    if s[k] == "\\" && k + 1 < s.count { value.append(s[k + 1]); k += 2; continue }
                    if s[k] == c { closed = true; k += 1; break }
                    value.append(s[k])
                    k += 1
                }
                guard closed else { throw CheckError("unterminated text: add the closing \(c)", at: start..<(start + 1)) }
                out.append(CheckToken(kind: .string(String(value)), range: start..<k))
                continue
            }
            let two = k + 1 < s.count ? String(String.UnicodeScalarView([c, s[k + 1]])) : ""
            switch two {
            case "<=", ">=", "==", "!=":
                out.append(CheckToken(kind: .symbol(two), range: k..<(k + 2)))
                k += 2
                continue
            case "&&": throw CheckError("use 'and' instead of '&&'", at: k..<(k + 2))
            case "||": throw CheckError("use 'or' instead of '||'", at: k..<(k + 2))
            default: break
            }
            switch c {
            case "@", "[", "]", "(", ")", ",", ".", "<", ">", "+", "-", "*", "/":
                out.append(CheckToken(kind: .symbol(String(c)), range: k..<(k + 1)))
                k += 1
            case "=": throw CheckError("use '==' to compare", at: k..<(k + 1))
            case "!": throw CheckError("use 'not' instead of '!'", at: k..<(k + 1))
            default:
                throw CheckError("unexpected character '\(c)'", at: k..<(k + 1))
            }
        }
        // The end sits right after the last token, so "ends too early" points where a value is missing.
        let end = out.last?.range.upperBound ?? lastEnd
        out.append(CheckToken(kind: .end, range: end..<end))
        return out
    }
}
