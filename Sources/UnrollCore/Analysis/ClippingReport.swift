/// Gradient clipping made visible: the gradient's norm before and after `clipGradientNorm`, in
/// total and per tensor.
///
/// Clipping rescales the whole gradient by one factor, so it keeps the direction and every
/// tensor's share of the norm; only the step length changes.
///
/// ```swift
/// let report = ClippingReport(model: model, input: input, targets: targets, maxNorm: 1)
/// report.normBefore, report.normAfter, report.factor
/// ```
public struct ClippingReport: Sendable {
    /// One tensor's norms.
    public struct TensorNorm: Sendable, Equatable {
        public let name: String
        public let before: Double
        public let after: Double
    }

    public let maxNorm: Double
    public let normBefore: Double
    public let normAfter: Double
    /// normAfter / normBefore (1 when nothing was clipped).
    public var factor: Double { normBefore > 0 ? normAfter / normBefore : 1 }
    public var clipped: Bool { normAfter < normBefore }
    /// Every tensor in `state_dict` order.
    public let tensors: [TensorNorm]
    /// The clipped gradient, in the parameters' layout.
    public let clippedGradient: [Double]

    /// Clips a gradient (in `layout` order) to `maxNorm`, as a training step would.
    ///
    /// - Complexity: O(P).
    public init(gradient: [Double], layout: ParameterLayout, maxNorm: Double) {
        var g = gradient
        let result = clipGradientNorm(&g, maxNorm: maxNorm)
        func norm(_ a: [Double], _ t: ParameterLayout.Tensor) -> Double {
            var s = 0.0
            for k in t.offset..<(t.offset + t.count) { s += a[k] * a[k] }
            return s.squareRoot()
        }
        self.maxNorm = maxNorm
        normBefore = result.normBefore
        normAfter = result.normAfter
        tensors = layout.tensors.map { TensorNorm(name: $0.name, before: norm(gradient, $0), after: norm(g, $0)) }
        clippedGradient = g
    }

    /// Runs forward and BPTT on one example and clips the gradient of its summed loss.
    ///
    /// - Complexity: O(T · G·H·(I + H) + P).
    public init(model: RecurrentModel, input: SequenceInput, targets: [Int?], clamps: [Clamp] = [], maxNorm: Double) {
        let g = model.backward(model.forward(input, targets: targets, clamps: clamps))
        self.init(gradient: g.parameters, layout: model.layout, maxNorm: maxNorm)
    }
}
