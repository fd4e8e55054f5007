import Foundation
import Testing
import UnrollApp
import UnrollCore
import UnrollLessons
import UnrollTUI

/// The checks read the numbers the screen shows: a lesson step's lab embeds the very `Run` its
/// checks are evaluated on (issue 11, item 2).
@Suite struct OneRunTests {
    static var library: LessonLibrary { ShippedLessonWalkTests.library }

    /// Evaluates one check expression on a step's run.
    static func value(_ text: String, _ playing: LessonState) throws -> CheckValue {
        let formula = try Formula.parse(text, at: .start, file: "t.md").get()
        let evaluator = try #require(playing.evaluator)
        return try evaluator.evaluate(formula).get().value
    }

    @Test(arguments: ShippedLessonWalkTests.ids)
    func everyStepsScreenShowsTheRunItsChecksRead(_ id: String) throws {
        let lesson = try #require(Self.library.entry(id: id)?.lesson)
        for n in 1...lesson.steps.count {
            let playing = LessonState(lesson: lesson, runner: Self.library.runner, step: n)
            let sceneRun = try #require(playing.sceneRun, "\(id) step \(n)")
            let lab = try #require(playing.lab, "\(id) step \(n)")
            #expect(lab.targets == sceneRun.targets, "\(id) step \(n)")
            #expect(lab.clamps == sceneRun.clamps, "\(id) step \(n)")
            #expect(lab.input == sceneRun.input, "\(id) step \(n)")
            #expect(lab.shown.hiddenStates == sceneRun.trace.hiddenStates, "\(id) step \(n)")
            #expect(lab.free.hiddenStates == sceneRun.view(free: true).trace.hiddenStates, "\(id) step \(n)")
            #expect(lab.gradients?.parameters == sceneRun.gradients?.parameters, "\(id) step \(n)")
            if let total = lab.shown.totalLoss {
                #expect(try Self.value("loss", playing) == .number(total), "\(id) step \(n)")
            } else {
                #expect(sceneRun.trace.totalLoss == nil, "\(id) step \(n)")
            }
            for t in 1...lab.steps {
                guard let shownLoss = lab.shown.loss(at: t) else { continue }
                #expect(try Self.value("loss@\(t)", playing) == .number(shownLoss), "\(id) step \(n), t = \(t)")
            }
        }
    }

    /// Lesson 07 step 1 shows a loss; the check `loss > 0` there was refused with "loss needs targets".
    @Test func theLossCheckOfLesson07Step1ReadsTheDisplayedLoss() throws {
        let lesson = try #require(Self.library.entry(id: "07-lstm")?.lesson)
        var playing = LessonState(lesson: lesson, runner: Self.library.runner, step: 1)
        playing.lab?.t = 1   // Jane, whose target is the next word, saw
        let lab = try #require(playing.lab)
        #expect(lab.targets?.first == lab.model.tokenIndex("saw"))
        let shownLoss = try #require(lab.shown.loss(at: 1), "step 1 has a target")
        let frame = AppFixtures.frame(AppState(screen: .lesson(playing), width: 80, height: 24))
        let displayed = "loss " + NumberFormat.compact(shownLoss, width: 6, decimals: 3)
        #expect(frame.contains(displayed), "\(displayed) on screen:\n\(frame)")
        #expect(try Self.value("loss > 0", playing) == .bool(true))
        #expect(try Self.value("loss@1", playing) == .number(shownLoss))
        #expect(try Self.value("loss", playing) == .number(try #require(lab.shown.totalLoss)))
    }
}
