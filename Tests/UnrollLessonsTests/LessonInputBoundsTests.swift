import Foundation
import Testing
import UnrollCore
@testable import UnrollLessons

/// Regression tests for the lesson findings of the hardening round (issue 10: 2, 5, 18).
@Suite struct LessonInputBoundsTests {
    // MARK: Finding 2: every number read from a lesson is range-checked before it becomes an Int

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

    @Test func aMegabyteLessonInTheFolderNeverDelaysTheOthers() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createSymbolicLink(atPath: (dir as NSString).appendingPathComponent("models"), withDestinationPath: Fixtures.path("models"))
        try Data(Self.megabyteLesson().utf8).write(to: URL(fileURLWithPath: (dir as NSString).appendingPathComponent("01-big.md")))
        let small = (dir as NSString).appendingPathComponent("02-small.md")
        try Data(try Fixtures.text("example.md").utf8).write(to: URL(fileURLWithPath: small))
        let clock = ContinuousClock()
        var library: LessonLibrary? = nil
        let load = clock.measure { library = LessonLibrary.load(directory: dir) }
        #expect(library?.entries.map(\.id) == ["01-big", "02-small"])
        #expect(library?.lesson(id: "02-small") != nil)
        // Linting the small lesson alone reads its folder (for lesson ids) once, the big file included.
        var report: LintReport? = nil
        let lint = clock.measure { report = Linter(options: .init(curriculum: nil)).lint(paths: [small]) }
        #expect(report?.files == [small])
        print("folder with a 1 MiB lesson: load \(load), lint the other lesson \(lint)")
        #expect(load < .seconds(5) && lint < .seconds(10), "load \(load), lint \(lint) (generous bounds for a debug build)")
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
