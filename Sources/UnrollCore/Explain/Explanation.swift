/// A value the tutor can explain: a gate, the hidden or cell state, or an output logit.
public enum Quantity: Hashable, Sendable {
    case gate(Gate)
    case hidden
    case cell
    case logit
}

/// "Explain this number": a value at step t as the terms that sum to its pre-activation.
///
/// For a gate, `value = activation(Σ terms)`, each term a weight × an input or previous hidden unit,
/// or a bias. For states, the terms are the products that add up to the value (`f⊙c_{t−1}` and `i⊙g`).
public struct Explanation: Sendable, Equatable {
    /// One summand.
    public struct Term: Sendable, Equatable {
        /// What the weight multiplies: a vocabulary word, `h₂[u]`, `bias`, or a product's name.
        public let label: String
        /// The weight (nil for a product of two activations).
        public let weight: Double?
        /// The input or state value the weight multiplies (nil for a bias).
        public let input: Double?
        /// A gate value scaling the term (the GRU reset gate r on W_hn h), 1 otherwise.
        public let factor: Double
        /// What the term adds: factor × weight × input (or the bias itself).
        public let contribution: Double
        /// Where its input comes from in the unrolled network (what the chain points at).
        public let source: TermSource
    }

    public let quantity: Quantity
    /// 1-based step.
    public let t: Int
    public let unit: Int
    /// The symbol shown, e.g. `f`, `h`, `c`, `logit`.
    public let symbol: String
    public let terms: [Term]
    /// Σ contributions.
    public let sum: Double
    /// `σ`, `tanh`, `relu`, or `` for a plain sum.
    public let activation: String
    /// The value the trace holds (after any clamp).
    public let value: Double
    /// Whether the value was clamped (then `value` is the clamp, not activation(sum)).
    public let clamped: Bool
    // The one-line text of an explanation is the app's (`Explanation.text`, numbers by `NumberFormat`):
    // the core returns numbers, not display strings.
}

/// Digits as Unicode subscripts (t = 12 → ₁₂).
public func subscriptDigits(_ n: Int) -> String {
    let subs: [Character] = ["₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"]
    return String(String(n).map { c in c.wholeNumberValue.map { subs[$0] } ?? c })
}

extension RecurrentModel {
    /// Explains `quantity` for hidden unit (or output class) `unit` at 1-based step `t` of `trace`.
    public func explain(_ quantity: Quantity, unit u: Int, at t: Int, in trace: Trace) -> Explanation {
        let H = hiddenSize
        let x = trace.input(at: t), hPrev = trace.hidden(at: t - 1)
        // h₂[3], or h₂[Doug] when units are named: never the bare name, which may also be an input word.
        let hLabel = { (k: Int) in "h\(subscriptDigits(t - 1))[\(hiddenLabels.map { $0[k] } ?? String(k))]" }

        func preTerms(row: Int, hiddenFactor: Double = 1, includeInput: Bool = true, includeHidden: Bool = true) -> [Explanation.Term] {
            var terms: [Explanation.Term] = []
            if includeInput {
                for j in 0..<inputSize where x[j] != 0 {
                    let w = weightIH(row, j)
                    terms.append(.init(label: inputLabel(j), weight: w, input: x[j], factor: 1, contribution: w * x[j], source: .input))
                }
                terms.append(.init(label: "b_ih", weight: nil, input: nil, factor: 1, contribution: biasIH(row), source: .bias))
            }
            if includeHidden {
                for k in 0..<H {
                    let w = weightHH(row, k)
                    terms.append(.init(label: hLabel(k), weight: w, input: hPrev[k], factor: hiddenFactor, contribution: hiddenFactor * w * hPrev[k], source: .previousHidden(unit: k)))
                }
                terms.append(.init(label: "b_hh", weight: nil, input: nil, factor: hiddenFactor, contribution: hiddenFactor * biasHH(row), source: .bias))
            }
            return terms
        }
        func make(_ symbol: String, _ terms: [Explanation.Term], _ activation: String, _ value: Double, clamped: Bool = false) -> Explanation {
            Explanation(quantity: quantity, t: t, unit: u, symbol: symbol, terms: terms,
                        sum: terms.reduce(0) { $0 + $1.contribution }, activation: activation, value: value, clamped: clamped)
        }

        switch quantity {
        case let .gate(gate):
            guard let block = cell.block(of: gate), let values = trace.gate(gate, at: t) else {
                return make(gate.rawValue, [], "", 0)
            }
            let row = block * H + u
            let (factor, extra) = cell.gateExplanation(block: block, unit: u, at: t, in: trace, model: self)
            let terms = preTerms(row: row, hiddenFactor: factor) + extra
            let isTanh = cell.gates[block].isTanh
            return make(gate.symbol(in: cell), terms, isTanh ? "tanh" : "σ", values[u], clamped: trace.clamped(gate, at: t)[u])
        case .hidden:
            let h = trace.hidden(at: t)[u]
            switch cell.hiddenExplanation(unit: u, at: t, in: trace, model: self) {
            case let .activation(row, name): return make("h", preTerms(row: row), name, h)
            case let .terms(terms): return make("h", terms, "", h)
            }
        case .cell:
            let c = trace.cell(at: t)?[u] ?? 0, cPrev = trace.cell(at: t - 1)?[u] ?? 0
            let f = trace.gate(.forget, at: t)?[u] ?? 0, i = trace.gate(.input, at: t)?[u] ?? 0, g = trace.gate(.candidate, at: t)?[u] ?? 0
            return make("c", [
                .init(label: "f·c\(subscriptDigits(t - 1))", weight: f, input: cPrev, factor: 1, contribution: f * cPrev, source: .previousCell(unit: u)),
                .init(label: "i·g", weight: i, input: g, factor: 1, contribution: i * g, source: .gates),
            ], "", c)
        case .logit:
            let h = trace.hidden(at: t)
            var terms: [Explanation.Term] = (0..<H).map { k in
                let w = headWeight(u, k)
                return .init(label: "h\(subscriptDigits(t))[\(hiddenLabels.map { $0[k] } ?? String(k))]", weight: w, input: h[k], factor: 1, contribution: w * h[k], source: .hidden(unit: k))
            }
            terms.append(.init(label: "bias", weight: nil, input: nil, factor: 1, contribution: headBias(u), source: .bias))
            return make("logit[\(outputLabel(u))]", terms, "", trace.logits(at: t)[u])
        }
    }
}
