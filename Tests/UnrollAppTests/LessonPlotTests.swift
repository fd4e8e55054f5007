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
        #expect(lab.trainJob().config.frozenTensors == ["weight_hh_l0"])
        #expect(try AppFixtures.lstmLab().trainJob().config.frozenTensors.isEmpty)
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
