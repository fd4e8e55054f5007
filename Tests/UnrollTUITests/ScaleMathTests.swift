import Testing
@testable import UnrollTUI

@Suite struct ScaleMathTests {
    @Test func rounding() {
        #expect(ScaleMath.round(2.5) == 3 && ScaleMath.round(-2.5) == -3 && ScaleMath.round(2.49) == 2)
        #expect(ScaleMath.floor(-0.5) == -1 && ScaleMath.floor(3) == 3 && ScaleMath.ceil(2.1) == 3 && ScaleMath.ceil(-2.1) == -2)
        #expect(ScaleMath.roundedInt(.nan) == 0 && ScaleMath.roundedInt(.infinity) == 9007199254740992)
        #expect(ScaleMath.round(1e300) == 1e300)
        #expect(ScaleMath.floorInt(-0.1) == -1 && ScaleMath.ceilInt(0.1) == 1)
    }

    @Test func powersAndExponents() {
        #expect(ScaleMath.pow10(0) == 1 && ScaleMath.pow10(3) == 1000 && ScaleMath.pow10(-2) == 0.01)
        #expect(ScaleMath.pow10(400) == .infinity && ScaleMath.pow10(-400) == 0)
        #expect(ScaleMath.decimalExponent(1) == 0)
        #expect(ScaleMath.decimalExponent(9.99) == 0)
        #expect(ScaleMath.decimalExponent(10) == 1)
        #expect(ScaleMath.decimalExponent(0.001) == -3)
        #expect(ScaleMath.decimalExponent(1.2e-5) == -5)
        #expect(ScaleMath.decimalExponent(.leastNonzeroMagnitude) == -324)
        #expect(ScaleMath.decimalExponent(1.7e308) == 308)
    }

    @Test func logarithms() {
        for (x, expected) in [(1.0, 0.0), (10, 1), (1000, 3), (0.01, -2), (2, 0.30102999566398120), (1e-300, -300)] {
            #expect(Swift.abs(ScaleMath.log10(x) - expected) < 1e-12, "log10(\(x))")
        }
        #expect(Swift.abs(ScaleMath.ln(2.718281828459045) - 1) < 1e-14)
        #expect(ScaleMath.ln(0) == -.infinity && ScaleMath.ln(-1).isNaN)
    }

    @Test func niceSteps() {
        #expect(ScaleMath.niceStep(0.7) == 0.5)
        #expect(ScaleMath.niceStep(1.2) == 1)
        #expect(ScaleMath.niceStep(2.4) == 2)
        #expect(ScaleMath.niceStep(7.25) == 10)
        #expect(ScaleMath.niceStep(0.025) == 0.02)
        #expect(ScaleMath.niceStep(0.04) == 0.05)
        #expect(ScaleMath.niceStep(0) == 1 && ScaleMath.niceStep(.nan) == 1)
    }
}
