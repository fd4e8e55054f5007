import Testing
@testable import UnrollLessons

@Suite struct LessonHeaderTests {
    @Test func readsOptionalKeysInTheirForms() throws {
        let text = """
        ---
        id: custom-id
        title: "Gates: a lab"
        summary: >
          Folded
          summary.
        minutes: 8
        model: book-lstm
        input: [Jane, saw, Spot]
        targets: saw Spot .
        next: ~
        requires: 06-book
        draft: false
        ---
        ## A
        """
        let h = try lesson(text).header
        #expect(h.id == "custom-id")
        #expect(h.title == "Gates: a lab")
        #expect(h.summary == "Folded summary.")
        #expect(h.minutes == 8)
        #expect(h.input.text == "Jane saw Spot")
        #expect(h.targets?.text == "saw Spot .")
        #expect(h.next == nil)
        #expect(h.requires.map(\.value) == ["06-book"])
        #expect(h.draft?.value == false && !h.isDraft)
        #expect(h.baseScene.model.value == "book-lstm")
        #expect(h.baseScene.targets?.text == "saw Spot .")
    }

    @Test func anEmptyHeaderReportsEveryMissingKey() {
        let result = parse("---\n---\n## A\n")
        #expect(result.diagnostics.errors.map(\.message) == ["title", "summary", "minutes", "model", "input"].map { "the header needs '\($0)'" })
    }
}
