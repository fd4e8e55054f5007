import Foundation
import Testing
import UnrollApp
import UnrollCore
import UnrollLessons
import UnrollTUI

/// Lesson plots are the core's series, for every kind and edge parameters.
@Suite struct LessonPlotTests {
    static func run() throws -> SceneRun {
        let lesson = try App.openLesson("example", step: 1, in: LessonPlayerTests.library).get()
        return try #require(lesson.sceneRun)
    }

    static func spec(_ kind: String, _ parameters: [String: PlotValue] = [:]) -> PlotSpec {
        PlotSpec(kind: Located(kind, at: SourcePosition(line: 1, column: 1)), parameters: parameters)
    }

    @Test func squashWithOneCompositionAndTheSeriesValues() throws {
        let one = try #require(LessonPlot.compute(Self.spec("squash", ["n": .number(1)]), run: try Self.run(), scale: 1))
        #expect(one.series.count == 1)
        let five = try #require(LessonPlot.compute(Self.spec("squash", ["function": .text("tanh"), "n": .number(5)]), run: try Self.run(), scale: 1))
        #expect(five.series.map(\.name) == ["tanh×1", "tanh×2", "tanh×5"])
        let c = SquashComposition(function: .tanh, depth: 5)
        #expect(five.series.last?.points.map(\.y) == c.values(depth: 5))
    }

    @Test func powerFollowsTheScale() throws {
        let run = try Self.run()
        let a = try #require(LessonPlot.compute(Self.spec("power"), run: run, scale: 0.5))
        let b = try #require(LessonPlot.compute(Self.spec("power"), run: run, scale: 2))
        #expect(a.logY && b.logY)
        #expect((a.series[0].points.last?.y ?? 1) < (b.series[0].points.last?.y ?? 0))
        let rho = run.model.recurrentSpectralRadius()
        #expect(b.caption.contains(NumberFormat.fixed(rho * 2, decimals: 3)))
    }

    @Test func everyKindComputesAndUnknownKindsDoNot() throws {
        let run = try Self.run()
        for kind in ["toy_loop", "distance", "loss", "bptt"] {
            #expect(LessonPlot.compute(Self.spec(kind), run: run, scale: 1) != nil, "\(kind)")
        }
        #expect(LessonPlot.compute(Self.spec("pie"), run: run, scale: 1) == nil)
        let loop = try #require(LessonPlot.compute(Self.spec("toy_loop", ["function": .text("none"), "w": .number(2), "steps": .number(10)]), run: run, scale: 1))
        #expect(loop.logY && loop.series[0].points.last?.y == 1023)
    }

    @Test func aMemorylessModelTrainsWithoutGainingMemory() throws {
        var model = try AppFixtures.model("dinner-rnn")
        model.scaleRecurrentWeights(by: 0)
        let lab = try LabState(title: "ff", model: model, inputText: "pizza sushi waffles")
        #expect(lab.defaultTrainingSettings().frozenTensors == ["weight_hh_l0"])
        #expect(try AppFixtures.lstmLab().defaultTrainingSettings().frozenTensors.isEmpty)
    }
}

/// Lint judges fit with the real player: a step asking for more panels than 80×24 holds is reported.
@Suite struct LessonFitTests {
    @Test func anOverfullStepIsReportedAndAFittingOneIsNot() throws {
        let library = LessonPlayerTests.library
        let lesson = try #require(library.lesson(id: "example"))
        #expect(LessonFit.problem(lesson, step: 1, runner: library.runner) == nil)
        // The same lesson's step 3 at a height where its table cannot show.
        let problem = LessonFit.problem(lesson, step: 3, runner: library.runner, width: 80, height: 14)
        #expect(problem?.contains("gates") == true, "\(problem ?? "no problem reported")")
        var options = Linter.Options()
        options.stepFit = { l, step, runner in LessonFit.problem(l, step: step, runner: runner, width: 80, height: 14) }
        let report = Linter(options: options).lint(lesson, runner: library.runner)
        #expect(report.contains { $0.message.contains("do not fit") })
    }
}

/// Lesson 9 step 9 trains on this sentence, and its per-step loss follows the live model.
@Suite struct LessonTrainingTests {
    @Test func lessonNineTrainsOnThisSentenceAndItsLossFalls() throws {
        let library = LessonLibrary.load(files: LessonLibrary.builtIn)
        let lesson = try #require(library.entries.first { $0.id.hasPrefix("09") }?.lesson)
        let step = try #require(lesson.steps.firstIndex { $0.title == "Your turn: train" }) + 1
        var s = try AppFixtures.lessonState(lesson.id, step: step, library: library, width: 120, height: 40)
        #expect(s.lesson?.step.scene.train?.value == .sentence)
        let before = try #require(s.lesson?.plot?.series.first?.points.map(\.y))
        let effects = AppFixtures.press(&s, [.char("t")])
        guard case var .train(start)? = effects.first(where: { $0.isTrain }) else { Issue.record("t starts training"); return }
        #expect(start.session.data.name == "this sentence")
        let lab = try #require(s.lesson?.lab)
        #expect(start.session.data.examples(epoch: 1).first?.targets == lab.targets ?? [], "exactly the scene's sentence and targets")
        let records = (0..<30).map { _ in start.session.step() }
        _ = update(&s, .trainingSnapshot(PacedTraining.Snapshot(model: start.session.model, records: records, updates: 30, finished: false)))
        let after = try #require(s.lesson?.plot?.series.first?.points.map(\.y))
        #expect(after.reduce(0, +) < before.reduce(0, +), "the per-step loss of this sentence falls")
        #expect(after.count == before.count)
        #expect(s.lesson?.plot?.title.contains("after 30 updates") == true)
        let frame = AppFixtures.frame(s)
        #expect(frame.contains("training on this sentence"))
        // Two losses on one screen, each named: the training panel's is the last update's, measured
        // before it was applied; the plot's is the sentence's total now, after 30 updates.
        #expect(frame.contains("loss before update 30"), "\(frame)")
        #expect(frame.contains("total loss = sum over steps = "))
        let beforeUpdate = try #require(records.last?.loss), now = try #require(s.lesson?.lab?.shown.totalLoss)
        #expect(beforeUpdate != now, "the two numbers differ, which is why both are named")
        // Space pauses here (it never advances the step).
        let number = s.lesson?.stepNumber
        AppFixtures.press(&s, [.char(" ")])
        #expect(s.lesson?.lab?.training?.paused == true && s.lesson?.stepNumber == number)
    }

    @Test func anUnknownOrUnfitTrainingSourceIsReported() throws {
        let bad = TrainingSource.dinner.problem(for: try AppFixtures.model("book-lstm"), hasTargets: true)
        #expect(bad?.contains("dinner menu") == true)
        #expect(TrainingSource.story.problem(for: try AppFixtures.model("book-lstm"), hasTargets: true) == nil)
        #expect(TrainingSource.sentence.problem(for: try AppFixtures.model("book-lstm"), hasTargets: false) != nil)
    }
}
