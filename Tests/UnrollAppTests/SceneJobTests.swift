import Foundation
import Testing
import UnrollApp
import UnrollCore
import UnrollLessons
import UnrollTUI

/// A lesson step's scene is computed off the update loop: `update` asks for it with an effect,
/// the screen says what is being computed, and the result comes back as a message.
@Suite struct SceneJobTests {
    static let library = LessonLibrary.load(directory: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("UnrollLessonsTests/Fixtures").path)

    static func jobs(_ effects: [Effect]) -> [SceneJob] {
        effects.compactMap { if case let .computeScene(job) = $0 { return job } else { return nil } }
    }

    @Test func updateAsksForTheSceneAndTheScreenSaysSo() throws {
        var s = try AppFixtures.lessonState(step: 1, library: Self.library)
        #expect(s.lesson?.lab != nil, "opening a lesson (in the runner) computes its first step")
        let effects = update(&s, .key(.right))
        let job = try #require(Self.jobs(effects).first, "the next step's scene is an effect")
        #expect(s.lesson?.stepNumber == 2 && s.lesson?.computing == job)
        #expect(s.lesson?.lab == nil && s.lesson?.checkResults.isEmpty == true, "nothing of the old step's scene is shown as the new one's")
        #expect(AppFixtures.frame(s).contains("computing step 2"), "the screen says what is being computed")
        #expect(s.tickMilliseconds != nil, "ticks drain the result")
        _ = update(&s, .sceneComputed(job, job.compute()))
        #expect(s.lesson?.computing == nil && s.lesson?.run != nil)
        #expect(!AppFixtures.frame(s).contains("computing step"))
    }

    /// Job ids come from the runner, not a process-wide counter: a job of another runner (another
    /// lesson library) never lands, even with the same id, lesson and step.
    @Test func aSceneFromAnotherRunnerIsDropped() throws {
        let lesson = try App.openLesson("example", step: 1, in: Self.library).get()
        var mine = lesson
        let job = mine.prepare(step: 2)
        let otherRunner = SceneRunner(models: Self.library.runner.models)
        var other = LessonState(lesson: lesson.lesson, runner: otherRunner, step: 1, computeScene: false)
        let foreign = other.prepare(step: 2)
        #expect(foreign != job)
        let tookForeign = mine.arrive(foreign.compute(), for: foreign)
        #expect(!tookForeign, "another runner's job is not taken")
        #expect(mine.computing == job)
        let tookOwn = mine.arrive(job.compute(), for: job)
        #expect(tookOwn)
    }

    @Test func aLateSceneForAStepLeftIsDropped() throws {
        var s = try AppFixtures.lessonState(step: 1, library: Self.library)
        let first = try #require(Self.jobs(update(&s, .key(.right))).first)
        let second = try #require(Self.jobs(update(&s, .key(.right))).first)
        #expect(s.lesson?.stepNumber == 3)
        _ = update(&s, .sceneComputed(first, first.compute()))
        #expect(s.lesson?.computing == second, "step 2's scene does not land on step 3")
        _ = update(&s, .sceneComputed(second, second.compute()))
        #expect(s.lesson?.computing == nil)
        var direct = try AppFixtures.lessonState(step: 3, library: Self.library)
        direct.width = s.width
        direct.height = s.height
        #expect(AppFixtures.frame(s) == AppFixtures.frame(direct), "equal states render equal frames")
    }

    @Test func answersWaitForTheScene() throws {
        for step in 1...4 {
            var s = try AppFixtures.lessonState(step: step, library: Self.library)
            guard let lesson = s.lesson, !lesson.questions.isEmpty, case .choices = lesson.questions[0].question.kind else { continue }
            let job = try #require(Self.jobs(update(&s, .key(.char("r")))).first, "r recomputes the scene as an effect")
            _ = update(&s, .key(.char("1")))
            #expect(s.lesson?.questions[0].revealed == nil && s.lesson?.note?.contains("still being computed") == true)
            _ = update(&s, .sceneComputed(job, job.compute()))
            _ = update(&s, .key(.char("1")))
            #expect(s.lesson?.questions[0].revealed != nil, "once the scene is here, 1 answers")
            return
        }
        Issue.record("the fixture lesson has no choice question")
    }

    @Test func theAppComputesTheSceneInTheBackground() throws {
        let lesson = try App.openLesson("example", step: 1, in: Self.library).get()
        let app = App(state: AppState(screen: .lesson(lesson), width: 100, height: 30), library: Self.library)
        _ = app.handle(.key(.right))
        app.waitForBackgroundWork(timeoutSeconds: 60)
        #expect(app.state.lesson?.stepNumber == 2 && app.state.lesson?.computing == nil && app.state.lesson?.run != nil)
    }

    @Test func openingALessonLeavesItsFirstSceneToTheEffect() throws {
        var s = AppState(screen: .start(StartState(entries: StartState.lessons(Self.library, progress: StudyProgress()))))
        let lesson = try App.openLesson("example", step: 2, in: Self.library, computeScene: false).get()
        #expect(lesson.computing != nil && lesson.lab == nil && lesson.stepNumber == 2)
        let effects = update(&s, .lessonResult(.success(lesson)))
        let job = try #require(Self.jobs(effects).first, "the first scene is an effect too")
        #expect(AppFixtures.frame(s).contains("computing step 2"))
        _ = update(&s, .sceneComputed(job, job.compute()))
        let opened = try AppFixtures.lessonState(step: 2, library: Self.library, width: s.width, height: s.height)
        #expect(s.lesson?.computing == nil && AppFixtures.frame(s) == AppFixtures.frame(opened), "the same frame as a lesson opened at once")
    }
}
