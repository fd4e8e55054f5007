import Foundation
import Testing
@testable import UnrollLessons

/// `key: EXPRESSION` in a check block marks the step's key number (drawn large in `--present`).
@Suite struct KeyNumberTests {
    let linter = Linter(options: .init(curriculum: nil))

    @Test func aKeyLineMarksTheKeyNumberAndIsNotACheck() throws {
        let lesson = try #require(parse(doc("## A\n```check\nkey: probs@6[Doug]  # the number to read out\nprobs@6[Doug] < 0.5\n```\n")).lesson)
        let step = try #require(lesson.steps.first)
        #expect(step.keyNumber?.text == "probs@6[Doug]")
        #expect(step.keyNumber?.location == SourcePosition(line: 10, column: 6))
        #expect(step.checks.map(\.text) == ["probs@6[Doug] < 0.5"])
    }

    @Test func aSecondKeyNumberAndANonNumberAreErrors() {
        let twice = parse(doc("## A\n```check\nkey: probs@6[Doug]\nkey: loss\n```\n"))
        #expect(twice.diagnostics.map(\.description) == ["t.md:11:6: a step has one key number; this step already marks one on line 10"])
        let word = linter.lint(parse(doc("## A\n```check\nkey: predicted@6\n```\n")), runner: Fixtures.runner)
        #expect(word.map(\.description) == ["t.md:10:6: the key number must be a number; 'predicted@6' is a word"])
        let clean = linter.lint(parse(doc("## A\n```check\nkey: probs@6[Doug]\n```\n")), runner: Fixtures.runner)
        #expect(clean.isEmpty, "\(clean)")
    }
}
