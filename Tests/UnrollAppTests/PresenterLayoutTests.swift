import Foundation
import Testing
@testable import UnrollApp
import UnrollCore
import UnrollLessons
import UnrollTUI

/// `--present` on a projector, walked over every shipped step: at 200×60 content on at least 70 %
/// of the rows; at 120×40 nothing cut (every panel at its rows and columns, the narration whole);
/// the step counter always on screen.
@Suite struct PresenterLayoutTests {
    static let library = ShippedLessonWalkTests.library
    static var ids: [String] { ShippedLessonWalkTests.ids }

    static func frame(_ lesson: Lesson, step: Int, width: Int, height: Int) -> (text: String, panels: LessonPanels?, playing: LessonState) {
        let playing = LessonState(lesson: lesson, runner: library.runner, step: step)
        var state = AppState(screen: .lesson(playing), width: width, height: height)
        state.presenter = true
        var buffer = Buffer(width: width, height: height)
        let panels = LessonView.render(playing, state: state, into: &buffer, glyphs: .utf8)
        return (buffer.text, panels, playing)
    }

    @Test(arguments: ids)
    func everyStepFillsAProjectorAndNothingIsCut(_ id: String) throws {
        let lesson = try #require(Self.library.entry(id: id)?.lesson)
        for n in 1...lesson.steps.count {
            let big = Self.frame(lesson, step: n, width: 200, height: 60)
            let rows = big.text.split(separator: "\n", omittingEmptySubsequences: false).prefix(60)
            let filled = rows.filter { !$0.allSatisfy { $0 == " " } }.count
            #expect(filled * 10 >= 60 * 7, "\(id) step \(n): content on \(filled) of 60 rows at 200×60")
            #expect(rows.last?.contains("step \(n)/\(lesson.steps.count)") == true, "\(id) step \(n): the step counter at 200×60")
            #expect(big.panels?.cut ?? [] == [], "\(id) step \(n): cut at 200×60: \(big.panels?.cut ?? [])")

            let mid = Self.frame(lesson, step: n, width: 120, height: 40)
            #expect(mid.panels?.cut ?? [] == [], "\(id) step \(n): cut at 120×40: \(mid.panels?.cut ?? [])")
            #expect(!mid.text.contains("[ ] scroll ("), "\(id) step \(n): the narration scrolls at 120×40")
            #expect(mid.text.split(separator: "\n").last?.contains("step \(n)/\(lesson.steps.count)") == true, "\(id) step \(n): the counter at 120×40")
            for panel in mid.playing.step.scene.panels {
                if let sign = LessonFit.signature(panel, lab: mid.playing.lab, plot: mid.playing.plot) {
                    #expect(mid.text.contains(sign), "\(id) step \(n): \(panel.rawValue) not on screen at 120×40")
                }
            }
        }
    }

    /// Rows of a 200×60 presenter frame with content outside the narration card (the picture, the
    /// question box), the status line not counted.
    static func pictureRows(_ lesson: Lesson, step: Int) -> Int {
        let big = frame(lesson, step: step, width: 200, height: 60)
        var state = AppState(screen: .lesson(big.playing), width: 200, height: 60)
        state.presenter = true
        let cardWidth = LessonView.layoutAreas(big.playing, state: state, area: Rect(width: 200, height: 60)).panels.x
        let rows = big.text.split(separator: "\n", omittingEmptySubsequences: false).prefix(59)
        return rows.filter { !$0.dropFirst(cardWidth).allSatisfy { $0 == " " } }.count
    }

    /// The picture, not the card's border, fills a projector: at least 70 % of the rows at 200×60
    /// have content outside the narration card, on every shipped step (the worst and the median are printed).
    @Test func thePictureCoversAProjectorOnEveryStep() throws {
        var coverage: [(String, Int)] = []
        for id in Self.ids {
            let lesson = try #require(Self.library.entry(id: id)?.lesson)
            for n in 1...lesson.steps.count { coverage.append(("\(id) step \(n)", Self.pictureRows(lesson, step: n))) }
        }
        let sorted = coverage.sorted { $0.1 < $1.1 }
        let worst = try #require(sorted.first)
        let median = sorted[sorted.count / 2].1
        print("picture rows at 200×60 over \(sorted.count) steps: worst \(worst.1)/60 (\(worst.0)), median \(median)/60")
        for (name, rows) in sorted where rows * 10 < 60 * 7 {
            Issue.record("\(name): the picture covers \(rows) of 60 rows at 200×60")
        }
        #expect(median * 10 >= 60 * 8, "the median step fills 80 % or more: \(median)/60")
    }

    @Test func aMarkedKeyNumberIsDrawnLargeOnlyOnceItsQuestionIsRevealed() throws {
        let lesson = try #require(Self.library.entries.compactMap(\.lesson).first { $0.steps.contains { $0.keyNumber != nil } },
                                  "some shipped step marks a key number")
        let step = try #require(lesson.steps.first { $0.keyNumber != nil })
        var playing = LessonState(lesson: lesson, runner: Self.library.runner, step: step.number)
        let value = try #require(playing.keyValue, "the key number is evaluated on the scene")
        let digits = BigNumber(NumberFormat.significant(value)).width
        #expect(digits > 0)
        func narrationColumn(_ p: LessonState) -> String {
            var state = AppState(screen: .lesson(p), width: 200, height: 60)
            state.presenter = true
            var buffer = Buffer(width: 200, height: 60)
            LessonView.render(p, state: state, into: &buffer, glyphs: .utf8)
            return buffer.text.split(separator: "\n").map { String($0.prefix(64)) }.joined(separator: "\n")
        }
        if !playing.questions.isEmpty {
            #expect(!narrationColumn(playing).contains("█"), "no large number before the question is answered")
            playing.revealAllForFit()
        }
        let shown = narrationColumn(playing)
        #expect(shown.contains("█"), "the key number in block glyphs")
        #expect(shown.contains(step.keyNumber?.text ?? "?"), "labelled with its expression")
    }
}
