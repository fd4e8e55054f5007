import Testing
@testable import UnrollLessons

/// `<!-- notes … -->` in a step's narration: kept for the presenter, never shown as narration.
@Suite struct PresenterNotesTests {
    @Test func notesLeaveTheNarrationAndOtherCommentsVanish() {
        let lines = ["The belt carries c.", "<!-- notes", "Ask the room first.", "Then press c. -->", "",
                     "More text <!-- an author's aside --> here.", "<!-- notes one line -->"]
        let split = PresenterNotes.split(lines)
        #expect(split.narration == ["The belt carries c.", "", "More text  here."])
        #expect(split.notes == ["Ask the room first.", "Then press c.", "one line"])
        #expect(split.unclosed == nil)
    }

    @Test func anUnclosedCommentIsReportedAtItsLine() {
        let split = PresenterNotes.split(["Text.", "", "<!-- notes", "never closed"])
        #expect(split.unclosed == 2)
        #expect(split.narration == ["Text.", ""])
    }

    @Test func theParserKeepsNotesOnTheStepAndRefusesAnOpenComment() throws {
        let doc = """
        ---
        title: T
        summary: S
        minutes: 5
        model: book-lstm
        input: Jane saw Spot . Doug saw
        ---
        ## A
        Narration.
        <!-- notes
        Only the presenter reads this.
        -->
        ## B
        Open <!-- notes
        """
        let result = LessonParser.parse(doc, file: "t.md")
        let errors = result.diagnostics.errors
        #expect(errors.count == 1)
        #expect(errors.first?.message.contains("never closed") == true)
        #expect(errors.first?.line == 13)   // the step that leaves it open
        let good = LessonParser.parse(doc.replacingOccurrences(of: "Open <!-- notes", with: "Closed."), file: "t.md")
        let lesson = try #require(good.lesson)
        #expect(lesson.steps[0].narration == "Narration.")
        #expect(lesson.steps[0].notes == "Only the presenter reads this.")
        #expect(lesson.steps[1].notes.isEmpty)
    }
}
