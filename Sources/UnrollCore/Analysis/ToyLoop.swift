/// The one-number recurrence s ← f(w·s + 1) from s = 0 (lesson 4's toy loop): with f = nil the
/// identity, whose s grows like wᵗ when |w| > 1; a squashing f keeps it bounded.
///
/// ```swift
/// ToyLoop(function: .tanh, weight: 2, steps: 30).values.last   // ≈ 0.96
/// ```
public struct ToyLoop: Sendable, Equatable {
    public let function: Squash?
    public let weight: Double
    /// s after each step, 1…steps.
    public let values: [Double]

    public init(function: Squash?, weight w: Double, steps: Int) {
        self.function = function
        weight = w
        var s = 0.0
        var out: [Double] = []
        out.reserveCapacity(max(0, steps))
        for _ in 0..<max(0, steps) {
            s = function.map { $0.value(w * s + 1) } ?? (w * s + 1)
            out.append(s)
        }
        values = out
    }

    /// Whether s grows without bound (no squashing and |w| > 1).
    public var explodes: Bool { function == nil && abs(weight) > 1 }
}
