import Foundation
import Testing
@testable import UnrollLessons

@Suite struct LessonParserTests {
    @Test func parsesTheExampleLessonCompletely() throws {
        let l = try lesson(try Fixtures.text("example.md"))
        #expect(l.id == "t")
        #expect(l.title == "Who did Doug see?")
        #expect(l.header.minutes == 8)
        #expect(l.header.model.value == "book-lstm-trained")
        #expect(l.header.input.text == "Jane saw Spot . Doug saw")
        #expect(l.header.next?.value == "gate-lab")
        #expect(l.header.requires.map(\.value) == ["dinner-cycle"])
        #expect(l.introduction.hasPrefix("# Who did Doug see?"))
        #expect(l.contents == ["The story so far", "After \"saw\"", "The forget gate", "Clamp it", "How wrong is it?"])
        #expect(l.allChecks.count == 10)
        #expect(l.allQuestions.count == 2)
        let first = l.steps[0]
        #expect(first.number == 1)
        #expect(first.location == SourcePosition(line: 16, column: 1))
        #expect(first.narration.hasPrefix("The model reads six words"))
        #expect(!first.narration.contains("```scene"))
        #expect(first.narration.contains("After *Jane* it is sure"))
        #expect(first.scene.panels == [.timeline, .probs, .text])
        #expect(first.scene.keys == [.step, .play])
        #expect(first.checks.map(\.text) == ["predicted@1 == saw", "probs@1[saw] > 0.9"])
        #expect(first.checks[0].location == SourcePosition(line: 30, column: 1))
    }

    @Test func idDefaultsToTheFileName() {
        let result = LessonParser.parse(doc("## A\n"), file: "lessons/07-lstm-gates.md")
        #expect(result.lesson?.id == "07-lstm-gates")
        #expect(LessonParser.defaultID(forFile: "/x/y/02-dinner.md") == "02-dinner")
    }

    @Test func scenesInheritFromTheHeaderAndThePreviousStep() throws {
        let l = try lesson(doc("""

        ## One

        ## Two

        ```scene
        cursor: 3
        panels: [timeline, gates]
        clamps: [forget=0@2]
        ```

        ## Three

        ```scene
        input: Doug saw Jane
        ```

        ## Four

        ```scene
        clamps: []
        panels: [text]
        targets: saw Jane .
        ```
        """))
        #expect(l.steps[0].scene.input.text == "Jane saw Spot . Doug saw")
        #expect(l.steps[0].sceneLocation == nil)
        #expect(l.steps[0].scene.panels == Scene.defaultPanels)
        #expect(l.steps[1].scene.cursor?.value == 3)
        #expect(l.steps[1].sceneLocation == SourcePosition(line: 13, column: 1))
        #expect(l.steps[2].scene.cursor?.value == 3)
        #expect(l.steps[2].scene.panels == [.timeline, .gates])
        #expect(l.steps[2].scene.clamps.map(\.value) == ["forget=0@2"])
        #expect(l.steps[2].scene.input.text == "Doug saw Jane")
        #expect(l.steps[2].scene.model.value == "book-lstm-trained")
        #expect(l.steps[3].scene.clamps.isEmpty)
        #expect(l.steps[3].scene.input.text == "Doug saw Jane")
        #expect(l.steps[3].scene.targets?.text == "saw Jane .")
    }

    @Test func headingsInsideCodeFencesAreNarration() throws {
        let l = try lesson(doc("""
        Intro text.

        ## Real step

        ```markdown
        ## not a step
        ```

        ~~~~
        ## not one either
        ```scene
        ~~~~

        ### A sub-heading stays in the step
        """))
        #expect(l.introduction == "Intro text.")
        #expect(l.steps.count == 1)
        #expect(l.steps[0].narration.contains("## not a step"))
        #expect(l.steps[0].narration.contains("### A sub-heading"))
        #expect(l.steps[0].sceneLocation == nil)
    }

    @Test func windowsLineEndingsKeepLineNumbers() {
        let text = doc("## A\n\n```check\npredicted@1 = saw\n```\n").replacingOccurrences(of: "\n", with: "\r\n")
        let d = firstError(text)
        #expect(d?.position == "11:13")
        #expect(d?.message.contains("'=='") == true)
    }

    @Test func checkLinesAllowCommentsAndIndentation() throws {
        let l = try lesson(doc("""
        ## A

        ```check
        # a comment line

          predicted@1 == saw   # trailing comment
        probs@1["#"] < 1
        ```
        """))
        // "#" inside quotes is not a comment; the vocabulary check happens when evaluated.
        #expect(l.steps[0].checks.map(\.text) == ["predicted@1 == saw", "probs@1[\"#\"] < 1"])
        #expect(l.steps[0].checks[0].location == SourcePosition(line: 13, column: 3))
    }

    @Test func severalQuestionsAndCheckBlocksPerStep() throws {
        let l = try lesson(doc("""
        ## A

        ```check
        steps == 6
        ```

        ```question
        prompt: P1
        choices: [a, b]
        answer: '"a"'
        explanation: E
        ```

        ```check
        steps > 1
        ```

        ```question
        prompt: P2
        range: [0, 10]
        answer: steps
        explanation: E
        ```
        """))
        #expect(l.steps[0].checks.count == 2)
        #expect(l.steps[0].questions.map(\.prompt) == ["P1", "P2"])
        #expect(l.allQuestions.map(\.index) == [0, 1])
    }

    /// Every structural error, with the line and column it must point at.
    static let errorCases: [(name: String, text: String, position: String, fragment: String)] = [
        ("no front matter", "# Title\n\n## A\n", "1:1", "starts with a YAML header"),
        ("unclosed front matter", "---\ntitle: T\n\n## A\n", "1:1", "never closed"),
        ("YAML error in header", "---\ntitle: T\nsummary: [unclosed\nminutes: 5\n---\n## A\n", "4:8", "invalid YAML in the header"),
        ("header is a list", "---\n- a\n- b\n---\n## A\n", "2:1", "should be a YAML mapping"),
        ("unknown header key", standardHeader.replacingOccurrences(of: "minutes: 5", with: "minutes: 5\n  \nsumary: x") + "\n## A\n",
         "6:1", "unknown header key 'sumary' (did you mean 'summary'?)"),
        ("missing title", standardHeader.replacingOccurrences(of: "title: T\n", with: "") + "\n## A\n", "1:1", "the header needs 'title'"),
        ("minutes not a number", standardHeader.replacingOccurrences(of: "minutes: 5", with: "minutes: soon") + "\n## A\n",
         "4:10", "'minutes' should be a whole number 1–600, not 'soon'"),
        ("minutes out of range", standardHeader.replacingOccurrences(of: "minutes: 5", with: "minutes: 0") + "\n## A\n", "4:10", "a whole number 1–600"),
        ("bad id", standardHeader.replacingOccurrences(of: "title: T", with: "title: T\nid: a/b") + "\n## A\n", "3:5", "'id' may use"),
        ("draft not a bool", standardHeader.replacingOccurrences(of: "title: T", with: "title: T\ndraft: maybe") + "\n## A\n", "3:8", "true or false"),
        ("input is a mapping", standardHeader.replacingOccurrences(of: "input: Jane saw Spot . Doug saw", with: "input: {a: 1}") + "\n## A\n",
         "6:8", "'input' should be tokens"),
        ("empty model", standardHeader.replacingOccurrences(of: "model: book-lstm-trained", with: "model: ''") + "\n## A\n", "5:8", "'model' is empty"),
        ("no steps", doc("Just an introduction.\n"), "8:1", "at least one step"),
        ("empty step title", doc("##\ntext\n"), "8:1", "needs a title"),
        ("scene before any step", doc("```scene\ncursor: 1\n```\n## A\n"), "8:1", "must be inside a step"),
        ("unclosed fence", doc("## A\n\n  ```check\nsteps == 6\n"), "10:3", "never closed"),
        ("two scenes in a step", doc("## A\n```scene\ncursor: 1\n```\n```scene\ncursor: 2\n```\n"), "12:1", "already has one on line 9"),
        ("YAML error in a scene", doc("## A\n```scene\ncursor: 1\n  panels: [text]\n```\n"), "11:9", "invalid YAML in the scene"),
        ("scene is a list", doc("## A\n```scene\n- cursor\n```\n"), "10:1", "should be a YAML mapping"),
        ("unknown scene key", doc("## A\n```scene\ncursor: 1\npanel: [text]\n```\n"), "11:1", "unknown scene key 'panel' (did you mean 'panels'?)"),
        ("duplicate scene key", doc("## A\n```scene\ncursor: 1\ncursor: 2\n```\n"), "10:1", "duplicate key 'cursor'"),
        ("unknown panel", doc("## A\n```scene\npanels: [timeline, vectorz]\n```\n"), "10:20", "unknown panel 'vectorz' (did you mean 'vectors'?)"),
        ("panel twice", doc("## A\n```scene\npanels:\n  - text\n  - text\n```\n"), "12:5", "listed twice"),
        ("unknown key", doc("## A\n```scene\nkeys: [step, zoom]\n```\n"), "10:14", "unknown key 'zoom'"),
        ("unknown training data", doc("## A\n```scene\ntrain: sentense\n```\n"), "10:8", "unknown training data 'sentense' (did you mean 'sentence'?)"),
        ("cursor zero", doc("## A\n```scene\ncursor: 0\n```\n"), "10:9", "1-based"),
        ("cursor not whole", doc("## A\n```scene\ncursor: 2.5\n```\n"), "10:9", "whole number"),
        ("compare_free not bool", doc("## A\n```scene\ncompare_free: yes please\n```\n"), "10:15", "true or false"),
        ("clamps a mapping", doc("## A\n```scene\nclamps: {forget: 0}\n```\n"), "10:9", "should be a list"),
        ("unknown gate", doc("## A\n```scene\nhighlight: {gate: forgot}\n```\n"), "10:19", "unknown gate 'forgot' (did you mean 'forget'?)"),
        ("negative unit", doc("## A\n```scene\nhighlight:\n  unit: -1\n```\n"), "11:9", "start at 0"),
        ("unknown vector", doc("## A\n```scene\nhighlight: {vector: hiden}\n```\n"), "10:21", "unknown vector 'hiden'"),
        ("unknown highlight key", doc("## A\n```scene\nhighlight: {colour: red}\n```\n"), "10:13", "unknown scene key 'colour'"),
        ("plot without kind", doc("## A\n```scene\nplot: {n: 3}\n```\n"), "10:7", "needs a 'kind'"),
        ("plot a text", doc("## A\n```scene\nplot: squash\n```\n"), "10:7", "should be a mapping"),
        ("check syntax", doc("## A\n```check\n  probs@6[Doug] << 0.05\n```\n"), "10:18", "expected a value"),
        ("check unknown quantity", doc("## A\n```check\nprob@6[Doug] < 0.05\n```\n"), "10:1", "unknown quantity 'prob' (did you mean 'probs'?)"),
        ("question without prompt", doc("## A\n```question\nchoices: [a, b]\nanswer: '\"a\"'\nexplanation: E\n```\n"), "9:1", "needs a 'prompt'"),
        ("question without answer", doc("## A\n```question\nprompt: P\nchoices: [a, b]\nexplanation: E\n```\n"), "9:1", "needs an 'answer'"),
        ("question without explanation", doc("## A\n```question\nprompt: P\nchoices: [a, b]\nanswer: steps\n```\n"), "9:1", "needs an 'explanation'"),
        ("question with neither", doc("## A\n```question\nprompt: P\nanswer: steps\nexplanation: E\n```\n"), "9:1", "either 'choices' or 'range'"),
        ("question with both", doc("## A\n```question\nprompt: P\nchoices: [a, b]\nrange: [0, 1]\nanswer: steps\nexplanation: E\n```\n"), "12:1", "not both"),
        ("one choice", doc("## A\n```question\nprompt: P\nchoices: [a]\nanswer: steps\nexplanation: E\n```\n"), "11:10", "2 to 9 choices"),
        ("duplicate choice", doc("## A\n```question\nprompt: P\nchoices: [a, b, a]\nanswer: steps\nexplanation: E\n```\n"), "11:11", "listed twice"),
        ("range malformed", doc("## A\n```question\nprompt: P\nrange: [0]\nanswer: steps\nexplanation: E\n```\n"), "11:8", "two numbers"),
        ("range reversed", doc("## A\n```question\nprompt: P\nrange: [5, 1]\nanswer: steps\nexplanation: E\n```\n"), "11:8", "low < high"),
        ("tolerance zero", doc("## A\n```question\nprompt: P\nrange: [0, 9]\ntolerance: 0\nanswer: steps\nexplanation: E\n```\n"), "12:12", "more than 0"),
        ("tolerance with choices", doc("## A\n```question\nprompt: P\nchoices: [a, b]\ntolerance: 1\nanswer: steps\nexplanation: E\n```\n"), "12:1", "range questions only"),
        ("answer syntax, plain", doc("## A\n```question\nprompt: P\nrange: [0, 9]\nanswer: loss@ + 1\nexplanation: E\n```\n"), "12:15", "expected a step"),
        ("answer syntax, quoted", doc("## A\n```question\nprompt: P\nrange: [0, 9]\nanswer: \"steps + \"\nexplanation: E\n```\n"), "12:17", "ends too early"),
        ("unknown question key", doc("## A\n```question\nprompt: P\nclue: H\nrange: [0, 9]\nanswer: steps\nexplanation: E\n```\n"), "11:1", "unknown question key 'clue'"),
    ]

    @Test(arguments: errorCases.indices)
    func reportsEachErrorAtItsLineAndColumn(_ k: Int) throws {
        let c = Self.errorCases[k]
        let result = parse(c.text)
        #expect(result.lesson == nil, "\(c.name): should not parse")
        let d = try #require(result.diagnostics.errors.first, "\(c.name): no error")
        #expect(d.file == "t.md")
        #expect(d.position == c.position, "\(c.name): \(d)")
        #expect(d.message.contains(c.fragment), "\(c.name): \(d.message)")
        #expect(d.description == "t.md:\(c.position): \(d.message)")
    }

    @Test func collectsEveryErrorNotJustTheFirst() {
        let result = parse(doc("""
        ## A
        ```scene
        panels: [bogus]
        keys: [nope]
        ```
        ```check
        steps ==
        ```
        """))
        #expect(result.diagnostics.errors.map(\.position) == ["10:10", "11:8", "14:9"])
    }

    @Test func aTooLargeFileIsRefused() {
        let big = doc("## A\n" + String(repeating: "x", count: LessonParser.maxBytes))
        #expect(firstError(big)?.message.contains("too large") == true)
    }

    @Test func aByteOrderMarkIsIgnored() throws {
        #expect(try lesson("\u{FEFF}" + doc("## A\n")).steps.count == 1)
    }

    @Test func loadRefusesAnOversizedFileUnread() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = (dir as NSString).appendingPathComponent("big.md")
        try Data(count: LessonParser.maxBytes + 1).write(to: URL(fileURLWithPath: path))
        #expect(LessonParser.load(path: path).firstError?.message == "lesson file is too large (\(LessonParser.maxBytes + 1) bytes; at most \(LessonParser.maxBytes))")
    }

    @Test func loadReportsAMissingFile() {
        let result = LessonParser.load(path: "/nonexistent/lesson.md")
        #expect(result.lesson == nil)
        #expect(result.firstError?.description == "/nonexistent/lesson.md:1:1: cannot read the lesson file")
    }
}
