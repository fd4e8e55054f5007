import Testing
@testable import UnrollLessons

@Suite struct CheckLexerTests {
    @Test func splitsEveryKindOfToken() throws {
        let tokens = try CheckLexer.tokens("free.probs@6[\"Doug\"] <= 1e-3 * max(a_b, -.5) # note")
        let kinds = tokens.map(\.kind)
        #expect(kinds == [
            .identifier("free"), .symbol("."), .identifier("probs"), .symbol("@"), .number(6), .symbol("["), .string("Doug"),
            .symbol("]"), .symbol("<="), .number(0.001), .symbol("*"), .identifier("max"), .symbol("("), .identifier("a_b"),
            .symbol(","), .symbol("-"), .number(0.5), .symbol(")"), .end,
        ])
        #expect(tokens[2].range == 5..<10)
        #expect(tokens[6].range == 13..<19)
        #expect(tokens.last?.range == 44..<44)
    }

    @Test func readsQuotedTextWithEscapesAndUnicodeWords() throws {
        let tokens = try CheckLexer.tokens(#"'.' == "a\"b" and Über"#)
        #expect(tokens.map(\.kind) == [.string("."), .symbol("=="), .string("a\"b"), .identifier("and"), .identifier("Über"), .end])
    }

    static let errors: [(String, String, Range<Int>)] = [
        ("a = b", "use '=='", 2..<3),
        ("a && b", "use 'and'", 2..<4),
        ("a || b", "use 'or'", 2..<4),
        ("!a", "use 'not'", 0..<1),
        ("1e+", "exponent needs digits", 0..<3),
        ("3abc", "malformed number '3abc'", 0..<4),
        ("x == \"open", "unterminated text", 5..<6),
        ("x $ y", "unexpected character '$'", 2..<3),
    ]

    @Test(arguments: errors.indices)
    func refusesMalformedInputWithItsRange(_ k: Int) {
        let (text, fragment, range) = Self.errors[k]
        #expect {
            _ = try CheckLexer.tokens(text)
        } throws: { error in
            guard let e = error as? CheckError else { return false }
            return e.message.contains(fragment) && e.range == range
        }
    }
}
