/// Which update rule training uses.
public enum OptimizerKind: String, CaseIterable, Sendable, Codable {
    case sgd, adam
}

/// SGD or Adam over a flat parameter vector, with PyTorch's defaults (Adam β = 0.9, 0.999, ε = 1e-8,
/// bias-corrected moments).
public struct Optimizer: Sendable {
    public let kind: OptimizerKind
    public var learningRate: Double
    public let beta1 = 0.9
    public let beta2 = 0.999
    public let epsilon = 1e-8
    private var m: [Double]
    private var v: [Double]
    public private(set) var step = 0

    public init(_ kind: OptimizerKind, learningRate: Double, parameterCount: Int) {
        self.kind = kind
        self.learningRate = learningRate
        m = kind == .adam ? [Double](repeating: 0, count: parameterCount) : []
        v = m
    }

    /// Applies one update to `parameters` from `gradient` (same layout).
    /// - Complexity: O(P), no allocation.
    public mutating func update(_ parameters: inout [Double], gradient: [Double]) {
        step += 1
        let lr = learningRate, n = parameters.count
        switch kind {
        case .sgd:
            parameters.withUnsafeMutableBufferPointer { p in
                gradient.withUnsafeBufferPointer { g in
                    for k in 0..<n { p[k] -= lr * g[k] }
                }
            }
        case .adam:
            let b1 = beta1, b2 = beta2, eps = epsilon
            let c1 = 1 - pow(b1, Double(step)), c2 = 1 - pow(b2, Double(step))
            let stepSize = lr / c1, c2root = c2.squareRoot()
            parameters.withUnsafeMutableBufferPointer { p in
                gradient.withUnsafeBufferPointer { g in
                    m.withUnsafeMutableBufferPointer { mm in
                        v.withUnsafeMutableBufferPointer { vv in
                            for k in 0..<n {
                                let gk = g[k]
                                mm[k] = b1 * mm[k] + (1 - b1) * gk
                                vv[k] = b2 * vv[k] + (1 - b2) * gk * gk
                                p[k] -= stepSize * mm[k] / (vv[k].squareRoot() / c2root + eps)
                            }
                        }
                    }
                }
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
