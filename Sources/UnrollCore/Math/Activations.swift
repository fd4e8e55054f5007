#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The logistic function σ(x) = 1 / (1 + e^(−x)), within a few ulp *relative* over the whole line.
///
/// Each branch takes e^(−|x|) ∈ (0, 1], so 1 + e never cancels and nothing overflows: for x ≥ 0
/// σ = 1 / (1 + e), for x < 0 σ = e / (1 + e), which keeps σ(−40) ≈ 4.25e-18 to its last bits and
/// goes gradually through the subnormals to 0 below x ≈ −745.
@inline(__always)
public func sigmoid(_ x: Double) -> Double {
    if x >= 0 {
        return 1 / (1 + exp(-x))
    }
    let e = exp(x)
    return e / (1 + e)
}

/// The hyperbolic tangent, within a few ulp *relative* over the whole line (odd; exact at ±0 and for
/// arguments below about 1e-8, where tanh x rounds to x).
///
/// For |x| < 0.3 the Maclaurin series x + x·Σ cₖ x^(2k) (11 terms, the next below ε/2 there, see
/// `tanhSeries`); elsewhere, with a = |x|, tanh a = 1 − 2/(e^(2a) + 1) through one `exp`, where the
/// subtraction costs at most a bit and a half; above 20, tanh a rounds to 1. The series is a few
/// fused multiply-adds, so the hot loops keep the speed of the old one-`exp` form (`unroll bench`),
/// about twice as fast as the C library's `tanh`.
@inline(__always)
public func tanhD(_ x: Double) -> Double {
    let a = abs(x)
    if a < 0.3 {
        if a == 0 { return x }   // ±0 keeps its sign (x + x·0 would give +0 for −0)
        let s = x * x
        var p = tanhSeries.10
        p = p * s + tanhSeries.9
        p = p * s + tanhSeries.8
        p = p * s + tanhSeries.7
        p = p * s + tanhSeries.6
        p = p * s + tanhSeries.5
        p = p * s + tanhSeries.4
        p = p * s + tanhSeries.3
        p = p * s + tanhSeries.2
        p = p * s + tanhSeries.1
        p = p * s + tanhSeries.0
        return x + x * (s * p)
    }
    let t = a < 20 ? 1 - 2 / (exp(2 * a) + 1) : (a.isNaN ? x : 1)
    return Double(signOf: x, magnitudeOf: t)
}

/// c₁ … c₁₁ of tanh x = x + c₁x³ + c₂x⁵ + …: cₖ = 2^(2k+2)(2^(2k+2) − 1) B₂ₖ₊₂ / (2k+2)! (B the
/// Bernoulli numbers): −1/3, 2/15, −17/315, 62/2835, … rounded to Double (checked against exact
/// fractions in the tests). The series converges for |x| < π/2; at 0.3 the twelfth term is 5e-17 x.
/// (A computed tuple of literals, so the hot loop reads constants, not a lazily initialised global.)
@usableFromInline var tanhSeries: (Double, Double, Double, Double, Double, Double, Double, Double, Double, Double, Double) { (
    -0.3333333333333333, 0.13333333333333333, -0.05396825396825397, 0.021869488536155203,
    -0.008863235529902197, 0.003592128036572481, -0.0014558343870513183, 0.000590027440945586,
    -0.00023912911424355248, 9.691537956929451e-05, -3.927832388331683e-05
) }

/// The rectifier max(0, x).
@inline(__always)
public func relu(_ x: Double) -> Double { x > 0 ? x : 0 }

/// The squashing function of an Elman RNN (`torch.nn.RNN(nonlinearity=…)`: tanh or relu; the model
/// format takes those two), with its derivative; the analyses also run the logistic σ, which PyTorch's
/// RNN does not offer. The one activation enum of the core.
public enum Nonlinearity: String, CaseIterable, Sendable, Codable {
    case sigmoid, tanh, relu

    /// The functions a model file may name (`torch.nn.RNN` has no sigmoid).
    public static let fileValues: [Nonlinearity] = [.tanh, .relu]

    /// f(x).
    public func value(_ x: Double) -> Double {
        switch self {
        case .sigmoid: return UnrollCore.sigmoid(x)
        case .tanh: return tanhD(x)
        case .relu: return UnrollCore.relu(x)
        }
    }

    /// f′(x).
    public func derivative(_ x: Double) -> Double {
        switch self {
        case .sigmoid:
            let s = UnrollCore.sigmoid(x)
            return s * (1 - s)
        case .tanh:
            let t = tanhD(x)
            return 1 - t * t
        case .relu: return x > 0 ? 1 : 0
        }
    }
}

/// The squashing functions of the vanishing-gradient analyses: the one `Nonlinearity` enum.
public typealias Squash = Nonlinearity

/// Writes softmax(logits) into `probs` and returns log Σ exp(logits) (stable: the max is subtracted).
///
/// - Complexity: O(n).
@inline(__always)
func softmax(_ logits: UnsafePointer<Double>, _ probs: UnsafeMutablePointer<Double>, _ n: Int) -> Double {
    var m = -Double.infinity
    for k in 0..<n where logits[k] > m { m = logits[k] }
    var sum = 0.0
    for k in 0..<n {
        let e = exp(logits[k] - m)
        probs[k] = e
        sum += e
    }
    let inv = 1 / sum
    for k in 0..<n { probs[k] *= inv }
    return m + log(sum)
}

/// Softmax of an array (a convenience for analyses and tests).
public func softmax(_ logits: [Double]) -> [Double] {
    var probs = [Double](repeating: 0, count: logits.count)
    logits.withUnsafeBufferPointer { l in
        probs.withUnsafeMutableBufferPointer { p in
            if let lb = l.baseAddress, let pb = p.baseAddress { _ = softmax(lb, pb, logits.count) }
        }
    }
    return probs
}
