/// Recursive-descent parser for the check language (documented in `lessons/README.md`).
///
/// ```
/// expr       := or
/// or         := and ("or" and)*
/// and        := not ("and" not)*
/// not        := "not" not | comparison
/// comparison := sum (("<" | "<=" | ">" | ">=" | "==" | "!=") sum)?
/// sum        := product (("+" | "-") product)*
/// product    := unary (("*" | "/") unary)*
/// unary      := "-" unary | primary
/// primary    := NUMBER | TEXT | "(" expr ")" | NAME "(" args? ")" | quantity | WORD
/// quantity   := ("free" ".")? NAME ("@" step)? ("[" index "]")?
/// step       := INTEGER | "steps" | "(" expr ")"
/// index      := INTEGER | WORD | TEXT
/// ```
public enum CheckParser {
    /// Longer expressions are refused (they are not what a check is for, and bounding them bounds recursion).
    public static let maxLength = 400
    static let maxDepth = 40

    /// Parses one expression.
    public static func parse(_ text: String) throws(CheckError) -> CheckExpression {
        let length = text.unicodeScalars.count
        guard length <= maxLength else {
            throw CheckError("expression is too long (\(length) characters; at most \(maxLength))", at: 0..<1)
        }
        var parser = Parser(tokens: try CheckLexer.tokens(text))
        guard parser.peek.kind != .end else { throw CheckError("empty expression", at: 0..<max(1, length)) }
        let e = try parser.expression()
        guard parser.peek.kind == .end else {
            throw CheckError("unexpected '\(parser.peek.display)' after a complete expression", at: parser.peek.range)
        }
        return e
    }

    private struct Parser {
        let tokens: [CheckToken]
        var position = 0
        var depth = 0

        init(tokens: [CheckToken]) { self.tokens = tokens }

        var peek: CheckToken { tokens[min(position, tokens.count - 1)] }
        func peek(_ ahead: Int) -> CheckToken { tokens[min(position + ahead, tokens.count - 1)] }

        mutating func advance() -> CheckToken {
            let t = peek
            if position < tokens.count - 1 { position += 1 }
            return t
        }

        func isSymbol(_ s: String) -> Bool { peek.kind == .symbol(s) }
        func isKeyword(_ s: String) -> Bool { peek.kind == .identifier(s) }

        mutating func expect(_ s: String, _ what: String) throws(CheckError) -> CheckToken {
            guard isSymbol(s) else { throw CheckError("expected '\(s)' \(what), found \(peek.display)", at: peek.range) }
            return advance()
        }

        mutating func nested<T>(_ body: (inout Parser) throws(CheckError) -> T) throws(CheckError) -> T {
            depth += 1
            defer { depth -= 1 }
            guard depth <= CheckParser.maxDepth else { throw CheckError("expression is nested too deeply", at: peek.range) }
            return try body(&self)
        }

        mutating func expression() throws(CheckError) -> CheckExpression {
            try nested { (p: inout Parser) throws(CheckError) in try p.or() }
        }

        mutating func or() throws(CheckError) -> CheckExpression {
            var lhs = try and()
            while isKeyword("or") {
                _ = advance()
                let rhs = try and()
                lhs = CheckExpression(.binary(.or, lhs, rhs), range: lhs.range.lowerBound..<rhs.range.upperBound)
            }
            return lhs
        }

        mutating func and() throws(CheckError) -> CheckExpression {
            var lhs = try not()
            while isKeyword("and") {
                _ = advance()
                let rhs = try not()
                lhs = CheckExpression(.binary(.and, lhs, rhs), range: lhs.range.lowerBound..<rhs.range.upperBound)
            }
            return lhs
        }

        mutating func not() throws(CheckError) -> CheckExpression {
            if isKeyword("not") {
                let start = advance().range.lowerBound
                let operand = try nested { (p: inout Parser) throws(CheckError) in try p.not() }
                return CheckExpression(.not(operand), range: start..<operand.range.upperBound)
            }
            return try comparison()
        }

        mutating func comparison() throws(CheckError) -> CheckExpression {
            let lhs = try sum()
            guard case let .symbol(s) = peek.kind, let op = BinaryOperator(rawValue: s), op.isComparison else { return lhs }
            _ = advance()
            let rhs = try sum()
            if case let .symbol(s2) = peek.kind, let op2 = BinaryOperator(rawValue: s2), op2.isComparison {
                throw CheckError("comparisons do not chain: write 'a < b and b < c'", at: peek.range)
            }
            return CheckExpression(.binary(op, lhs, rhs), range: lhs.range.lowerBound..<rhs.range.upperBound)
        }

        mutating func sum() throws(CheckError) -> CheckExpression {
            var lhs = try product()
            while case let .symbol(s) = peek.kind, s == "+" || s == "-", let op = BinaryOperator(rawValue: s) {
                _ = advance()
                let rhs = try product()
                lhs = CheckExpression(.binary(op, lhs, rhs), range: lhs.range.lowerBound..<rhs.range.upperBound)
            }
            return lhs
        }

        mutating func product() throws(CheckError) -> CheckExpression {
            var lhs = try unary()
            while case let .symbol(s) = peek.kind, s == "*" || s == "/", let op = BinaryOperator(rawValue: s) {
                _ = advance()
                let rhs = try unary()
                lhs = CheckExpression(.binary(op, lhs, rhs), range: lhs.range.lowerBound..<rhs.range.upperBound)
            }
            return lhs
        }

        mutating func unary() throws(CheckError) -> CheckExpression {
            if isSymbol("-") {
                let start = advance().range.lowerBound
                let operand = try nested { (p: inout Parser) throws(CheckError) in try p.unary() }
                return CheckExpression(.negate(operand), range: start..<operand.range.upperBound)
            }
            return try primary()
        }

        mutating func primary() throws(CheckError) -> CheckExpression {
            let token = peek
            switch token.kind {
            case let .number(v):
                _ = advance()
                return CheckExpression(.number(v), range: token.range)
            case let .string(s):
                _ = advance()
                return CheckExpression(.word(s), range: token.range)
            case .symbol("("):
                _ = advance()
                let inner = try expression()
                let close = try expect(")", "to close the '(' at column \(token.range.lowerBound + 1)")
                return CheckExpression(inner.node, range: token.range.lowerBound..<close.range.upperBound)
            case let .identifier(name):
                if ["and", "or", "not"].contains(name) {
                    throw CheckError("expected a value before '\(name)'", at: token.range)
                }
                if peek(1).kind == .symbol("(") { return try call(name, token) }
                if name == "free", peek(1).kind == .symbol("."), case let .identifier(q) = peek(2).kind {
                    _ = advance()
                    _ = advance()
                    guard QuantityCatalog.spec(q) != nil else {
                        throw CheckError("'free.' goes before a quantity; '\(q)' is not one\(Suggestion.hint(for: q, in: QuantityCatalog.names))",
                                         at: peek.range)
                    }
                    return try quantity(free: true, start: token.range.lowerBound)
                }
                if QuantityCatalog.spec(name) != nil { return try quantity(free: false, start: token.range.lowerBound) }
                if peek(1).kind == .symbol("@") {
                    throw CheckError("unknown quantity '\(name)'\(Suggestion.hint(for: name, in: QuantityCatalog.names)) (quantities: \(QuantityCatalog.names.joined(separator: ", ")))",
                                     at: token.range)
                }
                _ = advance()
                return CheckExpression(.word(name), range: token.range)
            case .end:
                throw CheckError("the expression ends too early: expected a value", at: token.range.lowerBound..<(token.range.lowerBound + 1))
            case let .symbol(s):
                throw CheckError("expected a value, found '\(s)'", at: token.range)
            }
        }

        mutating func call(_ name: String, _ nameToken: CheckToken) throws(CheckError) -> CheckExpression {
            _ = advance()
            _ = advance()
            var arguments: [CheckExpression] = []
            if !isSymbol(")") {
                while true {
                    arguments.append(try expression())
                    if isSymbol(",") { _ = advance(); continue }
                    break
                }
            }
            let close = try expect(")", "to close the arguments of \(name)(")
            return CheckExpression(.call(name: name, arguments: arguments), range: nameToken.range.lowerBound..<close.range.upperBound)
        }

        mutating func quantity(free: Bool, start: Int) throws(CheckError) -> CheckExpression {
            let nameToken = advance()
            guard case let .identifier(name) = nameToken.kind, let spec = QuantityCatalog.spec(name) else {
                throw CheckError("expected a quantity", at: nameToken.range)
            }
            var end = nameToken.range.upperBound
            var step: CheckExpression? = nil
            if isSymbol("@") {
                let at = advance()
                guard spec.step != .none else { throw CheckError("'\(name)' takes no step (no @t)", at: at.range) }
                let t = peek
                switch t.kind {
                case let .number(v):
                    guard v == v.rounded(), v >= 0, v < 1e9 else { throw CheckError("a step is a whole number t ≥ 1", at: t.range) }
                    _ = advance()
                    step = CheckExpression(.number(v), range: t.range)
                case .identifier("steps"):
                    _ = advance()
                    step = CheckExpression(.quantity(QuantityReference(free: false, quantity: .steps, nameRange: t.range, step: nil, index: nil, indexRange: nil)),
                                           range: t.range)
                case .symbol("("):
                    _ = advance()
                    let inner = try expression()
                    let close = try expect(")", "to close the step expression")
                    step = CheckExpression(inner.node, range: t.range.lowerBound..<close.range.upperBound)
                default:
                    throw CheckError("expected a step after '@': a whole number, 'steps' or '(expression)'", at: t.range.isEmpty ? at.range : t.range)
                }
                end = step?.range.upperBound ?? end
            } else if spec.step == .required {
                throw CheckError("'\(name)' needs a step: \(name)@t (t = 1…steps)", at: nameToken.range)
            }
            var index: IndexReference? = nil
            var indexRange: Range<Int>? = nil
            if isSymbol("[") {
                let open = advance()
                guard spec.index != .none else { throw CheckError("'\(name)' takes no [index]", at: open.range) }
                let t = advance()
                switch t.kind {
                case let .number(v):
                    guard let whole = LessonInteger.from(v, in: 0...999_999_999) else { throw CheckError("an index is a whole number from 0", at: t.range) }
                    index = .number(whole)
                case let .identifier(w), let .string(w):
                    index = .word(w)
                default:
                    throw CheckError(spec.index == .unit ? "expected a unit number or hidden label in [ ]" : "expected a word or class number in [ ]",
                                     at: t.range.isEmpty ? open.range : t.range)
                }
                indexRange = t.range
                let close = try expect("]", "after the index")
                end = close.range.upperBound
            }
            let reference = QuantityReference(free: free, quantity: spec.quantity, nameRange: nameToken.range, step: step, index: index, indexRange: indexRange)
            return CheckExpression(.quantity(reference), range: start..<end)
        }
    }
}
