import Testing
@testable import UnrollLessons

/// Finding 2 of issue 10: a number from a file becomes an Int only after its range is checked.
@Suite struct LessonIntegerTests {
    @Test func lessonIntegerNeverTrapsForAnyDouble() {
        let hostile: [Double] = [1e300, -1e300, 1e19, -1e19, .infinity, -.infinity, .nan, 9.223372036854775807e18,
                                 -9.223372036854775808e18, 0.5, -0.0, Double.greatestFiniteMagnitude, Double.leastNonzeroMagnitude]
        for v in hostile {
            #expect(LessonInteger.from(v, in: 1...30) == nil, "\(v)")
            let c = LessonInteger.clamped(v, to: 1...30, fallback: 5)
            #expect((1...30).contains(c), "\(v) → \(c)")
        }
        #expect(LessonInteger.from(-9.223372036854775808e18, in: Int.min...Int.max) == Int.min)
        #expect(LessonInteger.from(9.223372036854775808e18, in: Int.min...Int.max) == nil, "2^63 is past Int.max")
        #expect(LessonInteger.from(30, in: 1...30) == 30)
        #expect(LessonInteger.from(31, in: 1...30) == nil)
        #expect(LessonInteger.clamped(.nan, to: 1...30, fallback: 5) == 5)
        #expect(LessonInteger.clamped(1e300, to: 1...30, fallback: 5) == 30)
        #expect(LessonInteger.clamped(-1e300, to: 1...30, fallback: 5) == 1)
    }
}
