import SnapshotTesting
import Testing
@testable import UnrollTUI

/// The tall chain of a projector: with `tall` and the rows for it, every unit of h (and c) gets a
/// labelled block of rows, as many rows per unit as fit (up to `tallUnitRowsLimit`).
@Suite struct TallChainTests {
    static func tall(_ model: ChainModel, mode: UnrolledChain.Mode = .forward) -> UnrolledChain {
        var chain = UnrolledChain(model: model, cursor: 3, mode: mode)
        chain.tall = true
        return chain
    }

    /// The LSTM and the plain RNN at 200×60: colour (role codes), no colour, ASCII.
    @Test(arguments: ["lstm", "rnn"]) func snapshotAt200x60(_ name: String) {
        let model = name == "lstm" ? ChainSamples.lstm : ChainModel(steps: ChainSamples.steps(lstm: false))
        let chain = Self.tall(model)
        let utf8 = draw(chain, width: 200, height: 60)
        assertSnapshot(of: utf8.styledText, as: .lines, named: "\(name)-200x60-colour")
        assertSnapshot(of: utf8.text, as: .lines, named: "\(name)-200x60-nocolour")
        let ascii = draw(chain, width: 200, height: 60, glyphs: .ascii)
        assertSnapshot(of: ascii.text, as: .lines, named: "\(name)-200x60-ascii")
        #expect(ascii.text.allSatisfy { $0.isASCII })
    }

    @Test func everyUnitHasALabelledBlockAndTheBlocksGrowWithTheRows() {
        let chain = Self.tall(ChainSamples.lstm)
        // H = 5 with c: ten blocks. One row each at tallHeight, more as the area grows.
        #expect(chain.tallUnitRows(in: chain.tallHeight - 1) == 0 && chain.tallUnitRows(in: chain.tallHeight) == 1)
        #expect(chain.tallHeight(unitRows: 2) == chain.tallHeight + 10)
        #expect(chain.tallUnitRows(in: 60) == 5, "60 rows: 1 + 2 + 10·5 + 2 = 55 fit, 10 more do not")
        let text = draw(chain, width: 200, height: 60).text
        for u in 0..<5 {
            #expect(text.contains("h\(u) "), "h\(u) labelled")
            #expect(text.contains("c\(u) "), "c\(u) labelled")
        }
        // Each label sits on its block's middle row, with an arrow to the next box on it.
        let lines = text.split(separator: "\n").map(String.init)
        let h0 = lines.filter { $0.contains("h0 ") }
        #expect(h0.count == 1 && h0[0].contains("──▶") && h0[0].contains("┃"))
        #expect(lines.filter { $0.contains("──▶") }.count == 5 && lines.filter { $0.contains("══▶") }.count == 5, "one arrow per unit")
    }

    @Test func aBarIsAsLongAsTheValueIsStrong() {
        var strong = ChainSamples.steps(count: 2, lstm: false, H: 2)
        strong[0].layers = [ChainState(hidden: [1, 0.25])]
        strong[1].layers = [ChainState(hidden: [-0.5, 0])]
        var chain = UnrolledChain(model: ChainModel(steps: strong), cursor: nil)
        chain.tall = true
        let buffer = draw(chain, width: 120, height: chain.tallHeight)
        let lines = buffer.lines
        func count(_ ch: Character, on row: Int) -> Int { lines[row].filter { $0 == ch }.count }
        // Rows: prediction, top border, h0, h1, bottom border, token, legend.
        let full = count("▲", on: 2), quarter = count("△", on: 3)
        #expect(full > 0 && quarter > 0 && quarter * 3 < full, "|1| fills the bar, |0.25| about a quarter: \(full) vs \(quarter)")
        #expect(count("▼", on: 2) > 0 && count("▼", on: 2) < full, "|−0.5| half of it")
    }

    @Test func withoutTallOrTooManyUnitsTheChainKeepsItsUsualForm() {
        let usual = UnrolledChain(model: ChainSamples.lstm, cursor: 3)
        #expect(draw(usual, width: 200, height: 60).text == draw(UnrolledChain(model: ChainSamples.lstm, cursor: 3), width: 200, height: 60).text)
        #expect(usual.tallUnitRows(in: 60) == 0, "tall is the projector's choice")
        var wide = UnrolledChain(model: ChainModel(steps: ChainSamples.steps(lstm: false, H: 20)), cursor: 3)
        wide.tall = true
        #expect(!wide.hasTallForm && wide.tallUnitRows(in: 60) == 0 && wide.tallHeight == wide.fullHeight)
        #expect(writesOutside(Self.tall(ChainSamples.lstm), area: Rect(x: 2, y: 1, width: 150, height: 50), glyphs: .utf8).isEmpty)
        #expect(writesOutside(Self.tall(ChainSamples.gradient, mode: .gradient), area: Rect(x: 2, y: 1, width: 150, height: 50), glyphs: .utf8).isEmpty)
    }
}
