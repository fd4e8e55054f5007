/// The gradient's norm before and after clipping.
public struct ClipResult: Sendable, Equatable {
    public let normBefore: Double
    public let normAfter: Double
    public var clipped: Bool { normAfter < normBefore }
}

/// Scales `gradient` so its Euclidean norm is at most `maxNorm`, as `torch.nn.utils.clip_grad_norm_`
/// (factor maxNorm / (norm + 1e-6) when the norm exceeds maxNorm).
@discardableResult
public func clipGradientNorm(_ gradient: inout [Double], maxNorm: Double) -> ClipResult {
    var s = 0.0
    for g in gradient { s += g * g }
    let norm = s.squareRoot()
    let factor = maxNorm / (norm + 1e-6)
    guard factor < 1 else { return ClipResult(normBefore: norm, normAfter: norm) }
    for k in gradient.indices { gradient[k] *= factor }
    return ClipResult(normBefore: norm, normAfter: norm * factor)
}
