import UnrollCore
import UnrollTUI

extension Explanation {
    /// One line like `f₃[2] = σ(+1.20·saw -0.41·h₂[0] … +0.10) = 0.93`, keeping the `maxTerms`
    /// largest terms and summarising the rest; numbers by the program's one formatter (`NumberFormat`).
    public func text(maxTerms: Int = 6) -> String {
        let fmt = NumberFormat.short, signed = NumberFormat.shortSigned
        let sorted = terms.enumerated().sorted { abs($0.element.contribution) > abs($1.element.contribution) }
        let shown = sorted.prefix(maxTerms).sorted { $0.offset < $1.offset }.map(\.element)
        var parts: [String] = shown.map { term in
            if let w = term.weight, let x = term.input {
                let scale = term.factor == 1 ? "" : "\(fmt(term.factor))·"
                if x == 1 { return "\(signed(w * term.factor))·\(term.label)" }
                return "\(signed(w))·\(scale)\(term.label)(\(fmt(x)))"
            }
            return "\(signed(term.contribution)) \(term.label)"
        }
        let hidden = terms.count - shown.count
        if hidden > 0 {
            let rest = sorted.dropFirst(maxTerms).reduce(0) { $0 + $1.element.contribution }
            parts.append("\(signed(rest)) (\(hidden) more)")
        }
        let inner = parts.joined(separator: " ")
        let head = "\(symbol)\(subscriptDigits(t))[\(unit)]"
        let body = activation.isEmpty ? inner + " = \(fmt(sum))" : "\(activation)(\(inner)) = \(activation)(\(fmt(sum)))"
        return clamped ? "\(head) clamped to \(fmt(value)) (free: \(body))" : "\(head) = \(body) = \(fmt(value))"
    }
}
