import Foundation
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

/// One number formatter, one minus sign: no frame writes a number with U+2212 (issue 11, item 8).
@Suite struct OneMinusSignTests {
    @Test func framesWriteNegativeNumbersWithHyphenMinus() throws {
        var explain = AppState(screen: .lab(try AppFixtures.lstmLab()), width: 120, height: 40)
        explain.overlay = .explain
        for (name, state) in try KeyMapTests.states() + [("explain", explain)] {
            let text = FrameDeterminismTests.frame(state, glyphs: .utf8).text
            #expect(text.range(of: "(^|[\\s(=])−[0-9]", options: .regularExpression) == nil, "\(name):\n\(text)")
        }
    }

    @Test func theExplanationLineUsesTheOneFormatter() throws {
        let lab = try AppFixtures.lstmLab()
        let e = lab.explanation
        let line = e.text(maxTerms: 3)
        #expect(line.hasSuffix("= " + NumberFormat.short(e.value)))
        #expect(!line.contains("−"))
        #expect(NumberFormat.short(-0.5) == "-0.50" && NumberFormat.shortSigned(-0.004) == "-0.00" && NumberFormat.short(-2e-5) == "-2.0e-5")
        #expect(NumberFormat.short(.nan) == "nan" && NumberFormat.short(-.infinity) == "-inf" && NumberFormat.short(1e19) == "1e+19")
    }
}
