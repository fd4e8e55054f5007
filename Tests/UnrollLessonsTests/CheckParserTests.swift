import Testing
@testable import UnrollLessons

@Suite struct CheckParserTests {
    /// A compact rendering of the tree: operators in prefix form.
    func render(_ e: CheckExpression) -> String {
        switch e.node {
        case let .number(v): return formatCheckNumber(v)
        case let .word(w): return "'\(w)'"
        case let .quantity(q):
            var s = (q.free ? "free." : "") + q.name
            if let step = q.step { s += "@" + render(step) }
            if let i = q.index { s += "[\(i)]" }
            return s
        case let .call(name, args): return name + "(" + args.map(render).joined(separator: ",") + ")"
        case let .negate(x): return "(neg \(render(x)))"
        case let .not(x): return "(not \(render(x)))"
        case let .binary(op, a, b): return "(\(op.rawValue) \(render(a)) \(render(b)))"
        }
    }

    static let cases: [(String, String)] = [
        ("predicted@5 == saw", "(== predicted@5 'saw')"),
        ("probs@6[Doug] < 0.05", "(< probs@6[Doug] 0.05)"),
        ("forget@3[saw] < 0.1", "(< forget@3[saw] 0.1)"),
        ("loss < 1.2", "(< loss 1.2)"),
        ("grad_norm@1 < 1e-3 * grad_norm@20", "(< grad_norm@1 (* 0.001 grad_norm@20))"),
        ("free.predicted@3 != \".\"", "(!= free.predicted@3 '.')"),
        ("a or b and not c", "(or 'a' (and 'b' (not 'c')))"),
        ("1 - 2 - 3", "(- (- 1 2) 3)"),
        ("-x * (1 + 2) / 4", "(/ (* (neg 'x') (+ 1 2)) 4)"),
        ("norm(hidden@3) > max(1, 2, abs(-3))", "(> norm(hidden@3) max(1,2,abs((neg 3))))"),
        ("hidden@0[2] == 0", "(== hidden@0[2] 0)"),
        ("hidden@steps[not_doug] > 0", "(> hidden@steps[not_doug] 0)"),
        ("loss@(steps - 1) > 0", "(> loss@(- steps 1) 0)"),
        ("spectral_radius() < 1", "(< spectral_radius() 1)"),
        ("race_accuracy(lstm, 10) >= 0.9", "(>= race_accuracy('lstm',10) 0.9)"),
        ("cell@2[\"unit 3\"] > 0", "(> cell@2[unit 3] 0)"),
        ("free == 1", "(== 'free' 1)"),
    ]

    @Test(arguments: cases)
    func parsesTheGrammar(_ c: (String, String)) throws {
        #expect(render(try CheckParser.parse(c.0)) == c.1)
    }

    @Test func nodesCarryTheirRanges() throws {
        let e = try CheckParser.parse("probs@6[Doug] < 0.05")
        #expect(e.range == 0..<20)
        guard case let .binary(_, lhs, rhs) = e.node, case let .quantity(q) = lhs.node else { Issue.record("shape"); return }
        #expect(lhs.range == 0..<13)
        #expect(q.nameRange == 0..<5)
        #expect(q.indexRange == 8..<12)
        #expect(rhs.range == 16..<20)
    }

    static let errors: [(String, String, Int)] = [
        ("", "empty expression", 0),
        ("predicted == saw", "'predicted' needs a step", 0),
        ("steps@3 > 1", "'steps' takes no step", 5),
        ("predicted@5[0] == saw", "'predicted' takes no [index]", 11),
        ("probs@ > 1", "expected a step after '@'", 7),
        ("probs@2.5[x] > 1", "whole number", 6),
        ("probs@6[] > 1", "expected a word or class number", 8),
        ("hidden@6[+] > 1", "expected a unit number", 9),
        ("probs@6[Doug > 1", "expected ']'", 13),
        ("(1 + 2", "expected ')'", 6),
        ("max(1, 2", "expected ')'", 8),
        ("1 < 2 < 3", "do not chain", 6),
        ("1 2", "unexpected '2'", 2),
        ("and 1", "expected a value before 'and'", 0),
        ("1 + * 2", "expected a value, found '*'", 4),
        ("bogus@3 > 1", "unknown quantity 'bogus'", 0),
        ("free.bogus > 1", "'free.' goes before a quantity", 5),
        ("probs@6[Doug] <", "ends too early", 15),
        (String(repeating: "(", count: 60) + "1" + String(repeating: ")", count: 60), "nested too deeply", 40),
        (String(repeating: "- ", count: 60) + "1", "nested too deeply", 80),
        (String(repeating: "1+", count: 250) + "1", "too long", 0),
    ]

    @Test(arguments: errors.indices)
    func reportsErrorsAtTheirColumn(_ k: Int) {
        let (text, fragment, offset) = Self.errors[k]
        do {
            _ = try CheckParser.parse(text)
            Issue.record("'\(text)' should not parse")
        } catch {
            #expect(error.message.contains(fragment), "\(text): \(error.message)")
            #expect(error.range.lowerBound == offset, "\(text): \(error.range)")
        }
    }
}
