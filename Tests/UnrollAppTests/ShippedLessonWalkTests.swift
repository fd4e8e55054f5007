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

    /// Text that proves a panel was drawn.
    static func signature(_ panel: Panel, lab: LabState?, plot: LessonPlot?) -> String? {
        switch panel {
        case .timeline: return lab.map { "t=\($0.t) " } ?? "t="
        case .gates, .vectors, .cell: return "│unit "
        case .probs: return "│→ "
        case .diagram: return "the cell at"
        case .explain: return "why "
        case .plot: return plot.map { String($0.title.prefix(20)) }
        case .text: return nil
        }
    }

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
            for panel in playing.step.scene.panels {
                if let sig = Self.signature(panel, lab: playing.lab, plot: playing.plot) {
                    #expect(text.contains(sig), "\(id) step \(n): panel \(panel.rawValue) not on screen at 80×24")
                }
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
