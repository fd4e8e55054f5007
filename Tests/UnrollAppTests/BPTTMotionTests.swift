import Testing
@testable import UnrollApp
import UnrollCore
import UnrollTUI

/// Motion on the BPTT screen: a step flows the gradient back into the cursor's box for a few short
/// frames, right to left; the tick stops when nothing moves; motion off draws the still frame at once.
@Suite struct BPTTMotionTests {
    static func state(motion: Bool, t: Int = 4) throws -> AppState {
        var screen = try BPTTScreenTests.lstm(t: t)
        screen.motion = motion
        return BPTTScreenTests.state(screen, width: 120, height: 40)
    }

    /// The columns of the bead on the chain's rows.
    static func beads(_ s: AppState) -> [Int] {
        let lines = AppFixtures.frame(s).split(separator: "\n", omittingEmptySubsequences: false).prefix(12)
        return lines.flatMap { line in line.enumerated().filter { $0.element == "●" }.map(\.offset) }
    }

    @Test func aStepFlowsBackRightToLeftForAFewFramesThenTheTickStops() throws {
        var s = try Self.state(motion: true)
        #expect(s.tickMilliseconds == nil, "idle: no tick")
        AppFixtures.press(&s, [.left])
        #expect(s.bptt?.t == 3 && s.bptt?.flowFrame == 0)
        let ms = try #require(s.tickMilliseconds)
        #expect(ms * LabState.flowFrames <= 300, "a flow lasts at most 300 ms")
        var positions: [Int] = []
        for _ in 0..<LabState.flowFrames {
            let b = Self.beads(s)
            #expect(!b.isEmpty, "the bead is on the arrow at frame \(s.bptt?.flowFrame ?? -1)")
            positions.append(b.min() ?? 0)
            _ = update(&s, .tick)
        }
        // (On a 3-column arrow two frames may share a column: never rightwards, and it gets across.)
        #expect(positions == positions.sorted(by: >) && (positions.first ?? 0) > (positions.last ?? 0), "the bead moves right to left: \(positions)")
        #expect(s.bptt?.flowFrame == nil && s.tickMilliseconds == nil, "still again: the tick stops")
        #expect(Self.beads(s).isEmpty)
    }

    @Test func keysDuringAFlowAreHandledAtOnceAndTheLastStepHasNothingToFlowFrom() throws {
        var s = try Self.state(motion: true)
        AppFixtures.press(&s, [.left, .left, .left])
        #expect(s.bptt?.t == 1 && s.bptt?.flowFrame == 0, "three steps, no frame waited for")
        AppFixtures.press(&s, [.end])
        #expect(s.bptt?.flowFrame == nil && s.tickMilliseconds == nil, "End jumps without a flow")
        var last = try Self.state(motion: true, t: 7)
        AppFixtures.press(&last, [.right])
        #expect(last.bptt?.t == 8 && last.bptt?.flowFrame == nil && last.tickMilliseconds == nil, "no box after T: nothing flows in")
    }

    @Test func motionOffDrawsTheFinalFrameAtOnce() throws {
        var still = try Self.state(motion: false)
        AppFixtures.press(&still, [.left])
        #expect(still.bptt?.flowFrame == nil && still.tickMilliseconds == nil)
        var moving = try Self.state(motion: true)
        AppFixtures.press(&moving, [.left])
        #expect(AppFixtures.frame(moving) != AppFixtures.frame(still), "with motion the first frame has the bead")
        for _ in 0..<LabState.flowFrames { _ = update(&moving, .tick) }
        #expect(AppFixtures.frame(moving) == AppFixtures.frame(still), "the flow ends on the frame motion off shows at once")
    }

    @Test func theSweepFlowsIntoEachStepItReachesAndPausingStopsIt() throws {
        var s = try Self.state(motion: true)
        AppFixtures.press(&s, [.char(" ")])
        #expect(s.bptt?.playing == true && s.bptt?.t == s.bptt?.steps)
        var flowed = false
        for _ in 0..<8 { _ = update(&s, .tick); if s.bptt?.flowFrame == 0 { flowed = true } }
        #expect(flowed && s.bptt?.t == (s.bptt?.steps ?? 0) - 1, "a swept step flows like a step back")
        AppFixtures.press(&s, [.char(" ")])
        #expect(s.bptt?.playing == false && s.bptt?.flowFrame == nil && s.tickMilliseconds == nil, "paused: idle at once")
        var off = try Self.state(motion: false)
        AppFixtures.press(&off, [.char(" ")])
        for _ in 0..<8 { _ = update(&off, .tick) }
        #expect(off.bptt?.flowFrame == nil, "motion off: the sweep does not flow")
    }

    @Test func theLabsMotionSettingCarriesIntoBPTT() throws {
        var lab = try AppFixtures.lstmLab()
        lab.motion = false
        #expect(BPTTState(lab: lab).motion == false)
        lab.motion = true
        #expect(BPTTState(lab: lab).motion == true)
    }
}
