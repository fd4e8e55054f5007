import UnrollCore
import UnrollTUI

/// The plain-text form of the gradient screens (screen readers, pipes, `TERM=dumb`): the same
/// series the plots draw, as readable tables, from the same state.
public enum GradientReport {
    /// A right-aligned number column.
    static func cell(_ v: Double, _ width: Int = 11) -> String {
        NumberFormat.padded(NumberFormat.compact(v, width: width - 1, decimals: 4), width: width)
    }

    /// The vanishing screen: composition, eigenvalues, powers of cW, gradient against distance.
    public static func vanishing(_ screen: VanishingState) -> String {
        let lab = screen.lab, m = screen.model, T = screen.steps
        var out: [String] = []
        out.append("Unroll gradient lab: \(screen.title) (\(m.kind.displayName), H=\(m.hiddenSize), T=\(T))")
        out.append("c = \(NumberFormat.compact(lab.settings.scale, width: 8, decimals: 4)), spectral radius rho(cW) = "
                   + NumberFormat.compact(lab.spectralRadius, width: 8, decimals: 4))
        let s = lab.composition
        out.append("")
        out.append("\(s.function.rawValue) composed n times on [\(NumberFormat.compact(s.xs.first ?? 0)), \(NumberFormat.compact(s.xs.last ?? 0))]:")
        out.append("n".padded(5) + NumberFormat.padded("max slope", width: 11) + NumberFormat.padded("spread", width: 11))
        for n in 1...s.depth { out.append(String(n).padded(5) + cell(s.maximumSlope(depth: n)) + cell(s.range(depth: n))) }
        out.append("")
        out.append("eigenvalues of cW, largest |lambda| first (\(lab.eigenvalues.filter { $0.magnitude > 1 + 1e-9 }.count) outside the unit circle):")
        for e in lab.eigenvalues.prefix(12) {
            let im = e.imaginary == 0 ? "" : (e.imaginary > 0 ? " + " : " - ") + NumberFormat.compact(abs(e.imaginary), width: 8, decimals: 4) + "i"
            out.append("  " + NumberFormat.compact(e.real, width: 8, decimals: 4) + im + "   |lambda| = " + NumberFormat.compact(e.magnitude, width: 8, decimals: 4))
        }
        if lab.eigenvalues.count > 12 { out.append("  ... \(lab.eigenvalues.count - 12) more") }
        out.append("")
        out.append("powers of W: |(cW^T)^t h0| against rho^t (growth per step " + NumberFormat.compact(lab.power.averageGrowth, width: 8, decimals: 4) + "):")
        out.append("t".padded(6) + NumberFormat.padded("|h_t|", width: 11) + NumberFormat.padded("rho^t", width: 11))
        for t in sampleSteps(T) { out.append(String(t).padded(6) + cell(lab.power.norms[t]) + cell(screen.radiusPowers[t])) }
        out.append("")
        out.append("gradient against distance d: |dh_T/ds_(T-d)| (Frobenius), this model and the comparison (seeded, same H and T):")
        var curves: [(String, [Double])] = [("this \(m.kind.displayName)", lab.distance.jacobianNorms)]
        curves += screen.comparison.map { ($0.label, $0.distance.jacobianNorms) }
        out.append("d".padded(6) + curves.map { NumberFormat.padded(String($0.0.prefix(18)), width: 19) }.joined())
        for d in sampleSteps(T) {
            out.append(String(d).padded(6) + curves.map { d < $0.1.count ? cell($0.1[d], 19) : NumberFormat.padded("-", width: 19) }.joined())
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// The BPTT screen: per-step loss, ‖∂L/∂h_t‖, and the chosen entry's shares as δ × factor.
    public static func bptt(_ screen: BPTTState) -> String {
        let m = screen.model
        var out: [String] = []
        out.append("Unroll BPTT: \(screen.title) (\(m.kind.displayName), H=\(m.hiddenSize)) on: " + screen.tokens.joined(separator: " "))
        guard let e = screen.explanation else {
            out.append("No step has a target: there is no loss and no gradient.")
            return out.joined(separator: "\n") + "\n"
        }
        if let total = screen.trace.totalLoss { out.append("total loss: " + NumberFormat.compact(total, width: 9, decimals: 5)) }
        out.append("following \(e.symbol(.ascii)) (\(screen.entryDescription)) = " + NumberFormat.signed(e.total, width: 10, decimals: 6))
        out.append("")
        let header = "t".padded(5) + "token".padded(10) + "target".padded(10) + NumberFormat.padded("loss", width: 9)
            + NumberFormat.padded("|dL/dh_t|", width: 11) + NumberFormat.padded(e.deltaSymbol(.ascii), width: 14)
            + NumberFormat.padded(e.factorSymbol(.ascii), width: 13) + NumberFormat.padded("share", width: 11) + NumberFormat.padded("of update", width: 11)
        out.append(header)
        for term in e.terms {
            let t = term.t
            var line = String(t).padded(5) + String(screen.token(at: t).prefix(9)).padded(10)
            line += String((screen.trace.target(at: t).map { m.outputLabel($0) } ?? "-").prefix(9)).padded(10)
            line += screen.loss(at: t).map { cell($0, 9) } ?? NumberFormat.padded("-", width: 9)
            line += cell(screen.hiddenGradientNorms[t - 1])
            line += term.delta.map { cell($0, 14) } ?? NumberFormat.padded("-", width: 14)
            line += e.factor == .one ? NumberFormat.padded("1", width: 13) : cell(term.factor, 13)
            line += cell(term.share)
            line += NumberFormat.padded(screen.contributions.map { NumberFormat.percent($0.fractions[t - 1]) } ?? "", width: 11)
            out.append(line)
        }
        out.append("")
        out.append("the shares sum to " + NumberFormat.signed(e.total, width: 10, decimals: 6) + " = " + e.symbol(.ascii))
        return out.joined(separator: "\n") + "\n"
    }

    /// The race: held-out accuracy for every cell at every delay.
    public static func race(_ race: RaceState) -> String {
        let c = race.configuration
        var out: [String] = []
        out.append("Unroll memory race: recall the first symbol after N distractors (H=\(c.hiddenSize), \(c.steps) Adam updates of \(c.batchSize), lr \(c.learningRate), seed \(c.seed))")
        out.append("held-out accuracy (chance \(NumberFormat.percent(race.chance))):")
        out.append("N".padded(6) + c.cells.map { NumberFormat.padded($0.displayName, width: 8) }.joined())
        for d in c.delays {
            out.append(String(d).padded(6) + c.cells.map { cell in
                NumberFormat.padded(race.accuracy(cell: cell, delay: d).map(NumberFormat.percent) ?? "-", width: 8)
            }.joined())
        }
        if race.cancelled { out.append("(stopped before every run finished)") }
        return out.joined(separator: "\n") + "\n"
    }

    /// About a dozen steps 0…T for tables: 0, 1, 2, 5, 10, 20, 50, … and T.
    static func sampleSteps(_ T: Int) -> [Int] {
        var out: [Int] = []
        var k = 1
        while true {
            for m in [1, 2, 5] where m * k <= T { out.append(m * k) }
            if 10 * k > T { break }
            k *= 10
        }
        return [0] + out.filter { $0 < T } + (T > 0 ? [T] : [])
    }
}
