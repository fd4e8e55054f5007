import Testing
@testable import UnrollTUI

@Suite struct TimelineTests {
    let short = Timeline(steps: [Timeline.Step("Jane"), Timeline.Step("saw", mark: "clamp", markRole: .clamped), Timeline.Step("Spot.", mark: "target Doug", markRole: .accent)], current: 1)
    static let tokens = ["Jane", "saw", "Spot.", "Doug", "saw", "Jane.", "Spot", "saw", "Doug."]

    @Test func stepsCursorAndMarksInUTF8() {
        #expect(text(short, width: 40, height: 3) == block(
            "t=1 Jane → t=2 saw → t=3 Spot.",
            "           ▲▲▲▲▲▲▲",
            "           clamp     target Doug"))
    }

    @Test func stepsCursorAndMarksInASCII() {
        #expect(text(short, width: 40, height: 3, glyphs: .ascii) == block(
            "t=1 Jane > t=2 saw > t=3 Spot.",
            "           ^^^^^^^",
            "           clamp     target Doug"))
    }

    @Test func currentStepIsFocusedAndMarksKeepTheirRoles() {
        let buffer = draw(short, width: 40, height: 3)
        #expect(buffer.text(withRole: .focus) == block("           t=2 saw", "           ▲▲▲▲▲▲▲", ""))
        #expect(buffer.text(withRole: .clamped) == block("", "", "           clamp"))
        #expect(buffer[0, 0].style.role == .muted && buffer[4, 0].style.role == .text)
    }

    @Test func marksAreCutToTheirSlot() {
        let t = Timeline(steps: [Timeline.Step("a", mark: "a very long mark"), Timeline.Step("b")])
        // slot "t=1 a" is 5 wide; a mark may use the slot and the gap before the arrow (7 columns).
        #expect(text(t, width: 20, height: 3, glyphs: .ascii) == block("t=1 a > t=2 b", "", "a very~"))
    }

    @Test func heightLimitsRows() {
        #expect(text(short, width: 40, height: 1) == "t=1 Jane → t=2 saw → t=3 Spot.")
        #expect(text(short, width: 40, height: 2, glyphs: .ascii) == block("t=1 Jane > t=2 saw > t=3 Spot.", "           ^^^^^^^"))
    }

    @Test func longSequencesScrollAroundTheCurrentStep() {
        let t = Timeline(tokens: TimelineTests.tokens, current: 4)
        #expect(text(t, width: 40, height: 2, glyphs: .ascii) == block(
            "< t=4 Doug > t=5 saw > t=6 Jane.       >",
            "             ^^^^^^^"))
    }

    @Test func scrollingStopsAtBothEnds() {
        var t = Timeline(tokens: TimelineTests.tokens, current: 0)
        #expect(text(t, width: 40, height: 1, glyphs: .ascii) == "t=1 Jane > t=2 saw > t=3 Spot.         >")
        t.current = 8
        #expect(text(t, width: 40, height: 1, glyphs: .ascii) == "< t=7 Spot > t=8 saw > t=9 Doug.")
    }

    @Test func explicitFirstVisibleStep() {
        var t = Timeline(tokens: TimelineTests.tokens)
        t.firstVisible = 2
        #expect(text(t, width: 30, height: 1, glyphs: .ascii) == "< t=3 Spot. > t=4 Doug       >")
    }

    @Test func hitTestMatchesTheDrawing() {
        let t = Timeline(tokens: TimelineTests.tokens, current: 4)
        let area = Rect(x: 0, y: 0, width: 40, height: 2)
        let steps = (0..<40).map { t.step(atColumn: $0, area: area) }
        #expect(steps[0] == nil && steps[1] == nil)
        #expect(steps[2...9].allSatisfy { $0 == 3 })
        #expect(steps[10] == nil && steps[11] == nil && steps[12] == nil)
        #expect(steps[13...19].allSatisfy { $0 == 4 })
        #expect(steps[23...31].allSatisfy { $0 == 5 })
        #expect(steps[39] == nil)
        #expect(t.step(atColumn: 45, area: area) == nil)
        let offset = Rect(x: 10, y: 5, width: 40, height: 2)
        #expect(t.step(atColumn: 12, area: offset) == 3 && t.step(atColumn: 2, area: offset) == nil)
    }

    @Test func hitTestAgreesWithFocusCellsForEveryCurrentStep() {
        let area = Rect(x: 3, y: 0, width: 33, height: 2)
        for current in TimelineTests.tokens.indices {
            let t = Timeline(tokens: TimelineTests.tokens, current: current)
            var buffer = Buffer(width: 40, height: 2)
            t.render(into: &buffer, area: area, glyphs: .ascii)
            let cursorColumns = (0..<40).filter { buffer[$0, 1].character == "^" }
            #expect(!cursorColumns.isEmpty, "current \(current) not visible")
            #expect(cursorColumns.allSatisfy { t.step(atColumn: $0, area: area) == current })
        }
    }

    @Test func aSingleStepWiderThanTheAreaIsCut() {
        #expect(text(Timeline(tokens: ["Supercalifragilistic"], current: 0), width: 10, height: 2, glyphs: .ascii) == block("t=1 Superc", "^^^^^^^^^^"))
    }

    @Test func firstTShiftsTheNumbering() {
        #expect(text(Timeline(tokens: ["a", "b"], firstT: 0), width: 20, height: 1, glyphs: .ascii) == "t=0 a > t=1 b")
    }
}
