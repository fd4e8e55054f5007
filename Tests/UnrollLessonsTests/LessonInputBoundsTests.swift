import Foundation
import Testing
import UnrollCore
@testable import UnrollLessons

/// Regression tests for the lesson findings of the hardening round (issue 10: 2, 5, 18).
@Suite struct LessonInputBoundsTests {
    // MARK: Finding 2: every number read from a lesson is range-checked before it becomes an Int

    @Test func lessonIntegerNeverTrapsForAnyDouble() {
        let hostile: [Double] = [1e300, -1e300, 1e19, -1e19, .infinity, -.infinity, .nan, 9.223372036854775807e18,
                                 -9.223372036854775808e18, 0.5, -0.0, Double.greatestFiniteMagnitude, Double.leastNonzeroMagnitude]
        for v in hostile {
            #expect(LessonInteger.from(v, in: 1...30) == nil, "\(v)")
            let c = LessonInteger.clamped(v, to: 1...30, fallback: 5)
            #expect((1...30).contains(c), "\(v) → \(c)")
        }
        #expect(LessonInteger.from(-9.223372036854775808e18, in: Int.min...Int.max) == Int.min)
        #expect(LessonInteger.from(9.223372036854775808e18, in: Int.min...Int.max) == nil, "2^63 is past Int.max")
        #expect(LessonInteger.from(30, in: 1...30) == 30)
        #expect(LessonInteger.from(31, in: 1...30) == nil)
        #expect(LessonInteger.clamped(.nan, to: 1...30, fallback: 5) == 5)
        #expect(LessonInteger.clamped(1e300, to: 1...30, fallback: 5) == 30)
        #expect(LessonInteger.clamped(-1e300, to: 1...30, fallback: 5) == 1)
    }

    /// The four plot parameters that trapped, and their neighbours: a located error naming the key and the range.
    static let hugePlotParameters: [(yaml: String, column: Int, fragment: String)] = [
        ("plot: {kind: squash, n: 1e300}", 25, "'n' should be a whole number 1–30, not '1e300'"),
        ("plot: {kind: squash, n: 0}", 25, "'n' should be a whole number 1–30"),
        ("plot: {kind: squash, n: 2.5}", 25, "'n' should be a whole number 1–30"),
        ("plot: {kind: squash, from: -1e300}", 28, "'from' should be a number from -100 to 100"),
        ("plot: {kind: squash, from: 2, to: 1}", 35, "'to' should be more than 'from'"),
        ("plot: {kind: squash, function: sigmoidd}", 32, "'function' should be one of sigmoid, tanh, relu (did you mean 'sigmoid'?)"),
        ("plot: {kind: toy_loop, steps: 1e19}", 31, "'steps' should be a whole number 2–200, not '1e19'"),
        ("plot: {kind: toy_loop, w: 1e300}", 27, "'w' should be a number from -100 to 100"),
        ("plot: {kind: power, steps: 1e300}", 28, "'steps' should be a whole number 2–500"),
        ("plot: {kind: power, scale: 1e300}", 28, "'scale' should be a number from 0.05 to 4"),
        ("plot: {kind: race, delays: [-1e300]}", 29, "each item of 'delays' should be a whole number 0–60, not '-1e300'"),
        ("plot: {kind: race, delays: [5, .nan]}", 32, "each item of 'delays' should be a whole number 0–60"),
        ("plot: {kind: race, delays: 5}", 28, "'delays' should be a list of whole numbers 0–60"),
        ("plot: {kind: race, delays: [1, 2, 3, 4, 5, 6, 7]}", 28, "'delays' should list 1–6 numbers, not 7"),
        ("plot: {kind: accuracy, delays: [99999999999999999999]}", 33, "each item of 'delays' should be a whole number 0–60"),
        ("cursor: 1e300", 9, "'cursor' should be a whole number"),
        ("cursor: 99999999999999999999", 9, "'cursor' should be a whole number"),
        ("cursor: 2000000", 9, "'cursor' is a 1-based step: 1–1000000"),
    ]

    @Test(arguments: hugePlotParameters)
    func outOfRangePlotParametersAreLocatedErrorsNotTraps(_ c: (yaml: String, column: Int, fragment: String)) throws {
        let result = parse(doc("## A\n```scene\npanels: [plot, text]\n\(c.yaml)\n```\n"))
        #expect(result.lesson == nil, "the lesson is refused")
        let error = try #require(result.diagnostics.errors.first)
        #expect(error.line == 11 && error.column == c.column, "\(error)")
        #expect(error.message.contains(c.fragment), "\(error.message)")
    }

    @Test func inRangePlotParametersStillParse() throws {
        let l = try lesson(doc("## A\n```scene\npanels: [plot, text]\nplot: {kind: toy_loop, function: none, w: 2, steps: 100}\n```\n"
                               + "## B\n```scene\nplot: {kind: race, delays: [0, 60], colour: red}\n```\n"))
        #expect(l.steps[0].scene.plot?.integer("steps", default: 30) == 100)
        #expect(l.steps[1].scene.plot?.integers("delays", default: []) == [0, 60])
        #expect(l.steps[1].scene.plot?.parameters["colour"] == .text("red"), "other keys pass through unchanged")
    }

    @Test func plotAccessorsClampSpecsBuiltOutsideTheParser() {
        let spec = PlotSpec(kind: Located("squash", at: .start), parameters: [
            "n": .number(1e300), "from": .number(-1e300), "delays": .list([.number(-1e300)]),
        ])
        #expect(spec.integer("n", default: 5) == 30)
        #expect(spec.number("from", default: -6) == -100)
        #expect(spec.integer("missing", default: 7) == 7)
        let race = PlotSpec(kind: Located("race", at: .start), parameters: ["delays": .list(Array(repeating: .number(1e19), count: 50))])
        #expect(race.integers("delays", default: [5]) == Array(repeating: 60, count: 6), "at most 6 delays, each at most 60")
    }

    @Test func checkFunctionIntegersAreBoundedBeforeConversion() throws {
        let r = try run(doc("## A\n```scene\ntargets: saw Spot . Doug saw Jane\n```\n"))
        let evaluator = CheckEvaluator(run: r)
        for text in ["toy_loop(none, 2, 1e19) > 0", "toy_loop(none, 2, 1e300) > 0", "squash(tanh, 1e300, 1) > 0", "race_accuracy(rnn, -1e300) > 0",
                     "probs@(1e300)[Doug] > 0", "probs@(-1e19)[Doug] > 0", "grad(weight_hh_l0, 1e300, 0) > 0", "toy_loop(none, 2, 20000) > 0"] {
            let formula = try Formula.parse(text, at: .start, file: "t.md").get()
            guard case .invalid = evaluator.check(formula) else { Issue.record("\(text) should be refused"); continue }
        }
    }

    // MARK: Finding 5: parsing is linear

    /// A lesson of just under 1 MiB: a 100,000-line fenced block (the reported case), a long check block and many steps.
    static func megabyteLesson() -> String {
        var text = doc("## Start\n```scene\ntargets: saw Spot . Doug saw Jane\n```\n")
        text += "```text\n"
        for k in 0..<100_000 { text += "x\(k)\n" }
        text += "```\n"
        text += "```check\n"
        for _ in 0..<2_000 { text += "steps == 6\n" }
        text += "```\n"
        var step = 0
        while text.utf8.count < LessonParser.maxBytes - 2_000 {
            step += 1
            text += "## Step \(step)\n\nSome narration for step \(step), long enough to look like a real paragraph of a lesson.\n\n"
        }
        return text
    }

    @Test func aMegabyteLessonParsesAndLintsInLinearTime() throws {
        let text = Self.megabyteLesson()
        #expect(text.utf8.count > 1_000_000 && text.utf8.count <= LessonParser.maxBytes)
        let clock = ContinuousClock()
        var result: LessonParseResult? = nil
        let parseTime = clock.measure { result = LessonParser.parse(text, file: "big.md") }
        let parsed = try #require(result?.lesson, "\(result?.diagnostics.prefix(3) ?? [])")
        #expect(parsed.steps[0].checks.count == 2_000)
        #expect(parsed.steps[0].narration.contains("x99999"))
        var diagnostics: [Diagnostic] = []
        let lintTime = clock.measure {
            diagnostics = Linter(options: .init(curriculum: nil)).lint(LessonParseResult(lesson: parsed, diagnostics: []), runner: Fixtures.runner)
        }
        #expect(diagnostics.errors.isEmpty, "\(diagnostics.prefix(3))")
        print("1 MiB lesson (\(text.utf8.count) bytes): parse \(parseTime), lint \(lintTime)")
        // A generous bound for a debug build on a shared machine (the quadratic parser took minutes).
        #expect(parseTime < .seconds(5), "parse took \(parseTime)")
        #expect(lintTime < .seconds(5), "lint took \(lintTime)")
    }

    // MARK: Finding 18: minutes and the header's model

    @Test(arguments: ["0.5", "7.5", "0", "601", "1e300", "-1"])
    func minutesMustBeAWholeNumberFrom1To600(_ minutes: String) throws {
        let text = standardHeader.replacingOccurrences(of: "minutes: 5", with: "minutes: \(minutes)") + "\n## A\n"
        let error = try #require(firstError(text))
        #expect(error.position == "4:10")
        #expect(error.message.contains("'minutes' should be a whole number 1–600, not '\(minutes)'"), "\(error.message)")
    }

    @Test func aHeaderModelThatEveryStepOverridesIsStillChecked() throws {
        let text = standardHeader.replacingOccurrences(of: "model: book-lstm-trained", with: "model: no-such-model")
            + "\n## A\n```scene\nmodel: book-lstm-trained\n```\n## B\nMore.\n"
        let l = try lesson(text)
        let diagnostics = Linter(options: .init(curriculum: nil)).lint(l, runner: Fixtures.runner)
        let error = try #require(diagnostics.errors.first, "the header's model is resolved even though no step uses it")
        #expect(error.position == "5:8", "\(error)")
        #expect(error.message.contains("no-such-model"), "\(error.message)")
        // A header model some step inherits is reported once, not once per step.
        let inherited = standardHeader.replacingOccurrences(of: "model: book-lstm-trained", with: "model: no-such-model") + "\n## A\n## B\n"
        let once = Linter(options: .init(curriculum: nil)).lint(try lesson(inherited), runner: Fixtures.runner).errors
        #expect(once.filter { $0.position == "5:8" }.count == 1, "\(once)")
    }
}
