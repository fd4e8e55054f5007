import UnrollCore
import UnrollTUI

/// "Explain this number" for one entry of a weight's gradient: the sum over steps of each step's
/// share, and each share as the product the backward pass formed.
///
/// The RNN uses the same weight at every step, so ∂L/∂W[r,c] = Σ_t ∂L/∂W⁽ᵗ⁾[r,c], and BPTT forms
/// each step's share as an outer product: δ_t[r] × (what W multiplies at step t)[c], where δ_t[r]
/// is the gradient of the loss with respect to the sum that row r feeds (the pre-activation).
/// The shares come from the core (`Gradients.stepShares`); the factor is read from the trace;
/// δ_t[r] = share / factor where the factor is not 0 (where it is 0, the share is 0 and δ is not
/// determined by it).
public struct GradientExplanation: Sendable, Equatable {
    /// One step's share.
    public struct Term: Sendable, Equatable {
        /// 1-based step.
        public let t: Int
        public let token: String
        /// ∂L/∂(row r's sum) at step t; nil where the factor is 0.
        public let delta: Double?
        /// What the weight multiplies at step t: x_t[c], h_{t−1}[c] or h_t[c]; 1 for a bias.
        public let factor: Double
        /// ∂L/∂W⁽ᵗ⁾[r,c]: step t's share of the gradient.
        public let share: Double
    }

    /// Which factor a tensor's entry multiplies.
    public enum Factor: Sendable, Equatable {
        case input, previousHidden, hidden, one
    }

    /// The tensor's `state_dict` name and its short symbol (W_hh, W_ih, b_hh, b_ih, W_out, b_out).
    public let tensor: String
    public let name: String
    public let row: Int
    /// The column (0 for a bias).
    public let column: Int
    public let factor: Factor
    /// T terms, t = 1…T.
    public let terms: [Term]
    /// ∂L/∂W[r,c]: the sum of the shares (the core's total gradient entry).
    public let total: Double

    /// The short symbol of a tensor: `weight_hh_l0` → `W_hh`.
    public static func symbol(of tensor: String) -> String {
        switch tensor {
        case "weight_ih_l0": return "W_ih"
        case "weight_hh_l0": return "W_hh"
        case "bias_ih_l0": return "b_ih"
        case "bias_hh_l0": return "b_hh"
        case "head.weight": return "W_out"
        case "head.bias": return "b_out"
        default: return tensor
        }
    }

    /// The factor a tensor's entries multiply at step t.
    public static func factor(of tensor: String) -> Factor {
        switch tensor {
        case "weight_ih_l0": return .input
        case "weight_hh_l0": return .previousHidden
        case "head.weight": return .hidden
        default: return .one
        }
    }

    /// The explanation of entry (row, column) of the tensor of `shares` for a run and its gradients.
    /// Returns nil when the entry is outside the tensor.
    ///
    /// - Complexity: O(T).
    public init?(trace: Trace, gradients: Gradients, shares: StepContributions, row: Int, column: Int, tokens: [String]) {
        let tensor = shares.tensor
        guard let t = gradients.layout.tensor(named: tensor) else { return nil }
        let columns = t.columns ?? 1
        guard row >= 0, row < t.rows, column >= 0, column < columns else { return nil }
        self.tensor = tensor
        name = GradientExplanation.symbol(of: tensor)
        self.row = row
        self.column = t.columns == nil ? 0 : column
        factor = GradientExplanation.factor(of: tensor)
        var terms: [Term] = []
        for step in 1...max(1, trace.steps) where step <= trace.steps {
            let share = shares.share(row: row, column: self.column, columns: columns, atStep: step)
            let x: Double
            switch factor {
            case .input: x = trace.input(at: step)[column]
            case .previousHidden: x = trace.hidden(at: step - 1)[column]
            case .hidden: x = trace.hidden(at: step)[column]
            case .one: x = 1
            }
            terms.append(Term(t: step, token: step <= tokens.count ? tokens[step - 1] : "", delta: x != 0 ? share / x : nil,
                              factor: x, share: share))
        }
        self.terms = terms
        total = gradients.parameters[t.offset + row * (t.columns ?? 1) + self.column]
    }

    /// `∂L/∂W_hh[2,3]` (or `dL/dW_hh[2,3]` in ASCII).
    public func symbol(_ glyphs: Glyphs) -> String {
        let d = GradientText.partial(glyphs)
        return "\(d)L/\(d)\(name)[\(factor == .one ? "\(row)" : "\(row),\(column)")]"
    }

    /// `δ_t[2]`, or `δ_5[2]` at step 5.
    public func deltaSymbol(_ glyphs: Glyphs, at t: Int? = nil) -> String {
        GradientText.pick(glyphs, "δ_", "delta_") + (t.map(String.init) ?? "t") + "[\(row)]"
    }

    /// `h_{t−1}[3]`, `x_t[3]`, `h_t[3]` or `1` (at step 5: `h_4[3]`, `x_5[3]`, `h_5[3]`).
    public func factorSymbol(_ glyphs: Glyphs, at t: Int? = nil) -> String {
        let step = t.map(String.init) ?? "t"
        switch factor {
        case .input: return "x_\(step)[\(column)]"
        case .previousHidden: return "h_" + (t.map { String($0 - 1) } ?? GradientText.pick(glyphs, "{t−1}", "(t-1)")) + "[\(column)]"
        case .hidden: return "h_\(step)[\(column)]"
        case .one: return "1"
        }
    }

    /// One line: `∂L/∂W_hh[2,3] = Σ_t δ_t[2]·h_{t−1}[3] = −0.16 (t=5) +0.04 (t=3) … = +0.123`.
    public func formatted(maxTerms: Int = 3, glyphs: Glyphs = .utf8) -> String {
        let sigma = GradientText.pick(glyphs, "Σ_t ", "sum_t ")
        let dot = GradientText.pick(glyphs, "·", "*")
        var s = symbol(glyphs) + " = " + sigma + deltaSymbol(glyphs) + (factor == .one ? "" : dot + factorSymbol(glyphs)) + " ="
        let ranked = terms.filter { $0.share != 0 }.sorted { abs($0.share) > abs($1.share) }
        for term in ranked.prefix(maxTerms) { s += " " + NumberFormat.signed(term.share, width: 7, decimals: 3) + " (t=\(term.t))" }
        if ranked.count > maxTerms { s += GradientText.pick(glyphs, " …", " ...") }
        return s + " = " + NumberFormat.signed(total, width: 8, decimals: 4)
    }
}
