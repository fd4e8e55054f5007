import Testing
@testable import UnrollCore

@Suite struct NonNormalityTests {
    @Test func normalMatricesScoreZero() {
        #expect(nonNormality(of: [1, 0, 0, 2], size: 2) == 0)                    // diagonal
        #expect(nonNormality(of: [2, 1, 1, 3], size: 2) < 1e-15)                 // symmetric
        #expect(nonNormality(of: [0, -1, 1, 0], size: 2) < 1e-15)                // a rotation
        #expect(nonNormality(of: [0, 0, 0, 0], size: 2) == 0)                    // zero: no direction at all
    }

    @Test func aShiftIsAsFarFromNormalAsCanBe() {
        #expect(abs(nonNormality(of: [0, 1, 0, 0], size: 2) - 2.0.squareRoot()) < 1e-15)
        let leaning = nonNormality(of: [1, 0.1, 0, 1], size: 2), steep = nonNormality(of: [1, 5, 0, 1], size: 2)
        #expect(leaning > 0 && leaning < steep, "a larger off-diagonal leans the eigen-directions further")
    }

    @Test func scaleDoesNotChangeIt() {
        let w = [0.3, -1.2, 0.7, 0.5, 0.1, -0.4, 2.0, 0.0, 0.9]
        let a = nonNormality(of: w, size: 3), b = nonNormality(of: w.map { $0 * 1e-3 }, size: 3)
        #expect(a > 0 && abs(a - b) < 1e-12)
    }
}
