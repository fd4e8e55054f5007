import Foundation
import Testing
import UnrollCore
@testable import UnrollLessons

/// Thousands of mutated lessons and expressions: the parser and the linter return a lesson or located
/// diagnostics, and never trap.
@Suite struct FuzzTests {
    static let fragments = [
        "```", "```scene", "```check", "```question", "~~~", "---", "...", "## ", "##", "# x", "- ", "- - - -", ": ", "[", "]", "{", "}",
        "@", "#", "\"", "'", "\t", "?", "*a", "&a [*a, *a]", "!!binary", "|", ">", "\r", "é", "🦆", "\u{0}", "\u{FEFF}",
        "cursor: 99999999999999999999", "minutes: 99999999999:59:59", "input: ? saw", "panels: [", "clamps: [forget=2@0]",
        "highlight: {gate: ", "plot: {kind: squash, n: [[[[", "answer: probs@6[", "range: [1e308, 1e309]", "choices: []",
        "probs@999999999999[Doug] < 1", "hidden@-1[0] > 0", "max() > 0", "1/0 > 0", "((((((((((", "free.free.x@1",
        "model: ../../etc/passwd", "model: /etc/passwd", "input: Doug Doug Doug Doug Doug Doug Doug", "targets: ~",
        "keys: [step, step]", "tolerance: -1", "explanation:", "prompt: |", "  indented: x", String(repeating: " ", count: 90) + "x",
        // Numbers outside Int's range (issue 10, finding 2), as plot parameters, cursors and check arguments.
        "plot: {kind: squash, n: 1e300}", "plot: {kind: toy_loop, steps: 1e19}", "plot: {kind: power, steps: 1e300}",
        "plot: {kind: race, delays: [-1e300]}", "plot: {kind: squash, from: 1e308, to: -1e308}", "plot: {kind: power, scale: 1e300}",
        "plot: {kind: accuracy, delays: [99999999999999999999, .nan, .inf]}", "cursor: 1e300", "cursor: -9223372036854775808",
        "minutes: 0.5", "minutes: 1e300", "range: [-1e308, 1e308]", "tolerance: 1e308", "toy_loop(none, 2, 1e19) > 0",
        "squash(tanh, 1e300, 1) > 0", "probs@(1e300)[Doug] < 1", "race_accuracy(rnn, 1e19) > 0", "grad(weight_hh_l0, -1e300, 0) > 0",
        "  - plot: {kind: squash, n: 1e300}", "n: 1e300", "steps: 1e19", "delays: [-1e300]",
    ]

    /// How many mutants: `UNROLL_FUZZ_COUNT` (for a long CI run), else 3000.
    static let count = ProcessInfo.processInfo.environment["UNROLL_FUZZ_COUNT"].flatMap { Int($0) }.map { max(1, $0) } ?? 3000

    /// Applies 1…4 random mutations to the lines of `text`.
    static func mutate(_ text: String, rng: inout SeededRandom) -> String {
        var lines = text.components(separatedBy: "\n")
        for _ in 0...rng.below(4) {
            guard !lines.isEmpty else { lines = [""]; continue }
            let k = rng.below(lines.count)
            switch rng.below(9) {
            case 0: lines.remove(at: k)
            case 1: lines.insert(lines[k], at: k)
            case 2: lines.swapAt(k, rng.below(lines.count))
            case 3:
                var scalars = Array(lines[k].unicodeScalars)
                let fragment = Array(fragments[rng.below(fragments.count)].unicodeScalars)
                scalars.insert(contentsOf: fragment, at: rng.below(scalars.count + 1))
                lines[k] = String(String.UnicodeScalarView(scalars))
            case 4: lines = Array(lines.prefix(k))
            case 5:
                // Break or retype a fence.
                if let f = lines.indices.filter({ lines[$0].hasPrefix("```") }).randomElement(using: &rng) {
                    lines[f] = ["``", "````", "```scene", "```check", "```question", "```yaml", ""][rng.below(7)]
                }
            case 6: lines.insert(fragments[rng.below(fragments.count)], at: rng.below(lines.count + 1))
            case 7:
                var scalars = Array(lines[k].unicodeScalars)
                if !scalars.isEmpty { scalars.removeSubrange(rng.below(scalars.count)..<scalars.count) }
                lines[k] = String(String.UnicodeScalarView(scalars))
            default:
                let random = (0..<rng.below(12)).map { _ in Unicode.Scalar(UInt8(32 + rng.below(95))) }
                lines[k] += String(String.UnicodeScalarView(random.map { $0 }))
            }
        }
        return lines.joined(separator: "\n")
    }

    @Test func mutatedLessonsNeverCrashAndEveryErrorIsLocated() throws {
        let example = try Fixtures.text("example.md")
        var rng = SeededRandom(seed: 20_240_607)
        let linter = Linter()
        var parsed = 0, broken = 0
        for iteration in 0..<Self.count {
            let text = Self.mutate(example, rng: &rng)
            let lineCount = SourceLines(text).count
            let result = LessonParser.parse(text, file: "fuzz.md")
            if result.lesson == nil {
                broken += 1
                #expect(!result.diagnostics.errors.isEmpty, "iteration \(iteration): no lesson and no error")
            } else {
                parsed += 1
            }
            for d in result.diagnostics {
                #expect(d.line >= 1 && d.column >= 1 && d.line <= lineCount + 1, "iteration \(iteration): \(d)")
            }
            // Lint a share of them: scenes, checks and questions on the core must not crash either.
            if iteration % 5 == 0 {
                for d in linter.lint(result, runner: Fixtures.runner, knownIDs: ["gate-lab", "dinner-cycle"]) {
                    #expect(d.line >= 1 && d.column >= 1 && d.line <= lineCount + 1, "iteration \(iteration): \(d)")
                }
            }
        }
        print("lesson fuzz: \(Self.count) mutants, \(parsed) parsed, \(broken) refused with located errors, 0 traps")
        #expect(parsed > Self.count / 30 && broken > Self.count / 30, "the mutations should produce both kinds (parsed \(parsed), broken \(broken))")
    }

    /// Scenes with a plot (and every plot kind) under mutation: the parameters a plot reads are
    /// range-checked, so parse, lint and the plot never trap.
    @Test func mutatedPlotScenesNeverCrash() throws {
        let kinds = ["squash", "toy_loop", "power", "race", "accuracy", "distance", "loss"]
        let parameters = ["n", "steps", "from", "to", "w", "scale", "delays", "function"]
        let numbers = ["1e300", "-1e300", "1e19", "-9223372036854775808", "9223372036854775807", "0", "-1", "2.5", ".nan", ".inf",
                       "[1e300]", "[-1, 61]", "[5, 15]", "5", "30", "tanh", "~", "{}", "[[[]]]"]
        var rng = SeededRandom(seed: 424_242)
        var refused = 0
        for iteration in 0..<max(1, Self.count / 3) {
            let kind = kinds[rng.below(kinds.count)]
            let items = (0..<rng.below(4)).map { _ in "\(parameters[rng.below(parameters.count)]): \(numbers[rng.below(numbers.count)])" }
            let yaml = "plot: {kind: \(kind)\(items.map { ", " + $0 }.joined())}"
            let result = LessonParser.parse(doc("## A\n```scene\npanels: [plot, text]\n\(yaml)\n```\n"), file: "p.md")
            if result.lesson == nil {
                refused += 1
                for d in result.diagnostics.errors { #expect(d.line == 11 && d.column >= 1, "iteration \(iteration): \(yaml): \(d)") }
            } else if let spec = result.lesson?.steps.first?.scene.plot {
                // Whatever parsed is within the documented range of every parameter its kind reads.
                for (key, rule) in PlotParameters.rules[kind] ?? [:] {
                    guard let value = spec.parameters[key] else { continue }
                    switch rule {
                    case let .integer(range): #expect(value.number.flatMap { LessonInteger.from($0, in: range) } != nil, "\(yaml)")
                    case let .number(range): #expect(value.number.map(range.contains) == true, "\(yaml)")
                    case let .integers(range, count):
                        let values = value.numbers ?? []
                        #expect(count.contains(values.count) && values.allSatisfy { LessonInteger.from($0, in: range) != nil }, "\(yaml)")
                    case let .choice(words): #expect(value.text.map(words.contains) == true, "\(yaml)")
                    }
                }
            }
        }
        print("plot-scene fuzz: \(max(1, Self.count / 3)) mutants, \(refused) refused with located errors, 0 traps")
        #expect(refused > 0)
    }

    @Test func randomExpressionsNeverCrashTheParserOrEvaluator() throws {
        let pieces = ["probs", "@", "6", "[", "]", "Doug", "(", ")", "<", "==", "!=", "and", "or", "not", "-", "+", "*", "/", "free", ".",
                      "hidden", "0", "1e-3", "\"", "'", ",", "max", "norm", "steps", "loss", "grad_norm", "forget", "x", " ", "#", "9999999999"]
        let r = try run(doc("## A\n```scene\ntargets: saw Spot . Doug saw Jane\nclamps: [forget=0@2]\n```\n"))
        let evaluator = CheckEvaluator(run: r)
        var rng = SeededRandom(seed: 7)
        var parsed = 0
        for _ in 0..<5000 {
            let text = (0..<(1 + rng.below(12))).map { _ in pieces[rng.below(pieces.count)] }.joined()
            switch Formula.parse(text, at: SourcePosition(line: 3, column: 4), file: "f.md") {
            case let .failure(d):
                #expect(d.line == 3 && d.column >= 4 && d.column <= 4 + text.unicodeScalars.count, "\(text): \(d)")
            case let .success(f):
                parsed += 1
                if case let .invalid(e) = evaluator.check(f) {
                    #expect(e.range.lowerBound >= 0 && e.range.lowerBound <= text.unicodeScalars.count, "\(text): \(e)")
                }
            }
        }
        #expect(parsed > 200)
    }

    @Test func pathologicalYAMLIsRefusedNotRecursedInto() {
        let deep = doc("## A\n```scene\nplot: " + String(repeating: "[", count: 5000) + "\n```\n")
        #expect(firstError(deep)?.message.contains("nested too deeply") == true)
        let dashes = doc("## A\n```scene\nclamps: " + String(repeating: "- ", count: 2000) + "x\n```\n")
        #expect(firstError(dashes) != nil)
        let laughs = doc("## A\n```scene\nplot:\n  kind: squash\n  a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n  d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n  e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n```\n")
        #expect(firstError(laughs)?.message.contains("too large") == true)
        let sexagesimal = doc("## A\n```scene\ncursor: 99999999999:59:59\n```\n")
        #expect(firstError(sexagesimal)?.message.contains("whole number") == true)
    }
}
