import Foundation

/// Compact number formatting for fixed column widths: `+0.93`, `-0.41`, `1.2e-5`.
///
/// Every function returns at most `width` characters, never padded (use `padded(_:width:)`
/// to right-align). Fixed notation is used while it fits and shows a non-zero digit;
/// otherwise scientific notation with the shortest exponent (`e-5`, not `e-05`).
///
/// ```swift
/// NumberFormat.signed(0.9312)        // "+0.93"
/// NumberFormat.signed(-0.41)         // "-0.41"
/// NumberFormat.compact(0.000012, width: 6)   // "1.2e-5"
/// NumberFormat.compact(123456)       // "1.2e5"
/// ```
///
/// The one minus sign: screens and machine output both write ASCII hyphen-minus (`-0.41`), so a
/// frame reads the same in UTF-8 and ASCII and a number copied from it parses anywhere. `−`
/// (U+2212) appears only in formulas' symbols (`h_{t−1}`), never in a number.
public enum NumberFormat {
    /// The minus sign every number is written with.
    public static let minus = "-"

    /// A short decimal for explanations: two places for ordinary values, scientific for tiny ones
    /// (`1.2e-4`), shortest round-trip digits from 1e15; `nan`, `inf`, `-inf`. Never traps.
    public static func short(_ v: Double) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v < 0 ? minus + "inf" : "inf" }
        if v == 0 { return "0" }
        if Swift.abs(v) >= 1e15 { return v.description }
        if Swift.abs(v) < 1e-3 {
            var e = 0
            var m = Swift.abs(v)
            while m < 1 { m *= 10; e += 1 }
            let mant = (m * 10).rounded() / 10
            return (v < 0 ? minus : "") + "\(mant)e-\(e)"
        }
        let r = (v * 100).rounded() / 100
        let whole = Int(Swift.abs(r))
        let frac = Int((Swift.abs(r) * 100).rounded()) % 100
        return (r < 0 ? minus : "") + "\(whole)." + (frac < 10 ? "0\(frac)" : "\(frac)")
    }

    /// `short` with its sign always shown: `+0.93`, `-0.41`.
    public static func shortSigned(_ v: Double) -> String {
        (v < 0 ? minus : "+") + short(Swift.abs(v))
    }
    /// Always shows the sign of a non-zero value: `+0.93`, `-0.41`, `0.00`.
    public static func signed(_ value: Double, width: Int = 5, decimals: Int = 2) -> String {
        format(value, width: width, decimals: decimals, plusSign: true)
    }

    /// Shows a minus sign only: `0.93`, `-0.41`, `1.2e-5`.
    public static func compact(_ value: Double, width: Int = 5, decimals: Int = 2) -> String {
        format(value, width: width, decimals: decimals, plusSign: false)
    }

    /// Fixed notation with exactly `decimals` fraction digits and no width limit: `3.142`.
    ///
    /// Falls back to scientific notation beyond ±9e15.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        let d = Swift.min(15, Swift.max(0, decimals))
        let a = Swift.abs(value)
        guard let digits = fixedDigits(a, decimals: d) else { return scientific(value, decimals: Swift.max(1, d)) }
        return (value < 0 && !isAllZeros(digits) ? "-" : "") + digits
    }

    /// Scientific notation with `decimals` mantissa fraction digits: `1.2e-5`, `-3e2`.
    public static func scientific(_ value: Double, decimals: Int = 1) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == 0 { return "0" }
        return (value < 0 ? "-" : "") + scientificDigits(Swift.abs(value), decimals: Swift.min(15, Swift.max(0, decimals)))
    }

    /// A value that keeps `digits` significant digits however small: `0.25`, `0.0007` → `7.0e-4`.
    ///
    /// For captions that state a key number: `compact(0.0007, decimals: 3)` rounds to `0.001`,
    /// which reads as the very bound a lesson says it stays under.
    public static func significant(_ value: Double, digits: Int = 2) -> String {
        let d = Swift.min(15, Swift.max(1, digits))
        let a = Swift.abs(value)
        guard a.isFinite, a != 0 else { return a == 0 ? "0" : fixed(value, decimals: 0) }
        if a < 0.01 || a >= 1e6 { return scientific(value, decimals: d - 1) }
        let exponent = Int(Foundation.floor(Foundation.log10(a)))   // 0.25 → −1, 3.1 → 0, 123 → 2
        return fixed(value, decimals: Swift.max(0, d - 1 - exponent))
    }

    /// `digits` significant digits with trailing zeros dropped, as C's `%g` writes them: `0.2134`,
    /// `3`, `1.5e-5`, `2.5e6` (scientific below 1e-4 and from 10^digits). For tables and messages.
    public static func general(_ value: Double, digits: Int = 4) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == 0 { return "0" }
        let d = Swift.min(15, Swift.max(1, digits))
        // The exponent after rounding to d digits (9.99996 at 4 digits is 10.00: exponent 1).
        let rounded = scientific(value, decimals: d - 1)
        let exponent = rounded.split(separator: "e").last.flatMap { Int($0) } ?? 0
        if exponent < -4 || exponent >= d {
            guard let e = rounded.firstIndex(of: "e") else { return rounded }
            return trimmingZeros(String(rounded[..<e])) + String(rounded[e...])
        }
        return trimmingZeros(fixed(value, decimals: Swift.max(0, d - 1 - exponent)))
    }

    /// `1.2300` → `1.23`, `2.000` → `2`; text without a point is unchanged.
    private static func trimmingZeros(_ s: String) -> String {
        guard s.contains(".") else { return s }
        var t = Substring(s)
        while t.last == "0" { t = t.dropLast() }
        if t.last == "." { t = t.dropLast() }
        return String(t)
    }

    /// A percentage with no decimals: `64%`.
    public static func percent(_ fraction: Double) -> String {
        guard fraction.isFinite else { return "--%" }
        return fixed(fraction * 100, decimals: 0) + "%"
    }

    /// A label for an axis tick at `value` on an axis whose ticks are `step` apart: just enough decimals.
    public static func tick(_ value: Double, step: Double, width: Int = 6) -> String {
        guard value.isFinite else { return compact(value, width: width) }
        // A tick at 0 computed as -1e-17 on a ±0.1 axis must print as 0.
        let value = Swift.abs(value) < Swift.abs(step) * 1e-9 ? 0 : value
        let a = Swift.abs(value)
        if a != 0 && (a >= 1e6 || a < 1e-4) { return compact(value, width: width, decimals: 1) }
        let decimals = step > 0 && step.isFinite ? Swift.max(0, -ScaleMath.decimalExponent(step)) : 2
        let s = fixed(value, decimals: Swift.min(decimals, 6))
        return s.count <= width ? s : compact(value, width: width, decimals: decimals)
    }

    /// `text` right-aligned in `width` columns (cut from the left when longer).
    public static func padded(_ text: String, width: Int) -> String { Text.padLeft(text, to: width) }

    /// The general formatter behind `signed` and `compact`.
    static func format(_ value: Double, width: Int, decimals: Int, plusSign: Bool) -> String {
        guard width > 0 else { return "" }
        if value.isNaN { return Text.truncated("nan", to: width) }
        if value.isInfinite { return Text.truncated(value < 0 ? "-inf" : (plusSign ? "+inf" : "inf"), to: width) }
        let a = Swift.abs(value)
        let sign = value < 0 ? "-" : (plusSign && a > 0 ? "+" : "")
        let room = width - sign.count
        if a == 0 {
            let d = Swift.min(Swift.max(0, decimals), width - 2)
            return d > 0 ? "0." + String(repeating: "0", count: d) : "0"
        }
        guard room > 0 else { return Text.truncated(sign, to: width) }
        // Fixed notation, dropping decimals until it fits; only if it still shows a non-zero digit.
        var d = Swift.min(15, Swift.max(0, decimals))
        while d >= 0 {
            if let digits = fixedDigits(a, decimals: d), digits.count <= room {
                if !isAllZeros(digits) { return sign + digits }
                break
            }
            d -= 1
        }
        // Scientific notation with as many mantissa decimals as fit (at most decimals − 1, at least 1 when room).
        var md = Swift.max(1, decimals - 1)
        while md >= 0 {
            let digits = scientificDigits(a, decimals: md)
            if digits.count <= room { return sign + digits }
            md -= 1
        }
        // Nothing fits: tiny values read as zero, huge ones as an overflow mark.
        if a < 1 { return Text.truncated(sign + "0", to: width) }
        return String(repeating: "#", count: width)
    }

    /// `a` ≥ 0 with `decimals` fraction digits, or nil when too large for exact integer arithmetic.
    static func fixedDigits(_ a: Double, decimals: Int) -> String? {
        let scale = ScaleMath.pow10(decimals)
        let scaled = ScaleMath.round(a * scale)
        guard scaled < 9e15 else { return nil }
        let r = Int64(scaled)
        let unit = Int64(scale)
        var s = String(r / unit)
        if decimals > 0 {
            let frac = String(r % unit)
            s.append(".")
            if frac.count < decimals { s.append(String(repeating: "0", count: decimals - frac.count)) }
            s.append(frac)
        }
        return s
    }

    /// `a` > 0 as mantissa and shortest exponent: `1.2e-5`.
    static func scientificDigits(_ a: Double, decimals: Int) -> String {
        var e = ScaleMath.decimalExponent(a)
        var m = ScaleMath.scaled(a, by: -e)
        let unit = ScaleMath.pow10(decimals)
        if ScaleMath.round(m * unit) >= 10 * unit {
            e += 1
            m /= 10
        }
        return (fixedDigits(m, decimals: decimals) ?? "1") + "e" + String(e)
    }

    private static func isAllZeros(_ digits: String) -> Bool {
        digits.allSatisfy { $0 == "0" || $0 == "." }
    }
}
