import Testing
import UnrollApp
import UnrollCore
import UnrollLessons
import UnrollTUI

/// A frame is a function of the state alone: no cache, clock or process-wide value reaches the
/// view, so equal states render equal frames (issue 11, item 5).
@Suite struct FrameDeterminismTests {
    static func frame(_ state: AppState, glyphs: Glyphs) -> Buffer {
        var buffer = Buffer(width: state.width, height: state.height)
        view(state, into: &buffer, glyphs: glyphs)
        return buffer
    }

    @Test func equalStatesRenderEqualFrames() throws {
        // Two independent builds of every screen's state: the second sees whatever the first left in any cache.
        let first = try KeyMapTests.states()
        let second = try KeyMapTests.states()
        #expect(first.map(\.0) == second.map(\.0))
        for ((name, a), (_, b)) in zip(first, second) {
            for glyphs in [Glyphs.utf8, .ascii] {
                let fa = Self.frame(a, glyphs: glyphs)
                #expect(fa == Self.frame(a, glyphs: glyphs), "\(name): the same state drawn twice")
                #expect(fa == Self.frame(b, glyphs: glyphs), "\(name): an equal state built again")
            }
        }
    }

    /// A lesson step computed on two runners (two caches) draws the same frame.
    @Test func aLessonStepDrawsTheSameOnAFreshRunner() throws {
        let library = ShippedLessonWalkTests.library
        let lesson = try #require(library.entry(id: "07-lstm")?.lesson)
        let fresh = SceneRunner(models: library.runner.models)
        for step in [1, 3] {
            let a = AppState(screen: .lesson(LessonState(lesson: lesson, runner: library.runner, step: step)), width: 100, height: 30)
            let b = AppState(screen: .lesson(LessonState(lesson: lesson, runner: fresh, step: step)), width: 100, height: 30)
            #expect(Self.frame(a, glyphs: .utf8) == Self.frame(b, glyphs: .utf8), "step \(step)")
        }
    }
}
