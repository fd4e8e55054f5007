import Testing
import UnrollApp
import UnrollCore
import UnrollLessons
import UnrollTUI

/// The lesson player's panels: the unrolled chain where the scene asks for the timeline, sized to the space.
@Suite struct LessonPanelsTests {
    static let library = LessonLibrary.load(directory: LessonPlayerTests.fixtures)

    @Test func theLessonPlayerDrawsTheChainNotTheOldTimeline() throws {
        for (w, h) in [(80, 24), (120, 40), (200, 60)] {
            let s = try LessonPlayerTests.state(step: 2, width: w, height: h)
            var buffer = Buffer(width: w, height: h)
            view(s, into: &buffer, glyphs: .utf8)
            let text = buffer.text
            #expect(text.contains("┏t=6"), "the cursor's box at \(w)x\(h)")
            let markerRow = text.split(separator: "\n").contains { row in row.contains("▲") && row.allSatisfy { $0 == "▲" || $0 == " " } }
            #expect(!markerRow, "no stray ▲▲▲ marker row under a token at \(w)x\(h)")
            #expect(!text.contains("t=1 Jane → t=2"), "not the old one-line timeline at \(w)x\(h)")
        }
    }

    @Test func theChainGetsItsFullHeightWhenThereIsRoomAndShrinksWhenNot() throws {
        let roomy = try #require(LessonPlayerTests.state(step: 2, width: 200, height: 60).lesson)
        let wide = LessonPanels(roomy, area: Rect(x: 0, y: 0, width: 120, height: 50))
        let chain = try #require(roomy.lab?.chain())
        #expect(wide.rect(.chain)?.height == chain.fullHeight)
        #expect(wide.cut.isEmpty)
        let tight = LessonPanels(roomy, area: Rect(x: 0, y: 0, width: 80, height: chain.minimalHeight + roomy.lab!.model.outputSize + 3))
        #expect(tight.rect(.chain)?.height == chain.minimalHeight)
        #expect(tight.cut.isEmpty, "the prediction keeps the rows it needs")
        let tooSmall = LessonPanels(roomy, area: Rect(x: 0, y: 0, width: 80, height: chain.minimalHeight + 2))
        #expect(tooSmall.cut == [.prediction])
    }

    @Test func panelsNeverOverlapAndStayInTheirArea() throws {
        for step in 1...5 {
            let lesson = try #require(LessonPlayerTests.state(step: step).lesson)
            for (w, h) in [(80, 12), (120, 30), (60, 40)] {
                let area = Rect(x: 0, y: 3, width: w, height: h)
                let panels = LessonPanels(lesson, area: area)
                for (k, a) in panels.placed.enumerated() {
                    #expect(a.rect.intersection(area) == a.rect, "\(a.piece) inside at step \(step) \(w)x\(h)")
                    for b in panels.placed.dropFirst(k + 1) {
                        #expect(a.rect.intersection(b.rect).isEmpty, "\(a.piece) and \(b.piece) at step \(step) \(w)x\(h)")
                    }
                }
            }
        }
    }
}
