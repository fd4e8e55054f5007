import Testing
@testable import UnrollTUI

@Suite struct LayoutTests {
    let screen = Rect(width: 80, height: 24)

    @Test func headerBodyFooter() {
        let rows = Layout.vertical([.length(1), .fill(1), .length(1)]).split(screen)
        #expect(rows == [Rect(x: 0, y: 0, width: 80, height: 1), Rect(x: 0, y: 1, width: 80, height: 22), Rect(x: 0, y: 23, width: 80, height: 1)])
    }

    @Test func percentagesAndRatiosOfTheSpace() {
        let cols = Layout.horizontal([.percentage(25), .ratio(1, 2), .fill(1)]).split(screen)
        #expect(cols.map(\.width) == [20, 40, 20])
        #expect(cols.map(\.x) == [0, 20, 60])
        #expect(cols.allSatisfy { $0.height == 24 && $0.y == 0 })
    }

    @Test func fillWeightsShareTheRestWithRemainderToTheFirst() {
        #expect(Layout.sizes(for: [.fill(1), .fill(2)], total: 10, spacing: 0) == [4, 6])
        #expect(Layout.sizes(for: [.fill(1), .fill(1), .fill(1)], total: 10, spacing: 0) == [4, 3, 3])
        #expect(Layout.sizes(for: [.length(3), .fill(0), .fill(0)], total: 10, spacing: 0) == [3, 4, 3])
    }

    @Test func minTakesLeftoverOnlyWhenNothingFills() {
        #expect(Layout.sizes(for: [.min(3), .length(2)], total: 10, spacing: 0) == [8, 2])
        #expect(Layout.sizes(for: [.min(3), .fill(1)], total: 10, spacing: 0) == [3, 7])
        #expect(Layout.sizes(for: [.length(2), .length(3)], total: 10, spacing: 0) == [2, 3])
    }

    @Test func overflowShrinksFromTheLastSegment() {
        #expect(Layout.sizes(for: [.length(6), .length(6), .length(6)], total: 10, spacing: 0) == [6, 4, 0])
        #expect(Layout.sizes(for: [.length(20), .fill(1)], total: 10, spacing: 0) == [10, 0])
    }

    @Test func spacingSitsBetweenSegments() {
        let cols = Layout.horizontal([.length(3), .fill(1), .length(3)], spacing: 1).split(Rect(x: 5, y: 2, width: 12, height: 3))
        #expect(cols == [Rect(x: 5, y: 2, width: 3, height: 3), Rect(x: 9, y: 2, width: 4, height: 3), Rect(x: 14, y: 2, width: 3, height: 3)])
    }

    @Test func degenerateInputs() {
        #expect(Layout.vertical([]).split(screen).isEmpty)
        #expect(Layout.vertical([.fill(1), .length(3)]).split(Rect(width: 5, height: 0)).map(\.height) == [0, 0])
        #expect(Layout.sizes(for: [.percentage(150), .ratio(1, 0), .length(-4)], total: 10, spacing: 0) == [10, 0, 0])
        #expect(Layout.sizes(for: [.fill(1), .fill(1)], total: 1, spacing: 5) == [0, 0])
    }

    @Test func segmentsTileTheRectangle() {
        for total in 0...30 {
            let sizes = Layout.sizes(for: [.length(4), .percentage(30), .fill(2), .min(2), .fill(1)], total: total, spacing: 0)
            #expect(sizes.reduce(0, +) == total, "total \(total): \(sizes)")
            #expect(sizes.allSatisfy { $0 >= 0 })
        }
    }

    @Test func centring() {
        #expect(screen.centered(width: 44, height: 11) == Rect(x: 18, y: 6, width: 44, height: 11))
        #expect(screen.centered(width: 100, height: 30) == screen)
        #expect(Rect(x: 10, y: 10, width: 5, height: 5).centered(width: 2, height: 2) == Rect(x: 11, y: 11, width: 2, height: 2))
        #expect(screen.centered(width: 10) == Rect(x: 35, y: 0, width: 10, height: 24))
        #expect(screen.centered(height: 4) == Rect(x: 0, y: 10, width: 80, height: 4))
    }

    @Test func rowAndColumnHelpers() {
        let r = Rect(x: 2, y: 3, width: 10, height: 4)
        #expect(r.rows([.length(1), .fill(1)]) == [Rect(x: 2, y: 3, width: 10, height: 1), Rect(x: 2, y: 4, width: 10, height: 3)])
        #expect(r.columns([.length(4), .fill(1)]).map(\.width) == [4, 6])
        #expect(r.row(2) == Rect(x: 2, y: 5, width: 10, height: 1))
        #expect(r.row(9).isEmpty && r.row(-1).isEmpty)
    }
}
