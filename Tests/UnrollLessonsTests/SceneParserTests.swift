import Testing
import UnrollCore
@testable import UnrollLessons

@Suite struct SceneParserTests {
    @Test func readsEveryKey() throws {
        let l = try lesson(doc("""
        ## A
        ```scene
        model: book-lstm
        input: [Doug, saw, "?"]
        targets: saw ? .
        clamps:
          - forget=0@2
          - "input[1]=1"
        compare_free: true
        cursor: 2
        panels: [timeline, gates, cell, diagram, explain, plot, text, vectors, probs]
        highlight:
          gate: forget
          unit: 3
          vector: cell
        plot:
          kind: squash
          n: 5
          function: sigmoid
          range: [-4, 4]
          log: false
          note: ~
          nested: {a: [1, x]}
        keys: [step, play, clamp, explain, train, scale, step]
        ```
        """))
        let s = l.steps[0].scene
        #expect(s.model == Located("book-lstm", at: SourcePosition(line: 10, column: 8)))
        #expect(s.input.tokens.map(\.value) == ["Doug", "saw", "?"])
        #expect(s.input.tokens.map(\.location.column) == [9, 15, 21])
        #expect(s.targets?.text == "saw ? .")
        #expect(s.clamps.map(\.value) == ["forget=0@2", "input[1]=1"])
        #expect(s.clamps[1].location == SourcePosition(line: 15, column: 6))
        #expect(s.compareFree)
        #expect(s.cursor?.value == 2)
        #expect(s.panels == [.timeline, .gates, .cell, .diagram, .explain, .plot, .text, .vectors, .probs])
        #expect(s.panelsLocation == SourcePosition(line: 18, column: 1))
        #expect(s.highlight?.gate?.value == .forget)
        #expect(s.highlight?.unit?.value == .index(3))
        #expect(s.highlight?.vector?.value == .cell)
        #expect(s.plot?.kind.value == "squash")
        #expect(s.plot?.parameters["n"] == .number(5))
        #expect(s.plot?.parameters["function"]?.text == "sigmoid")
        #expect(s.plot?.parameters["range"]?.numbers == [-4, 4])
        #expect(s.plot?.parameters["log"] == .bool(false))
        #expect(s.plot?.parameters["note"] == .null)
        #expect(s.plot?.parameters["nested"] == .mapping(["a": .list([.number(1), .text("x")])]))
        #expect(s.keys == InteractiveKey.allCases, "duplicates are dropped")
    }

    @Test func nullClearsAndLabelsAreUnits() throws {
        let l = try lesson(doc("""
        ## A
        ```scene
        targets: saw Spot . Doug saw Jane
        cursor: 3
        highlight: {unit: memory, gate: input}
        plot: {kind: loss}
        ```
        ## B
        ```scene
        targets: ~
        cursor: null
        highlight:
        plot: null
        ```
        """))
        #expect(l.steps[0].scene.highlight?.unit?.value == .label("memory"))
        #expect(l.steps[0].scene.plot?.kind.value == "loss")
        let b = l.steps[1].scene
        #expect(b.targets == nil && b.cursor == nil && b.highlight == nil && b.plot == nil)
    }

    @Test func anEmptySceneBlockChangesNothing() throws {
        let l = try lesson(doc("## A\n```scene\ncursor: 2\n```\n## B\n```scene\n```\n"))
        #expect(l.steps[1].scene == l.steps[0].scene)
        #expect(l.steps[1].sceneLocation == SourcePosition(line: 13, column: 1))
    }

    @Test func outputsListThePanelsOutputsAndInherit() throws {
        let l = try lesson(doc("""
        ## A
        ```scene
        panels: [timeline, probs, text]
        outputs: [Spot, Jane]
        ```
        ## B
        ```scene
        cursor: 2
        ```
        ## C
        ```scene
        outputs: ~
        ```
        """))
        #expect(l.steps[0].scene.outputs?.map(\.value) == ["Spot", "Jane"])
        #expect(l.steps[1].scene.outputs?.map(\.value) == ["Spot", "Jane"], "a later step inherits the list")
        #expect(l.steps[2].scene.outputs == nil, "~ lists every output again")
    }

    @Test func anOutputListedTwiceIsAnError() {
        let parsed = LessonParser.parse(doc("## A\n```scene\npanels: [timeline, probs, text]\noutputs: [Spot, Spot]\n```\n"), file: "x.md")
        #expect(parsed.diagnostics.contains { $0.message.contains("'Spot' is listed twice") })
    }
}
