/// Repeated composition of a squashing function, fⁿ(x) = f∘f∘…∘f(x) for n = 1…N over a range of x,
/// with the derivative chain (fⁿ)′(x) = ∏_{k=1}^{n} f′(f^{k−1}(x)) along it.
///
/// This is the series behind "applying a sigmoid over and over flattens the curve": σⁿ tends to
/// the fixed point x* ≈ 0.659 for every x, and its slope, a product of factors ≤ 1/4, vanishes
/// geometrically. tanhⁿ creeps to 0 with slope ≤ 1; reluⁿ = relu keeps slope 1 on x > 0.
///
/// ```swift
/// let s = SquashComposition(function: .sigmoid, depth: 10, from: -6, to: 6, samples: 121)
/// s.values(depth: 10)          // σ¹⁰(x) at the 121 points: all ≈ 0.659
/// s.derivatives(depth: 10)     // (σ¹⁰)′(x): all < 1e-6
/// ```
public struct SquashComposition: Sendable, Equatable {
    public private(set) var function: Squash
    /// N: the deepest composition.
    public private(set) var depth: Int
    /// The sample points x, evenly spaced from `from` to `to` inclusive.
    public private(set) var xs: [Double]
    /// N × samples, row n−1 = fⁿ(x).
    public private(set) var values: [Double]
    /// N × samples, row n−1 = (fⁿ)′(x) = ∏_{k=1}^{n} f′(f^{k−1}(x)).
    public private(set) var derivatives: [Double]

    public var samples: Int { xs.count }

    /// The most points (depth × samples) one series may have: two arrays of 8 MB each.
    public static let maxPoints = 1_000_000

    /// Computes the series for n = 1…`depth` at `samples` points evenly spaced on [from, to].
    ///
    /// - Complexity: O(depth · samples).
    public init(function: Squash, depth: Int, from: Double = -6, to: Double = 6, samples: Int = 121) {
        self.function = function
        self.depth = 0
        xs = []
        values = []
        derivatives = []
        recompute(function: function, depth: depth, from: from, to: to, samples: samples)
    }

    /// Recomputes in place, reusing storage (no allocation when the sizes are unchanged).
    ///
    /// - Complexity: O(depth · samples).
    public mutating func recompute(function: Squash, depth: Int, from: Double, to: Double, samples: Int) {
        precondition(depth >= 1 && samples >= 1, "depth and samples must be ≥ 1")
        self.function = function
        self.depth = depth
        if xs.count != samples { xs = [Double](repeating: 0, count: samples) }
        if values.count != depth * samples {
            values = [Double](repeating: 0, count: depth * samples)
            derivatives = values
        }
        let step = samples > 1 ? (to - from) / Double(samples - 1) : 0
        for k in 0..<samples { xs[k] = k == samples - 1 && samples > 1 ? to : from + Double(k) * step }
        let f = function
        xs.withUnsafeBufferPointer { x in
        values.withUnsafeMutableBufferPointer { v in
        derivatives.withUnsafeMutableBufferPointer { d in
            for k in 0..<samples {
                var z = x[k], chain = 1.0
                for n in 0..<depth {
                    chain *= f.derivative(z)
                    z = f.value(z)
                    v[n * samples + k] = z
                    d[n * samples + k] = chain
                }
            }
        }}}
    }

    /// fⁿ(x) at every sample point (1 ≤ n ≤ depth).
    public func values(depth n: Int) -> [Double] { row(values, n) }

    /// (fⁿ)′(x) at every sample point (1 ≤ n ≤ depth).
    public func derivatives(depth n: Int) -> [Double] { row(derivatives, n) }

    /// max over x of |(fⁿ)′(x)|: how steep the n-fold composition still is anywhere on the range.
    public func maximumSlope(depth n: Int) -> Double {
        let base = (n - 1) * samples
        var m = 0.0
        for k in 0..<samples { m = max(m, abs(derivatives[base + k])) }
        return m
    }

    /// max − min of fⁿ over the range: how much of the input's spread survives n applications.
    public func range(depth n: Int) -> Double {
        let base = (n - 1) * samples
        var lo = Double.infinity, hi = -Double.infinity
        for k in 0..<samples {
            lo = min(lo, values[base + k])
            hi = max(hi, values[base + k])
        }
        return hi - lo
    }

    private func row(_ a: [Double], _ n: Int) -> [Double] {
        precondition(n >= 1 && n <= depth, "depth \(n) outside 1…\(depth)")
        return Array(a[((n - 1) * samples)..<(n * samples)])
    }
}
