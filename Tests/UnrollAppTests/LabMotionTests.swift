import Testing
import UnrollApp
import UnrollTUI

/// Motion in the lab: a step forward flows for a few short frames, keys are never held up, and
/// the tick stops when nothing moves.
@Suite struct LabMotionTests {
    @Test func aStepForwardFlowsForAFewFramesThenTheTickStops() throws {
        var s = AppFixtures.state(try AppFixtures.lstmLab())
        #expect(s.tickMilliseconds == nil, "idle: no tick")
        AppFixtures.press(&s, [.right])
        #expect(s.lab?.t == 2 && s.lab?.flowFrame == 0)
        let ms = try #require(s.tickMilliseconds)
        #expect(ms * LabState.flowFrames <= 300, "a flow lasts at most 300 ms")
        #expect(AppFixtures.frame(s).contains("●"), "the bead is on the arrow")
        for _ in 0..<LabState.flowFrames { _ = update(&s, .tick) }
        #expect(s.lab?.flowFrame == nil && s.tickMilliseconds == nil, "still again: the tick stops")
        #expect(!AppFixtures.frame(s).contains("●"))
    }

    @Test func keysDuringAFlowAreHandledAtOnce() throws {
        var s = AppFixtures.state(try AppFixtures.lstmLab())
        AppFixtures.press(&s, [.right, .right, .right])
        #expect(s.lab?.t == 4, "three steps, no frame waited for")
        AppFixtures.press(&s, [.left])
        #expect(s.lab?.t == 3 && s.lab?.flowFrame == nil, "stepping back does not flow")
    }

    @Test func motionOffNeverAnimates() throws {
        var lab = try AppFixtures.lstmLab()
        lab.motion = false
        var s = AppFixtures.state(lab)
        AppFixtures.press(&s, [.right])
        #expect(s.lab?.t == 2 && s.lab?.flowFrame == nil && s.tickMilliseconds == nil)
    }

    @Test func playModeFlowsIntoEachNewBox() throws {
        var lab = try AppFixtures.lstmLab()
        lab.motion = true
        var s = AppFixtures.state(lab)
        AppFixtures.press(&s, [.char(" ")])
        #expect(s.lab?.playing == true)
        var flowed = false
        for _ in 0..<12 { _ = update(&s, .tick); if s.lab?.flowFrame == 0 { flowed = true } }
        #expect(s.lab?.t == 2 && flowed, "a played step flows like a step forward")
        var off = try AppFixtures.lstmLab()
        off.motion = false
        var still = AppFixtures.state(off)
        AppFixtures.press(&still, [.char(" ")])
        for _ in 0..<12 { _ = update(&still, .tick) }
        #expect(still.lab?.t == 2 && still.lab?.flowFrame == nil, "motion off: played steps do not flow")
    }

    @Test func aLessonStepAlongTheChainFlowsThenTheTickStops() throws {
        var s = try LessonPlayerTests.state(step: 2, width: 80, height: 24)
        s.currentLab?.motion = true
        AppFixtures.press(&s, [.char("h")])
        #expect(s.tickMilliseconds == nil, "a step back does not flow")
        AppFixtures.press(&s, [.char("l")])
        #expect(s.currentLab?.flowFrame == 0 && s.tickMilliseconds != nil, "a step forward flows in the lesson's chain")
        #expect(AppFixtures.frame(s).contains("●"))
        for _ in 0..<LabState.flowFrames { _ = update(&s, .tick) }
        #expect(s.currentLab?.flowFrame == nil && s.tickMilliseconds == nil, "idle again")
    }
}
