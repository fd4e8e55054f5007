/// A whole number read from a lesson or a progress file, range-checked before it becomes an `Int`.
///
/// `Int(Double)` traps for NaN, ±∞ and anything outside Int's range (`n: 1e300`), so every
/// conversion of a number from a file goes through `LessonInteger.from(_:in:)` first.
public enum LessonInteger {
    /// `value` as an `Int` when it is whole and within `range`; nil otherwise (never traps, for any `Double`).
    public static func from(_ value: Double, in range: ClosedRange<Int>) -> Int? {
        // 2^63 is the first double past Int.max; -2^63 is Int.min itself.
        guard value.isFinite, value == value.rounded(), value >= -9.223372036854775808e18, value < 9.223372036854775808e18 else {
            return nil
        }
        let n = Int(value)
        return range.contains(n) ? n : nil
    }

    /// `value` as an `Int` clamped into `range`; `fallback` for NaN. Rounds towards zero; never traps.
    public static func clamped(_ value: Double, to range: ClosedRange<Int>, fallback: Int) -> Int {
        guard !value.isNaN else { return fallback }
        if value <= Double(range.lowerBound) { return range.lowerBound }
        if value >= Double(range.upperBound) { return range.upperBound }
        return Int(value)
    }

    /// "a whole number 1–600" ("a whole number" for any Int), for messages.
    public static func phrase(_ range: ClosedRange<Int>) -> String {
        range == Int.min...Int.max ? "a whole number" : "a whole number \(describe(range))"
    }

    /// "1–600", or "1 or more" when the range is open-ended, for messages.
    public static func describe(_ range: ClosedRange<Int>) -> String {
        if range.upperBound == Int.max { return "\(range.lowerBound) or more" }
        return "\(range.lowerBound)–\(range.upperBound)"
    }
}
