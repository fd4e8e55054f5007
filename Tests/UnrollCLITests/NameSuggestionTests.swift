import Testing
@testable import unroll

/// Issue 9: `unroll lesson lstm` suggests `07-lstm`; a mistyped command its closest command.
@Suite struct NameSuggestionTests {
    static let lessons = ["01-dinner-without-memory", "02-dinner-cycle", "06-book-rnn", "07-lstm", "08-gate-lab", "12-gru"]

    @Test func aLessonNameWithoutItsNumberFindsTheLesson() {
        #expect(NameSuggestion.closest(to: "lstm", in: Self.lessons) == "07-lstm")
        #expect(NameSuggestion.closest(to: "LSTM", in: Self.lessons) == "07-lstm")
        #expect(NameSuggestion.closest(to: "gru", in: Self.lessons) == "12-gru")
        #expect(NameSuggestion.closest(to: "gate", in: Self.lessons) == "08-gate-lab")
        #expect(NameSuggestion.closest(to: "07-lstn", in: Self.lessons) == "07-lstm")
        #expect(NameSuggestion.closest(to: "bok-rnn", in: Self.lessons) == "06-book-rnn")
    }

    @Test func anAmbiguousOrFarWordSuggestsNothing() {
        #expect(NameSuggestion.closest(to: "dinner", in: Self.lessons) == nil)  // two lessons start so
        #expect(NameSuggestion.closest(to: "frobnicate", in: Self.lessons) == nil)
        #expect(NameSuggestion.closest(to: "", in: Self.lessons) == nil)
        #expect(NameSuggestion.closest(to: String(repeating: "x", count: 10_000), in: Self.lessons) == nil)
    }

    @Test func commandsAreSuggestedForTypos() {
        let commands = ["lesson", "lab", "gradients", "render", "trace", "train", "analyze", "list", "lint", "progress", "bench", "help"]
        #expect(NameSuggestion.closest(to: "lesosn", in: commands) == "lesson")
        #expect(NameSuggestion.closest(to: "trian", in: commands) == "train")
        #expect(NameSuggestion.closest(to: "analyse", in: commands) == "analyze")
    }
}
