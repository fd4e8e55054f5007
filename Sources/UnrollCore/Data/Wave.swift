#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A seeded wave for `unroll train wave` and the time-series lab: a sum of two sines with noise.
///
/// x_t = sin(2π t / 24 + φ₁) + 0.4 · sin(2π t / 9 + φ₂) + ε_t, t = 0, 1, …, with the phases φ uniform in
/// [0, 2π) and ε_t normal with standard deviation `noise`, all drawn from the seed. The periods are
/// fixed so that every seed's wave has the same shape (a slow swell with a faster ripple on it).
public struct Wave: Sendable, Equatable {
    /// The slow and the fast period, in steps.
    public static let periods: (slow: Double, fast: Double) = (24, 9)
    /// The fast sine's amplitude (the slow one's is 1).
    public static let rippleAmplitude = 0.4
    /// The most steps a wave may have (`--length`).
    public static let maxLength = 1_000_000

    public let seed: UInt64
    public let noise: Double

    public init(seed: UInt64, noise: Double = 0.05) {
        self.seed = seed
        self.noise = noise
    }

    /// The phases φ₁, φ₂ the seed gives.
    public var phases: (slow: Double, fast: Double) {
        var rng = SeededRandom(seed: seed)
        return (rng.uniform(0, 2 * Double.pi), rng.uniform(0, 2 * Double.pi))
    }

    /// The first `length` values of the wave (the same on every run for the same seed).
    public func values(length: Int) -> [Double] {
        var rng = SeededRandom(seed: seed)
        let slow = rng.uniform(0, 2 * Double.pi), fast = rng.uniform(0, 2 * Double.pi)
        var noiseRNG = SeededRandom(seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ 7)
        return (0..<max(0, length)).map { t in
            let x = Double(t)
            return sin(2 * Double.pi * x / Wave.periods.slow + slow)
                + Wave.rippleAmplitude * sin(2 * Double.pi * x / Wave.periods.fast + fast)
                + noise * noiseRNG.normal()
        }
    }
}
