import Testing
@testable import UnrollApp
import UnrollCore
import UnrollTUI

/// The explain box points at the chain: each term's source becomes marks on boxes, arrows and tokens.
@Suite struct ExplainHighlightsTests {
    static func lab(t: Int, focus: LabFocus.Target) throws -> LabState {
        var lab = try AppFixtures.lstmLab()
        lab.t = t
        lab.focus = LabFocus(target: focus, unit: 1)
        return lab
    }

    @Test func eachTermPointsAtWhereItComesFrom() throws {
        let e = try Self.lab(t: 3, focus: .gate(.forget)).explanation
        let h = try #require(e.terms.firstIndex { if case .previousHidden = $0.source { return true } else { return false } })
        guard case let .previousHidden(k) = e.terms[h].source else { return }
        #expect(ExplainHighlights.chain(e, term: h).marks == [.arrow(into: 2, row: .hidden), .state(step: 1, row: .hidden, unit: k)],
                "W_hh·h₂[k]: the h arrow into the cursor (t=3, index 2) and unit k of the box before")
        let x = try #require(e.terms.firstIndex { $0.source == .input })
        #expect(ExplainHighlights.chain(e, term: x).marks == [.token(step: 2)], "the input: the token under the cursor's box")
        let b = try #require(e.terms.firstIndex { $0.source == .bias })
        #expect(ExplainHighlights.chain(e, term: b).isEmpty, "a bias is nowhere on the chain")
        let all = ExplainHighlights.chain(e).marks
        #expect(all.contains(.token(step: 2)) && all.contains(.arrow(into: 2, row: .hidden)))
        #expect(!all.contains(.arrow(into: 2, row: .cell)), "a gate does not read c_{t−1} (no peephole)")
    }

    @Test func theForgetTermOfCIsTheCArrow() throws {
        let e = try Self.lab(t: 4, focus: .cell).explanation
        let f = try #require(e.terms.firstIndex { $0.source == .previousCell(unit: 1) })
        #expect(ExplainHighlights.chain(e, term: f).marks == [.arrow(into: 3, row: .cell), .state(step: 2, row: .cell, unit: 1)])
        let ig = try #require(e.terms.firstIndex { $0.source == .gates })
        #expect(ExplainHighlights.chain(e, term: ig).isEmpty, "i·g is made inside the cell")
        // The read-out reads this step's own h.
        let logit = try Self.lab(t: 4, focus: .probs).explanation
        #expect(ExplainHighlights.chain(logit).marks.contains(.state(step: 3, row: .hidden, unit: 0)))
    }

    @Test func atTheFirstStepThePreviousStateIsTheZeroStart() {
        #expect(ExplainHighlights.marks(.previousHidden(unit: 0), t: 1).isEmpty && ExplainHighlights.marks(.previousCell(unit: 0), t: 1).isEmpty)
        #expect(ExplainHighlights.marks(.input, t: 1) == [.token(step: 0)])
    }

    @Test func theOpenExplanationMarksTheChainAndBracketsPickATerm() throws {
        var lab = try Self.lab(t: 3, focus: .gate(.forget))
        lab.motion = false
        var s = AppFixtures.state(lab, width: 120, height: 40)
        let closed = AppFixtures.frame(s)
        #expect(!closed.contains("━▶") && !closed.contains("◂"))
        AppFixtures.press(&s, [.char("e")])
        let open = AppFixtures.frame(s)
        #expect(open.contains("━▶"), "the h arrow into the cursor is heavy:\n\(open)")
        #expect(open.contains("▸Spot◂"), "the token under the cursor, t=3:\n\(open)")
        #expect(open.contains("what the explanation reads"))
        // ] picks the largest term, ] again the next; after the last, every term again.
        let order = try #require(s.lab?.explainOrder)
        AppFixtures.press(&s, [.char("]")])
        #expect(s.lab?.explainTerm == 0 && s.lab?.selectedTerm == order[0])
        AppFixtures.press(&s, [.char("[")])
        #expect(s.lab?.explainTerm == nil, "[ from the first goes back to every term")
        AppFixtures.press(&s, [.char("[")])
        #expect(s.lab?.explainTerm == order.count - 1, "and on to the last")
        // A bias selected: nothing on the chain.
        let e = try #require(s.lab?.explanation)
        let bias = try #require(order.firstIndex { e.terms[$0].source == .bias })
        s.currentLab?.explainTerm = bias
        let biasFrame = AppFixtures.frame(s)
        #expect(!biasFrame.contains("━▶") && !biasFrame.contains("◂"), "a bias marks nothing")
        // The chain stays in view: the box is drawn below it.
        #expect(biasFrame.split(separator: "\n").prefix(8).contains { $0.contains("┏t=3") })
        AppFixtures.press(&s, [.char("e")])
        #expect(!AppFixtures.frame(s).contains("━▶"), "closed: no marks")
    }
}
