#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The linear read-out of a shaped network (`head.weight`, `head.bias`: an `nn.Linear`) over the feature
/// vector it reads at each step: the top layer's hidden state, or [h_fwd ; h_bwd] when bidirectional.
public struct ReadOut: Sendable, Equatable {
    /// D: the size of the feature vector read at each step.
    public let inputSize: Int
    /// O
    public let outputSize: Int
    /// O × D, row-major.
    public var weight: [Double]
    /// O
    public var bias: [Double]

    /// A zero read-out.
    public init(inputSize: Int, outputSize: Int) {
        self.inputSize = inputSize
        self.outputSize = outputSize
        weight = [Double](repeating: 0, count: outputSize * inputSize)
        bias = [Double](repeating: 0, count: outputSize)
    }

    /// weight[row, col].
    public func weight(_ row: Int, _ col: Int) -> Double { weight[row * inputSize + col] }
}

/// What the read-out of a shaped network produced at every step: features, logits, probabilities, losses.
public struct OutputTrace: Sendable, ReadOutSteps {
    /// T
    public let steps: Int
    /// D
    public let featureSize: Int
    /// O
    public let outputSize: Int
    public var readOutSize: Int { outputSize }
    /// T × D: what the read-out read.
    public internal(set) var features: [Double]
    /// T × O
    public internal(set) var logits: [Double]
    /// T × O
    public internal(set) var probabilities: [Double]
    /// Each step's target class, -1 where the step has none.
    public internal(set) var targetIndices: [Int]
    /// Each step's cross-entropy (0 without a target).
    public internal(set) var stepLosses: [Double]

    /// Applies `head` (or the identity without one) to T feature vectors of size D, with softmax and losses.
    init(features: [Double], featureSize D: Int, steps T: Int, head: ReadOut?, targets: [Int?]?) {
        let O = head?.outputSize ?? D
        steps = T
        featureSize = D
        outputSize = O
        self.features = features
        logits = [Double](repeating: 0, count: T * O)
        probabilities = [Double](repeating: 0, count: T * O)
        targetIndices = (0..<T).map { s in targets?[s] ?? -1 }
        stepLosses = [Double](repeating: 0, count: T)
        for s in 0..<T {
            var z = [Double](repeating: 0, count: O)
            if let head {
                for k in 0..<O {
                    var acc = head.bias[k]
                    for j in 0..<D { acc += head.weight[k * D + j] * features[s * D + j] }
                    z[k] = acc
                }
            } else {
                for k in 0..<O { z[k] = features[s * D + k] }
            }
            let p = softmax(z)
            var m = -Double.infinity
            for v in z where v > m { m = v }
            var sum = 0.0
            for v in z { sum += exp(v - m) }
            let logZ = m + log(sum)
            for k in 0..<O {
                logits[s * O + k] = z[k]
                probabilities[s * O + k] = p[k]
            }
            let target = targetIndices[s]
            stepLosses[s] = target >= 0 ? logZ - z[target] : 0
        }
    }

    private func row(_ a: [Double], _ t: Int, _ n: Int) -> [Double] { Array(a[((t - 1) * n)..<(t * n)]) }

    /// The feature vector read at step t (1-based).
    public func feature(at t: Int) -> [Double] { row(features, t, featureSize) }

    /// Backward through the read-out: ∂L/∂features (T × D) and, with a head, ∂L/∂head.weight and ∂L/∂head.bias.
    func backward(head: ReadOut?) -> (features: [Double], weight: [Double], bias: [Double]) {
        let T = steps, D = featureSize, O = outputSize
        var dF = [Double](repeating: 0, count: T * D)
        var dW = [Double](repeating: 0, count: head == nil ? 0 : O * D)
        var dB = [Double](repeating: 0, count: head == nil ? 0 : O)
        for s in 0..<T where targetIndices[s] >= 0 {
            var dz = Array(probabilities[(s * O)..<((s + 1) * O)])
            dz[targetIndices[s]] -= 1
            if let head {
                for k in 0..<O {
                    let d = dz[k]
                    dB[k] += d
                    guard d != 0 else { continue }
                    for j in 0..<D {
                        dW[k * D + j] += d * features[s * D + j]
                        dF[s * D + j] += head.weight[k * D + j] * d
                    }
                }
            } else {
                for k in 0..<O { dF[s * D + k] += dz[k] }
            }
        }
        return (dF, dW, dB)
    }
}
