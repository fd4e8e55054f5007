#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The logistic function σ(x) = 1 / (1 + e^(−x)), computed without overflow for large |x|.
@inline(__always)
public func sigmoid(_ x: Double) -> Double {
    if x >= 0 {
        return 1 / (1 + exp(-x))
    }
    let e = exp(x)
    return e / (1 + e)
}

/// The hyperbolic tangent, through one `exp`: tanh x = 1 − 2 / (e^(2x) + 1).
///
/// Absolute error ≲ 2e-16 (what the trace tolerance 1e-9·(1+|x|) is measured in); about twice
/// as fast as the C library's `tanh`, which matters because activations dominate a step's cost.
@inline(__always)
public func tanhD(_ x: Double) -> Double {
    if x > 20 { return 1 }
    if x < -20 { return -1 }
    return 1 - 2 / (exp(2 * x) + 1)
}

/// The rectifier max(0, x).
@inline(__always)
public func relu(_ x: Double) -> Double { x > 0 ? x : 0 }

/// A squashing function with its derivative, for the vanishing-gradient analyses.
public enum Squash: String, CaseIterable, Sendable {
    case sigmoid, tanh, relu

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
