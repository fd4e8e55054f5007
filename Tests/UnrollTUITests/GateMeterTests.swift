import Testing
@testable import UnrollTUI

@Suite struct GateMeterTests {
    let meter = GateMeter(values: [0.5, 1, 0], labels: ["f0", "f1", "f2"], clamped: [2], focus: 1)

    @Test func metersWithClampTagInASCII() {
        #expect(text(meter, width: 30, height: 3, glyphs: .ascii) == block(
            " f0 ######..... 0.50",
            ">f1 ########### 1.00",
            " f2 ........... 0.00 [clamped]"))
    }

    @Test func eighthCellsInUTF8() {
        #expect(text(meter, width: 30, height: 3) == block(
            " f0 █████▌····· 0.50",
            ">f1 ███████████ 1.00",
            " f2 ··········· 0.00 [clamped]"))
    }

    @Test func narrowAreasMarkClampsWithAnEqualsSign() {
        #expect(text(meter, width: 14, height: 3, glyphs: .ascii) == block(
            " f0 ##.. 0.50",
            ">f1 #### 1.00",
            " f2 .... 0.00="))
    }

    @Test func clampedGateIsPinnedWithEqualsAndTheClampRole() {
        let m = GateMeter(values: [1, 0.5], labels: ["o", "i"], clamped: [0])
        let buffer = draw(m, width: 27, height: 2, glyphs: .ascii)
        #expect(buffer.text == block("o ========== 1.00 [clamped]", "i #####..... 0.50"))
        #expect(buffer.text(withRole: .clamped) == block("  ========== 1.00 [clamped]", ""))
        #expect(buffer.text(withRole: .gate) == block("", "  #####"))
    }

    @Test func rolesForFocusTrackAndCustomFill() {
        let buffer = draw(GateMeter(values: [0.5], labels: ["c"], focus: 0, role: .memory), width: 14, height: 1, glyphs: .ascii)
        #expect(buffer.styledText == block(">c ###... 0.50", "FF MMMmmm"))
    }

    @Test func outOfRangeValuesAreClippedButPrinted() {
        #expect(text(GateMeter(values: [1.5, -0.2, .nan]), width: 12, height: 3, glyphs: .ascii) == block(
            "0 ##### 1.50", "1 ..... -0.2", "2 .....  nan"))
    }

    @Test func offsetScrolls() {
        var m = meter
        m.offset = 2
        m.focus = nil
        #expect(text(m, width: 14, height: 3, glyphs: .ascii) == block("f2 ..... 0.00=", "", ""))
    }
}
