import Foundation
import Testing
import UnrollApp
import UnrollCore
import UnrollLessons
import UnrollTUI

/// Every shipped lesson walked to its end headlessly at 80×24: each step's scene runs, every
/// panel it asks for is drawn (its heading is on screen), the narration starts on screen, and
/// every check of the step holds on the live model.
@Suite struct ShippedLessonWalkTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("lessons").path
    static let library = LessonLibrary.load(directory: directory)
    static var ids: [String] { library.entries.map(\.id) }

    @Test(arguments: ids)
    func everyStepRendersAndFitsAt80x24(_ id: String) throws {
        let entry = try #require(Self.library.entry(id: id))
        let lesson = try #require(entry.lesson, "\(id): \(entry.firstError?.description ?? "")")
        var state = AppState(screen: .lesson(LessonState(lesson: lesson, runner: Self.library.runner)), width: 80, height: 24)
        for n in 1...lesson.steps.count {
            let playing = try #require(state.lesson)
            #expect(playing.stepNumber == n)
            if case let .failure(d) = playing.run { Issue.record("\(id) step \(n): \(d)") }
            var buffer = Buffer(width: 80, height: 24)
            view(state, into: &buffer, glyphs: .utf8)
            let text = buffer.text
            #expect(!text.contains("too small"))
            if let problem = LessonFit.problem(lesson, step: n, runner: Self.library.runner) {
                Issue.record("\(id) step \(n): \(problem)")
            }
            let firstWords = playing.step.narration.split(whereSeparator: \.isWhitespace).prefix(2).joined(separator: " ")
                .replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "`", with: "").replacingOccurrences(of: "*", with: "")
            if !firstWords.isEmpty && !firstWords.hasPrefix("#") && !firstWords.hasPrefix("-") {
                #expect(text.contains(firstWords), "\(id) step \(n): narration not on screen")
            }
            for (formula, result) in playing.checkResults {
                #expect(result.passed, "\(id) step \(n): \(formula.text)")
            }
            if n < lesson.steps.count { AppFixtures.press(&state, [.right]) }
        }
    }
}
