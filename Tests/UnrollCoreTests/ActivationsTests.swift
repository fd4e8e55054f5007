import Foundation
import Testing
@testable import UnrollCore

/// The activations against the C library, across their whole range.
@Suite struct ActivationsTests {
    @Test func sigmoidAndTanhMatchLibm() {
        var worstS = 0.0, worstT = 0.0
        var rng = SeededRandom(seed: 5)
        for _ in 0..<200_000 {
            let x = rng.uniform(-50, 50)
            worstS = max(worstS, abs(sigmoid(x) - 1 / (1 + Foundation.exp(-x))))
            worstT = max(worstT, abs(tanhD(x) - Foundation.tanh(x)))
        }
        #expect(worstS < 1e-15 && worstT < 1e-15, "σ \(worstS), tanh \(worstT)")
        #expect(sigmoid(-1000) == 0 && sigmoid(1000) == 1 && tanhD(1000) == 1 && tanhD(-1000) == -1)
    }

    /// |y − reference| in units in the last place of the reference (a subnormal's ulp below 2⁻¹⁰²²).
    static func ulps(_ y: Double, _ reference: Double) -> Double {
        if y == reference { return 0 }
        return abs(y - reference) / reference.ulp
    }

    /// The arguments of the relative-accuracy tests: uniform over ±50, and log-uniform over
    /// 1e-300…1e-5 (both signs), plus a few subnormals and the values the issue named.
    static func arguments(seed: UInt64) -> [Double] {
        var rng = SeededRandom(seed: seed)
        var xs: [Double] = [1e-16, -1e-16, 1e-9, -1e-9, 1e-310, -5e-324, 0.3, -0.3, 0.3.nextDown, 20, 20.nextDown, 19.1]
        for _ in 0..<100_000 { xs.append(rng.uniform(-50, 50)) }
        for _ in 0..<100_000 { xs.append(rng.uniform(-0.7, 0.7)) }
        for _ in 0..<50_000 {
            let x = Foundation.pow(10, rng.uniform(-300, -5))
            xs.append(rng.unit() < 0.5 ? -x : x)
        }
        return xs
    }

    /// tanh within 4 ulp of a reference relative to itself, not only 1e-15 absolute: the old one-`exp`
    /// form gave tanh(1e-16) = 0 and was 8e-8 relatively off at 1e-9.
    @Test func tanhIsAccurateToFourUlpRelativeOverTheWholeLine() {
        var worstLibm = 0.0, worstLibmAt = 0.0
        for x in Self.arguments(seed: 9) {
            let e = Self.ulps(tanhD(x), Foundation.tanh(x))
            if e > worstLibm { worstLibm = e; worstLibmAt = x }
        }
        #expect(worstLibm <= 4, "tanh is \(worstLibm) ulp from the C library at \(worstLibmAt)")
        #expect(tanhD(1e-16) == 1e-16 && tanhD(-1e-300) == -1e-300 && tanhD(5e-324) == 5e-324)
        #expect(tanhD(0).sign == .plus && tanhD(-0.0).sign == .minus && tanhD(-0.0) == 0)
        #expect(tanhD(.nan).isNaN && tanhD(.infinity) == 1 && tanhD(-.infinity) == -1)
        #if arch(x86_64) || arch(i386)
        var worst = 0.0, worstAt = 0.0
        for x in Self.arguments(seed: 10) {
            let e = Self.ulps(tanhD(x), Double(Foundation.tanhl(Float80(x))))
            if e > worst { worst = e; worstAt = x }
        }
        #expect(worst <= 4, "tanh is \(worst) ulp from the 64-bit-mantissa reference at \(worstAt)")
        #endif
    }

    /// σ within 4 ulp relative, on the tail too: σ(−40) ≈ 4.25e-18 keeps its digits, not 0 or a
    /// rounded 1 − (1 − …); below x ≈ −708 σ is subnormal and stays within 4 ulp of the subnormal grid.
    @Test func sigmoidIsAccurateToFourUlpRelativeOverTheWholeLine() {
        var xs = Self.arguments(seed: 11)
        var rng = SeededRandom(seed: 12)
        for _ in 0..<50_000 { xs.append(rng.uniform(-745, -50)) }
        #if arch(x86_64) || arch(i386)
        /// σ in 64-bit-mantissa arithmetic, each branch free of cancellation.
        func reference(_ x: Double) -> Double {
            let v = Float80(x)
            if x >= 0 { return Double(1 / (1 + Foundation.expl(-v))) }
            let e = Foundation.expl(v)
            return Double(e / (1 + e))
        }
        #else
        /// σ in Double with the tail computed as e^x(1 − e^x + e^2x): an independent formula.
        func reference(_ x: Double) -> Double {
            if x >= 0 { return 1 / (1 + Foundation.exp(-x)) }
            let e = Foundation.exp(x)
            return x < -40 ? e * (1 - e) : e / (1 + e)
        }
        #endif
        var worst = 0.0, worstAt = 0.0
        for x in xs {
            let e = Self.ulps(sigmoid(x), reference(x))
            if e > worst { worst = e; worstAt = x }
        }
        #expect(worst <= 4, "σ is \(worst) ulp from the reference at \(worstAt)")
        // σ(−40) = e⁻⁴⁰/(1 + e⁻⁴⁰) = 4.2483542552915889…e-18 (e⁻⁴⁰ = 4.24835425529158899533e-18).
        #expect(Self.ulps(sigmoid(-40), 4.2483542552915889e-18) <= 4, "σ(−40) = \(sigmoid(-40))")
        #expect(sigmoid(0) == 0.5 && sigmoid(1e-300) == 0.5 && sigmoid(-800) == 0 && sigmoid(-740) > 0)
    }

    /// The series coefficients are tanh's: with tanh′ = 1 − tanh², tanh x = Σ aₙ x^(2n+1) has a₀ = 1 and
    /// (2n+1)aₙ = −Σ_{i+j=n−1} aᵢaⱼ; each literal is that value rounded to Double.
    @Test func tanhSeriesCoefficientsAreTheMaclaurinCoefficients() {
        let c = tanhSeries
        let literals = [c.0, c.1, c.2, c.3, c.4, c.5, c.6, c.7, c.8, c.9, c.10]
        #if arch(x86_64) || arch(i386)
        typealias Wide = Float80
        #else
        typealias Wide = Double
        #endif
        var a: [Wide] = [1]
        for n in 1...literals.count {
            var s: Wide = 0
            for i in 0..<n { s += a[i] * a[n - 1 - i] }
            a.append(-s / Wide(2 * n + 1))
        }
        for (k, literal) in literals.enumerated() {
            #expect(Self.ulps(literal, Double(a[k + 1])) <= (Wide.self == Double.self ? 2 : 0.5), "c\(k + 1)")
        }
        #expect(a[1] == -1 / 3 as Wide && abs(a[2] - 2 / 15) < 1e-18)
    }
}
