import Foundation
import Testing
@testable import UnrollLessons

@Suite struct LinterTests {
    let linter = Linter(options: .init(curriculum: nil))

    func lint(_ text: String, linter: Linter? = nil, knownIDs: Set<String>? = nil) -> [Diagnostic] {
        (linter ?? self.linter).lint(parse(text), runner: Fixtures.runner, knownIDs: knownIDs)
    }

    @Test func theExampleLessonIsClean() {
        let report = Linter().lint(paths: [Fixtures.path("example.md")])
        #expect(report.diagnostics == [], "\(report.diagnostics)")
        #expect(report.isClean)
        #expect(report.summary == "1 lesson, 0 errors, 0 warnings")
    }

    @Test func aFailingCheckShowsTheValuesItSaw() throws {
        let d = lint(doc("## A\n```check\n  probs@6[Doug] > 0.5\n```\n"))
        #expect(d.count == 1)
        let message = try #require(d.first).description
        #expect(message.hasPrefix("t.md:10:3: check failed: probs@6[Doug] > 0.5 (probs@6[Doug] = 0.005"))
    }

    @Test func aTrainingSourceThatDoesNotFitTheModelIsReported() throws {
        let d = lint(doc("## A\n```scene\nkeys: [train]\ntrain: dinner\n```\n"))
        let error = try #require(d.first)
        #expect(error.position == "11:8", "\(d)")
        #expect(error.message.contains("'train: dinner' needs a model over the dinner menu"))
        #expect(lint(doc("## A\n```scene\nkeys: [train]\ntrain: sentence\n```\n")).isEmpty)
        #expect(lint(doc("## A\n```scene\nkeys: [train]\ntrain: story\n```\n")).isEmpty)
    }

    @Test func outputsMustBeOutputsOfTheModel() throws {
        let d = lint(doc("## A\n```scene\npanels: [timeline, probs, text]\noutputs: [Jane, Dugo]\n```\n"))
        let error = try #require(d.first, "\(d)")
        #expect(error.position == "11:17", "\(d)")
        #expect(error.message.contains("'Dugo' is not an output of book-lstm-trained"), "\(error.message)")
        #expect(lint(doc("## A\n```scene\npanels: [timeline, probs, text]\noutputs: [Jane, Spot]\n```\n")).isEmpty)
    }

    @Test func checkAndQuestionErrorsAreLocated() {
        let d = lint(doc("""
        ## A
        ```check
        predicted@5 == Dog
        ```
        ```question
        prompt: P
        choices: [Doug, Spot]
        answer: predicted@6
        explanation: E
        ```
        """))
        #expect(d.map(\.position) == ["10:16", "15:9"])
        #expect(d[0].message.contains("'Dog' is not in the vocabulary"))
        #expect(d[1].message.contains("the computed answer 'Jane' is not among the choices"))
    }

    @Test func sceneProblemsAreReportedOnceEvenWhenInherited() {
        let d = lint(doc("## A\n```scene\ninput: Jane saw Bob\n```\n## B\n## C\n```check\nsteps == 3\n```\n"))
        #expect(d.map(\.description) == ["t.md:10:17: input token 'Bob' is not in the vocabulary of book-lstm-trained (Doug Jane Spot saw .)"])
    }

    @Test func displayProblemsOfAScene() {
        let d = lint(doc("""
        ## A
        ```scene
        cursor: 9
        highlight: {gate: update, unit: 8, vector: grad_h}
        plot: {kind: sqush}
        compare_free: true
        input: "? ? ? ? ? ?"
        ```
        """))
        let messages = d.map(\.message)
        #expect(d.map(\.position) == ["9:1", "10:9", "11:19", "11:33", "11:44", "12:14", "12:14"])
        #expect(messages[0].contains("'compare_free'"))
        #expect(messages[1] == "cursor 9 is past the last step 6")
        #expect(messages[2].contains("a LSTM has no update gate"))
        #expect(messages[3] == "unit 8 is outside 0…7")
        #expect(messages[4].contains("needs targets"))
        #expect(messages.contains { $0.contains("unknown plot kind 'sqush' (did you mean 'squash'?)") })
        #expect(messages.contains("the scene sets a plot but 'panels' has no 'plot'"))
    }

    @Test func panelsMustSuitTheCell() {
        let rnn = standardHeader.replacingOccurrences(of: "model: book-lstm-trained", with: "model: dinner-rnn")
            .replacingOccurrences(of: "input: Jane saw Spot . Doug saw", with: "input: pizza sushi")
        let d = lint(rnn + "\n## A\n```scene\npanels: [cell, gates]\nkeys: [clamp]\nhighlight: {vector: cell}\n```\n")
        let messages = d.map(\.message)
        #expect(messages.contains("the cell panel needs an LSTM; dinner-rnn is a RNN"))
        #expect(messages.contains("the gates panel needs a gated cell; dinner-rnn is an RNN"))
        #expect(messages.contains("the clamp key needs a gated cell; dinner-rnn is an RNN"))
        #expect(messages.contains("a RNN has no cell state"))
    }

    @Test func aSceneThatCannotFitAt80x24() throws {
        let d = lint(doc("## A\n```scene\npanels: [timeline, vectors, gates, text]\n```\n"))
        let fit = try #require(d.first)
        #expect(fit.position == "10:1")
        #expect(fit.message == "the scene cannot fit at 80×24: its panels need 27 rows (timeline 3 + vectors 10 + gates 10 + text 4) but 22 are free")
        // The lead can swap the estimate.
        var options = Linter.Options(curriculum: nil)
        options.sceneFit = SceneFit(rows: { _, _ in 1 })
        #expect(lint(doc("## A\n```scene\npanels: [timeline, vectors, gates, text]\n```\n"), linter: Linter(options: options)).isEmpty)
    }

    @Test func curriculumRulesAndDrafts() {
        let strict = Linter()
        let d = lint(doc("## A\n"), linter: strict)
        #expect(d.map(\.message) == [
            "a lesson has 5–15 steps; this one has 1 (or mark it 'draft: true' while writing)",
            "a lesson has at least 2 checks; this one has 0 (or mark it 'draft: true' while writing)",
            "a lesson has at least 1 question; this one has 0 (or mark it 'draft: true' while writing)",
        ])
        #expect(d.allSatisfy { $0.position == "1:1" })
        let draft = standardHeader.replacingOccurrences(of: "title: T", with: "title: T\ndraft: true") + "\n## A\n"
        let w = lint(draft, linter: strict)
        #expect(w.count == 1)
        #expect(w[0].severity == .warning)
        #expect(w[0].description == "t.md:3:8: warning: draft lesson: the curriculum rules (5–15 steps, ≥ 2 checks, ≥ 1 question) are not enforced")
    }

    @Test func nextAndRequiresMustNameLessons() {
        let text = standardHeader.replacingOccurrences(of: "title: T", with: "title: T\nnext: exampel\nrequires: [t, gate-lab]") + "\n## A\n"
        let d = lint(text, knownIDs: ["example", "gate-lab", "t"])
        #expect(d.map(\.position) == ["3:7", "4:12"])
        #expect(d[0].message == "'next' names no lesson 'exampel' (did you mean 'example'?) (lessons: example, gate-lab, t)")
        #expect(d[1].message == "'requires' names this lesson itself")
    }

    @Test func lintPathsCoversFoldersFilesAndMissingPaths() {
        let report = Linter().lint(paths: [Fixtures.directory, "/nonexistent.md"])
        #expect(report.files.count == 4)
        #expect(report.errorCount == 1)
        #expect(report.warningCount == 2)
        #expect(report.diagnostics.errors.first?.description == "/nonexistent.md:1:1: no such file or folder")
        #expect(!report.isClean)
    }

    @Test func lintingAFileOutsideALibraryUsesItsFolder() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = (dir as NSString).appendingPathComponent("lesson.markdown")
        try Data(doc("## A\n").utf8).write(to: URL(fileURLWithPath: file))
        let report = Linter(options: .init(curriculum: nil)).lint(paths: [file])
        #expect(report.diagnostics.map(\.message) == ["no model named 'book-lstm-trained' in lessons/models/ (models: none)"])
        #expect(report.diagnostics.first?.file == file)
    }
}
