import UnrollCore
import UnrollTUI

/// What the chain points at while an explanation is open: the boxes, arrows and tokens its terms
/// come from (each term's `TermSource`), for every term or for the one selected.
///
/// `W_hh·h_{t−1}[k]` marks the h arrow into the cursor's box and unit k of the previous box's h
/// row; the input term the token under the cursor's box; `f·c_{t−1}` the c arrow and the previous
/// box's c row; a read-out term unit k of the cursor box's own h row. A bias and a product of
/// gates have no place on the chain (the gates are inside the cell), so they mark nothing.
public enum ExplainHighlights {
    /// The marks for one source of a term explained at 1-based step `t`.
    public static func marks(_ source: TermSource, t: Int) -> [ChainHighlight.Mark] {
        let i = t - 1
        switch source {
        case .input: return [.token(step: i)]
        case let .previousHidden(k):
            // At t = 1, h₀ is the zero start: no box before, no arrow in.
            return i >= 1 ? [.arrow(into: i, row: .hidden), .state(step: i - 1, row: .hidden, unit: k)] : []
        case let .previousCell(k):
            return i >= 1 ? [.arrow(into: i, row: .cell), .state(step: i - 1, row: .cell, unit: k)] : []
        case let .hidden(k): return [.state(step: i, row: .hidden, unit: k)]
        case let .cell(k): return [.state(step: i, row: .cell, unit: k)]
        case .gates, .bias: return []
        }
    }

    /// The chain's highlight for `explanation`: every term's sources, or only `term`'s (an index into its terms).
    public static func chain(_ explanation: Explanation, term: Int? = nil) -> ChainHighlight {
        let terms = term.map { $0 >= 0 && $0 < explanation.terms.count ? [explanation.terms[$0]] : [] } ?? explanation.terms
        return ChainHighlight(Set(terms.flatMap { marks($0.source, t: explanation.t) }))
    }
}

extension LabState {
    /// The explanation's terms in the order the explain box lists them: largest |contribution| first.
    public var explainOrder: [Int] {
        let terms = explanation.terms
        return terms.indices.sorted { abs(terms[$0].contribution) > abs(terms[$1].contribution) }
    }

    /// The selected term's index into the explanation's terms (nil: every term).
    public var selectedTerm: Int? {
        guard let k = explainTerm else { return nil }
        let order = explainOrder
        return k >= 0 && k < order.count ? order[k] : nil
    }

    /// What the chain points at while the explanation is open.
    public var explainHighlight: ChainHighlight { ExplainHighlights.chain(explanation, term: selectedTerm) }

    /// Selects the next (`]`) or previous (`[`) term of the explain box, through "every term".
    public mutating func selectTerm(_ key: Key) {
        let n = explanation.terms.count
        guard n > 0 else { explainTerm = nil; return }
        // Positions 0…n−1 are the listed terms, n is "every term".
        let at = explainTerm.map { min($0, n) } ?? n
        let next = (at + (key == .char("[") ? n : 1)) % (n + 1)
        explainTerm = next == n ? nil : next
    }
}
