import Testing
@testable import UnrollTUI

@Suite struct NumberFormatTests {
    @Test func signedFiveWide() {
        #expect(NumberFormat.signed(0.9312) == "+0.93")
        #expect(NumberFormat.signed(-0.41) == "-0.41")
        #expect(NumberFormat.signed(0) == "0.00")
        #expect(NumberFormat.signed(-0.0) == "0.00")
        #expect(NumberFormat.signed(1) == "+1.00")
        #expect(NumberFormat.signed(12.345) == "+12.3")
        #expect(NumberFormat.signed(-123.4) == "-123")
        #expect(NumberFormat.signed(123456) == "+1e5")
        #expect(NumberFormat.signed(0.004) == "+4e-3")
        #expect(NumberFormat.signed(-0.00001) == "-1e-5")
    }

    @Test func compactUsesScientificForTinyValues() {
        #expect(NumberFormat.compact(0.000012, width: 6) == "1.2e-5")
        #expect(NumberFormat.compact(0.000012, width: 5) == "1e-5")
        #expect(NumberFormat.compact(0.93) == "0.93")
        #expect(NumberFormat.compact(-0.41) == "-0.41")
        #expect(NumberFormat.compact(99.999, width: 6) == "100.00")
        #expect(NumberFormat.compact(123456) == "1.2e5")
        #expect(NumberFormat.compact(9.96e-7, width: 6) == "1.0e-6")
        #expect(NumberFormat.compact(0.012) == "0.01")
        #expect(NumberFormat.compact(2.5, width: 8, decimals: 4) == "2.5000")
    }

    @Test func resultsNeverExceedTheWidth() {
        let values: [Double] = [0, 1, -1, 0.5, 1e-12, -1e-12, 1e12, -1e12, 123.456, .pi, .leastNonzeroMagnitude, 1.7e308, .nan, .infinity, -.infinity]
        for v in values {
            for w in 0...9 {
                #expect(NumberFormat.signed(v, width: w).count <= w, "signed(\(v), width: \(w))")
                #expect(NumberFormat.compact(v, width: w).count <= w, "compact(\(v), width: \(w))")
            }
        }
    }

    @Test func extremesAndNonFiniteValues() {
        #expect(NumberFormat.signed(.nan) == "nan")
        #expect(NumberFormat.signed(.infinity) == "+inf")
        #expect(NumberFormat.compact(-.infinity) == "-inf")
        #expect(NumberFormat.compact(1e12, width: 3) == "###")
        #expect(NumberFormat.compact(1e-12, width: 3) == "0")
        #expect(NumberFormat.signed(1e-12, width: 3) == "+0")
        #expect(NumberFormat.compact(0.5, width: 1) == "1")
        #expect(NumberFormat.compact(0.4, width: 1) == "0")
    }

    @Test func fixedAndScientific() {
        #expect(NumberFormat.fixed(3.14159, decimals: 3) == "3.142")
        #expect(NumberFormat.fixed(-0.0004, decimals: 2) == "0.00")
        #expect(NumberFormat.fixed(-2.5, decimals: 0) == "-3")
        #expect(NumberFormat.fixed(0.05, decimals: 1) == "0.1")
        #expect(NumberFormat.fixed(1e20, decimals: 2) == "1.00e20")
        #expect(NumberFormat.scientific(0.000012) == "1.2e-5")
        #expect(NumberFormat.scientific(-300, decimals: 0) == "-3e2")
        #expect(NumberFormat.scientific(0) == "0")
    }

    @Test func percentAndTicks() {
        #expect(NumberFormat.percent(0.56) == "56%")
        #expect(NumberFormat.percent(1) == "100%")
        #expect(NumberFormat.percent(.nan) == "--%")
        #expect(NumberFormat.tick(0.5, step: 0.5) == "0.5")
        #expect(NumberFormat.tick(2, step: 0.5) == "2.0")
        #expect(NumberFormat.tick(20, step: 10) == "20")
        #expect(NumberFormat.tick(0.25, step: 0.05) == "0.25")
        #expect(NumberFormat.tick(-1e-17, step: 0.1) == "0.0")
        #expect(NumberFormat.tick(2_000_000, step: 1_000_000) == "2.0e6")
        #expect(NumberFormat.padded("0.5", width: 5) == "  0.5")
    }

    /// Issue 10, finding 3: a weight ≥ 9.2e18 trapped the lab's first frame. Every double, finite or not,
    /// formats within its width.
    @Test func everyDoubleFormatsWithoutTrapping() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var values: [Double] = [1e19, -1e19, 9.2233720368547758e18, 9.3e18, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
                                .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude, .nan, .infinity, -.infinity, 0, -0.0,
                                9e15, 8.999999999999999e15, 1e300, -1e-300]
        for _ in 0..<2000 {
            // xorshift64: random bit patterns, so every exponent (and NaN payloads) turns up.
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            values.append(Double(bitPattern: state))
        }
        for v in values {
            for width in [1, 3, 5, 8, 12] {
                #expect(NumberFormat.signed(v, width: width).count <= width, "\(v) at \(width)")
                #expect(NumberFormat.compact(v, width: width, decimals: 3).count <= width, "\(v) at \(width)")
            }
            #expect(!NumberFormat.fixed(v, decimals: 2).isEmpty)
            #expect(!NumberFormat.scientific(v, decimals: 2).isEmpty)
            #expect(!NumberFormat.percent(v).isEmpty)
            #expect(!NumberFormat.tick(v, step: 0.1).isEmpty)
            #expect(!NumberFormat.tick(v, step: v).isEmpty)
        }
        #expect(NumberFormat.compact(1e19, width: 6) == "1.0e19")
        #expect(NumberFormat.signed(.nan) == "nan" && NumberFormat.signed(-.infinity) == "-inf")
    }

    @Test func significantKeepsTheDigitsOfSmallValues() {
        #expect(NumberFormat.significant(0.0007) == "7.0e-4")   // not "0.001", the bound it is under
        #expect(NumberFormat.significant(0.25) == "0.25")
        #expect(NumberFormat.significant(0.037) == "0.037")
        #expect(NumberFormat.significant(3.14159) == "3.1")
        #expect(NumberFormat.significant(123.4) == "123")
        #expect(NumberFormat.significant(-0.0007) == "-7.0e-4")
        #expect(NumberFormat.significant(0) == "0")
    }

    @Test func generalIsPercentGWithoutItsTrailingZeros() {
        #expect(NumberFormat.general(0.21344) == "0.2134")
        #expect(NumberFormat.general(3) == "3")
        #expect(NumberFormat.general(-2.5) == "-2.5")
        #expect(NumberFormat.general(1234.5) == "1235" || NumberFormat.general(1234.5) == "1234")
        #expect(NumberFormat.general(12345) == "1.234e4" || NumberFormat.general(12345) == "1.235e4")
        #expect(NumberFormat.general(0.000015) == "1.5e-5")
        #expect(NumberFormat.general(0.0001) == "0.0001")
        #expect(NumberFormat.general(9.99996) == "10", "rounding up moves the exponent")
        #expect(NumberFormat.general(0.5, digits: 6) == "0.5")
        #expect(NumberFormat.general(.nan) == "nan" && NumberFormat.general(-.infinity) == "-inf" && NumberFormat.general(0) == "0")
    }

    // Moved from the core's hardening tests with the formatter: a weight ≥ 9.2e18 once trapped here.
    @Test func aHugeNumberFormatsWithoutTrapping() {
        for v in [1e19, -9.3e18, 9.2233720368547758e18, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNonzeroMagnitude,
                  -.leastNonzeroMagnitude, .nan, .infinity, -.infinity, 1e15, 999_999_999_999_999.9, -0.0] {
            for s in [NumberFormat.short(v), NumberFormat.general(v), NumberFormat.general(v, digits: 15)] {
                #expect(!s.isEmpty && s.count <= 24, "\(v): \(s)")
                if v.isFinite { #expect(s != "nan" && s != "inf" && s != "-inf") }
            }
        }
        #expect(NumberFormat.short(.nan) == "nan" && NumberFormat.short(-.infinity) == "-inf" && NumberFormat.short(1e19) == "1e+19")
        #expect(NumberFormat.short(12.3456) == "12.35" && NumberFormat.short(-0.5) == "-0.50")
    }
}
