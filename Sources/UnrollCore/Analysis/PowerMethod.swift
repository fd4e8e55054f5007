#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The power method as BPTT sees it: h_t = (Wᵗ)ᵀ h₀ = Wᵀ h_{t−1}, t = 0…T, for a square W (a model's
/// W_hh, or a scaled copy cW), with the norms ‖h_t‖.
///
/// A gradient sent back through t steps of a linear RNN is multiplied by Wᵀ t times, so ‖h_t‖
/// grows or shrinks like ρ(W)ᵗ: it explodes when ρ > 1 and vanishes when ρ < 1. The states are
/// kept as unit directions with the norms beside them (and their logarithms), so long runs neither
/// overflow nor underflow the directions, and the series is scale-invariant: for any W and c (say
/// ‖W‖ = 1e-170 or c = 1e160) the directions are those of c = 1 (up to sign) and ln ‖h_t‖ shifts
/// by t·ln |c|; `norms` then reaches +∞ or 0 honestly where ‖h_t‖ leaves Double, `logNorms` stays finite.
///
/// ```swift
/// let w = model.recurrentBlock()
/// let series = PowerSeries(matrix: w, size: model.hiddenSize, scale: 1.2, initial: h0, steps: 100)
/// series.norms   // ‖h_0‖ … ‖h_100‖
/// ```
public struct PowerSeries: Sendable, Equatable {
    /// H.
    public private(set) var size: Int
    /// T.
    public private(set) var steps: Int
    /// The factor c multiplying W.
    public private(set) var scale: Double
    /// Whether the step is h ← (cW)ᵀ h (the default, as BPTT) or h ← cW h.
    public private(set) var transposed: Bool
    /// (T+1) × H: h_t / ‖h_t‖ (zeros when h_t = 0).
    public private(set) var directions: [Double]
    /// T+1: ‖h_t‖ (may reach 0 or +∞ in Double; `logNorms` does not).
    public private(set) var norms: [Double]
    /// T+1: ln ‖h_t‖ (−∞ once h_t = 0; NaN from a non-finite W, c or h₀).
    public private(set) var logNorms: [Double]

    /// Runs the series from `initial` (h₀, H values) for `steps` steps.
    ///
    /// - Complexity: O(T · H²), no allocation after the storage is sized.
    public init(matrix: [Double], size: Int, scale: Double = 1, initial: [Double], steps: Int, transposed: Bool = true) {
        self.size = size
        self.steps = 0
        self.scale = scale
        self.transposed = transposed
        directions = []
        norms = []
        logNorms = []
        recompute(matrix: matrix, size: size, scale: scale, initial: initial, steps: steps, transposed: transposed)
    }

    /// Recomputes in place, reusing storage.
    ///
    /// - Complexity: O(T · H²).
    public mutating func recompute(matrix: [Double], size H: Int, scale c: Double, initial: [Double], steps T: Int,
                                   transposed: Bool = true) {
        precondition(matrix.count == H * H, "matrix has \(matrix.count) entries, expected \(H)×\(H)")
        precondition(initial.count == H, "h₀ has \(initial.count) entries, expected \(H)")
        precondition(T >= 0, "steps must be ≥ 0")
        size = H
        steps = T
        scale = c
        self.transposed = transposed
        if directions.count != (T + 1) * H { directions = [Double](repeating: 0, count: (T + 1) * H) }
        if norms.count != T + 1 {
            norms = [Double](repeating: 0, count: T + 1)
            logNorms = norms
        }
        // Scale-invariant: W is used as 2⁻ᵉW (exact) when its entries are far from 1, c only through
        // ln|c| and its sign, and a norm whose square would leave the normal range is taken of the
        // vector scaled to max-abs 1, so neither W h, ‖W h‖² nor c‖W h‖ can overflow or underflow
        // however large or small W and c are.
        var largest = 0.0
        for x in matrix { largest = max(largest, abs(x)) }
        let e = largest.isFinite && largest > 0 && !(0x1p-200...0x1p200).contains(largest) ? Int(largest.exponent) : 0
        let work = e == 0 ? matrix : matrix.map { Double(sign: .plus, exponent: -e, significand: $0) }
        let logFactor = log(abs(c)) + Double(e) * log(2.0)
        let sign: Double = c < 0 ? -1 : 1
        work.withUnsafeBufferPointer { wBuf in
        initial.withUnsafeBufferPointer { h0 in
        directions.withUnsafeMutableBufferPointer { dBuf in
        norms.withUnsafeMutableBufferPointer { nBuf in
        logNorms.withUnsafeMutableBufferPointer { lBuf in
            guard let w = wBuf.baseAddress, let d = dBuf.baseAddress, let nrm = nBuf.baseAddress,
                  let lg = lBuf.baseAddress else { return }
            var logNorm = PowerSeries.normalise(h0.baseAddress, d, H)
            lg[0] = logNorm
            var s0 = 0.0
            for u in 0..<H { s0 += h0[u] * h0[u] }
            nrm[0] = s0.isFinite && s0 >= 0x1p-900 ? s0.squareRoot() : exp(logNorm)   // ‖h₀‖ itself where it can be
            for t in 1...max(1, T) where t <= T {
                let prev = UnsafePointer(d + (t - 1) * H), next = d + t * H
                for u in 0..<H { next[u] = 0 }
                if logNorm != -.infinity && c != 0 {
                    if transposed {
                        Kernels.addMatTVec(w, prev, next, rows: H, cols: H)
                    } else {
                        Kernels.addMatVec(w, prev, next, rows: H, cols: H)
                    }
                    if sign < 0 { for u in 0..<H { next[u] = -next[u] } }
                }
                let growth = PowerSeries.normalise(UnsafePointer(next), next, H)
                // −∞ once h_t = 0, NaN for good once something was not finite.
                logNorm = growth == -.infinity && !logNorm.isNaN ? -.infinity : logNorm + growth + logFactor
                lg[t] = logNorm
                nrm[t] = exp(logNorm)
            }
        }}}}}
    }

    /// Writes v/‖v‖ (zeros when v = 0 or has a non-finite entry) and returns ln ‖v‖ (−∞ for v = 0, NaN
    /// for a non-finite v), without overflow or underflow: when Σv² leaves the normal range, v is first
    /// divided by its max-abs entry.
    private static func normalise(_ v: UnsafePointer<Double>?, _ out: UnsafeMutablePointer<Double>, _ n: Int) -> Double {
        guard let v else { return -.infinity }
        var s = 0.0
        for u in 0..<n { s += v[u] * v[u] }
        if s.isFinite && s >= 0x1p-900 {
            let r = s.squareRoot(), inv = 1 / r
            for u in 0..<n { out[u] = v[u] * inv }
            return log(r)
        }
        var largest = 0.0
        for u in 0..<n where !(abs(v[u]) <= largest) { largest = abs(v[u]) }   // NaN sticks
        guard largest > 0, largest.isFinite else {
            for u in 0..<n { out[u] = 0 }
            return largest == 0 ? -.infinity : .nan
        }
        s = 0
        for u in 0..<n {
            let x = v[u] / largest
            out[u] = x
            s += x * x
        }
        let r = s.squareRoot()
        let inv = 1 / r
        for u in 0..<n { out[u] *= inv }
        return log(largest) + log(r)
    }

    /// h_t (0 ≤ t ≤ T), as a vector of actual size ‖h_t‖.
    public func state(at t: Int) -> [Double] {
        let n = norms[t]
        return (0..<size).map { directions[t * size + $0] * n }
    }

    /// ‖h_T‖^{1/T}/‖h_0‖^{1/T}: the average growth per step, which tends to ρ(cW) for a generic h₀.
    public var averageGrowth: Double {
        guard steps > 0 else { return 1 }
        return exp((logNorms[steps] - logNorms[0]) / Double(steps))
    }
}

/// A seeded random unit vector of size n: the power method's default starting state h₀.
public func randomUnitVector(size n: Int, seed: UInt64) -> [Double] {
    var rng = SeededRandom(seed: seed)
    var v = (0..<n).map { _ in rng.normal() }
    var s = 0.0
    for x in v { s += x * x }
    let inv = s > 0 ? 1 / s.squareRoot() : 0
    for k in v.indices { v[k] *= inv }
    return v
}
