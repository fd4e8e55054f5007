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

    /// Lesson 1's prediction panel (`outputs: [pizza, sushi, waffles]`) lists the three dinners, one
    /// row each, on every step that shows it at 80×24, question box and all, and never a weekday.
    @Test func lessonOnesPredictionListsEveryDinnerAndNoWeekday() throws {
        let lesson = try #require(Self.library.entry(id: "01-dinner-without-memory")?.lesson)
        var state = AppState(screen: .lesson(LessonState(lesson: lesson, runner: Self.library.runner)), width: 80, height: 24)
        var shown = 0
        for n in 1...lesson.steps.count {
            let playing = try #require(state.lesson)
            if playing.step.scene.panels.contains(.probs) {
                var buffer = Buffer(width: 80, height: 24)
                let placed = LessonView.render(playing, state: state, into: &buffer, glyphs: .utf8)
                let rect = try #require(placed?.rect(.prediction), "step \(n): no prediction panel")
                #expect(placed?.cut.isEmpty == true, "step \(n): cut \(placed?.cut ?? [])")
                let rows = buffer.text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
                // The bars: below the block's top border and the summary line, above its bottom border.
                let bars = (rect.y + 2..<rect.maxY - 1).map { y in String(rows[y][rect.x..<min(rows[y].count, rect.maxX)]) }.joined(separator: "\n")
                for dish in ["pizza", "sushi", "waffles"] { #expect(bars.contains(dish), "step \(n): \(dish) missing\n\(bars)") }
                for day in ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] { #expect(!bars.contains(day), "step \(n): \(day) listed\n\(bars)") }
                #expect(rect.height == 3 + 3, "step \(n): one row per dinner, the summary and the borders")
                shown += 1
            }
            AppFixtures.press(&state, [.right])
        }
        #expect(shown >= 6, "the lesson shows the prediction on most steps")
    }

    /// The plain report speaks each scene's own language: a forecaster's next number (never a
    /// percentage), and lesson 1's dinners only (its `outputs`), never a weekday as an output.
    @Test func thePlainReportNamesWhatEachSceneWrites() throws {
        for (id, wanted, banned) in [("13-time-series", "predicted next value: ", "%"), ("01-dinner-without-memory", "pizza ", "Mon ")] {
            let lesson = try #require(Self.library.entry(id: id)?.lesson)
            let scenes = PlainReport.lesson(LessonState(lesson: lesson, runner: Self.library.runner)).split(separator: "\n")
                .filter { $0.hasPrefix("  scene: ") }.map { $0.split(separator: "\"").last.map(String.init) ?? "" }
            #expect(scenes.count >= 5, "\(id): \(scenes.count) scene lines")
            for line in scenes { #expect(line.contains(wanted) && !line.contains(banned), "\(id): \(line)") }
        }
    }

    /// Every step, every question asked and then revealed, and the end of the lesson: no frame shows
    /// Swift's debug descriptions (`Located<…>`, `Optional(…)`) anywhere.
    @Test(arguments: ids)
    func noFrameShowsDebugText(_ id: String) throws {
        let lesson = try #require(Self.library.entry(id: id)?.lesson)
        var state = AppState(screen: .lesson(LessonState(lesson: lesson, runner: Self.library.runner)), width: 80, height: 24)
        state.startScreen = StartState(entries: StartState.lessons(Self.library, progress: StudyProgress()))
        func look(_ what: String) {
            var buffer = Buffer(width: 80, height: 24)
            view(state, into: &buffer, glyphs: .utf8)
            for bad in ["Located<", "Optional(", "SourcePosition(", "nil)"] {
                #expect(!buffer.text.contains(bad), "\(id) \(what): \(bad) on screen\n\(buffer.text)")
            }
        }
        for n in 1...lesson.steps.count {
            look("step \(n)")
            let playing = try #require(state.lesson)
            for (k, q) in playing.questions.enumerated() where q.revealed == nil {
                switch q.question.kind {
                case .choices: AppFixtures.press(&state, [.char("1")])
                case let .range(low, _): AppFixtures.press(&state, Array(formatCheckNumber(low)).map { Key.char($0) } + [.enter])
                }
                look("step \(n) question \(k + 1) revealed")
            }
            AppFixtures.press(&state, [.right])
        }
        look("the end")
        #expect(state.lesson?.note?.hasPrefix("end of the lesson") == true, "\(id): \(state.lesson?.note ?? "no note")")
    }

    /// Every question of every shipped lesson, at 80×24: everything above the question box is the
    /// same before and after the reveal (the box reserves its revealed height).
    @Test(arguments: ids)
    func aRevealNeverMovesThePanelsAbove(_ id: String) throws {
        let lesson = try #require(Self.library.entry(id: id)?.lesson)
        for n in 1...lesson.steps.count where !lesson.steps[n - 1].questions.isEmpty {
            let playing = LessonState(lesson: lesson, runner: Self.library.runner, step: n)
            var state = AppState(screen: .lesson(playing), width: 80, height: 24)
            func rows() -> [String] {
                var buffer = Buffer(width: 80, height: 24)
                view(state, into: &buffer, glyphs: .utf8)
                return buffer.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            }
            let before = rows()
            let box = try #require(before.firstIndex { $0.hasPrefix("┌ predict, then see") }, "\(id) step \(n): no question box")
            switch playing.questions[0].question.kind {
            case .choices: AppFixtures.press(&state, [.char("1")])
            case let .range(low, _): AppFixtures.press(&state, Array(formatCheckNumber(low)).map { Key.char($0) } + [.enter])
            }
            let after = rows()
            #expect(state.lesson?.questions[0].revealed != nil, "\(id) step \(n): not revealed")
            #expect(after.firstIndex { $0.hasPrefix("┌ revealed") } == box, "\(id) step \(n): the box moved")
            #expect(Array(after[..<box]) == Array(before[..<box]), "\(id) step \(n): the panels above changed")
        }
    }
}
