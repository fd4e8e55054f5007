/// Decimal exponents, powers of ten and logarithms without Foundation, for number formats and plot axes.
///
/// Accurate to a few ulps, which is far finer than anything drawn on a terminal; results are
/// deterministic across platforms because they use only IEEE arithmetic.
enum ScaleMath {
    // `Double.rounded()` calls libm, which a Foundation-free executable does not link on Linux;
    // these use only the float-to-integer conversion instruction.

    /// x rounded to the nearest integer, halves away from zero (x itself beyond 2^52 or when not finite).
    static func round(_ x: Double) -> Double {
        guard Swift.abs(x) < 4503599627370496 else { return x }
        let t = Double(Int64(x))
        let diff = x - t
        if diff >= 0.5 { return t + 1 }
        if diff <= -0.5 { return t - 1 }
        return t
    }

    /// The largest integer ≤ x (x itself beyond 2^52 or when not finite).
    static func floor(_ x: Double) -> Double {
        guard Swift.abs(x) < 4503599627370496 else { return x }
        let t = Double(Int64(x))
        return t > x ? t - 1 : t
    }

    /// The smallest integer ≥ x.
    static func ceil(_ x: Double) -> Double { -floor(-x) }

    /// ⌈x⌉ as an Int, clamped to ±2^53 (0 for nan).
    static func ceilInt(_ x: Double) -> Int { -floorInt(-x) }

    /// x rounded to the nearest Int, clamped to ±2^53 (0 for nan).
    static func roundedInt(_ x: Double) -> Int {
        guard !x.isNaN else { return 0 }
        return Int(Swift.max(-9007199254740992, Swift.min(9007199254740992, round(x))))
    }

    /// ⌊x⌋ as an Int, clamped to ±2^53 (0 for nan).
    static func floorInt(_ x: Double) -> Int {
        guard !x.isNaN else { return 0 }
        return Int(Swift.max(-9007199254740992, Swift.min(9007199254740992, floor(x))))
    }

    /// 10^k for an integer k (0 for k < -340, +inf for k > 308).
    static func pow10(_ k: Int) -> Double {
        if k < -340 { return 0 }
        if k > 308 { return .infinity }
        var result = 1.0
        var base = 10.0
        var n = Swift.abs(k)
        while n > 0 {
            if n & 1 == 1 { result *= base }
            base *= base
            n >>= 1
        }
        return k < 0 ? 1 / result : result
    }

    /// The integer e with 10^e ≤ a < 10^(e+1), for a finite a > 0.
    static func decimalExponent(_ a: Double) -> Int {
        guard a > 0 && a.isFinite else { return 0 }
        var e = floorInt(Double(Int(a.exponent)) * 0.30102999566398120)
        // Correct the estimate by at most a step or two either way.
        while e > -340 && scaled(a, by: -e) < 1 { e -= 1 }
        while e < 340 && scaled(a, by: -e) >= 10 { e += 1 }
        return e
    }

    /// a × 10^k, computed in two steps when 10^k alone would overflow or underflow.
    static func scaled(_ a: Double, by k: Int) -> Double {
        if k > 300 { return a * pow10(300) * pow10(k - 300) }
        if k < -300 { return a * pow10(-300) * pow10(k + 300) }
        return k >= 0 ? a * pow10(k) : a / pow10(-k)
    }

    /// The natural logarithm of a finite x > 0 (nan otherwise).
    static func ln(_ x: Double) -> Double {
        guard x > 0 && x.isFinite else { return x == 0 ? -.infinity : (x.isInfinite && x > 0 ? .infinity : .nan) }
        // x = s · 2^e with s in [√½, √2); ln s = 2·atanh((s−1)/(s+1)) with |z| < 0.172,
        // so 12 odd terms reach well below one ulp.
        var e = Double(Int(x.exponent))
        var s = x.significand
        if s > 1.4142135623730951 {
            s /= 2
            e += 1
        }
        let z = (s - 1) / (s + 1)
        let z2 = z * z
        var term = z
        var sum = 0.0
        var k = 1.0
        while k < 25 {
            sum += term / k
            term *= z2
            k += 2
        }
        return 2 * sum + e * 0.69314718055994530942
    }

    /// The base-10 logarithm of a finite x > 0.
    static func log10(_ x: Double) -> Double { ln(x) / 2.30258509299404568402 }

    /// A "nice" step (1, 2 or 5 × 10^k) close to `raw`, for axis ticks.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0 && raw.isFinite else { return 1 }
        let e = decimalExponent(raw)
        let magnitude = pow10(e)
        let residual = raw / magnitude
        let nice: Double = residual < 1.5 ? 1 : residual < 3 ? 2 : residual < 7 ? 5 : 10
        return nice * magnitude
    }
}
