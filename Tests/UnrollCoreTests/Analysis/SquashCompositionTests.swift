import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import UnrollCore

@Suite struct SquashCompositionTests {
    /// σⁿ(x) flattens onto the fixed point x* = σ(x*) ≈ 0.6590 and its slope vanishes like (σ′)ⁿ ≤ 4⁻ⁿ.
    @Test func sigmoidFlattensOntoItsFixedPoint() {
        let s = SquashComposition(function: .sigmoid, depth: 12, from: -6, to: 6, samples: 121)
        #expect(s.samples == 121 && s.xs.first == -6 && s.xs.last == 6)
        var fixed = 0.5
        for _ in 0..<200 { fixed = sigmoid(fixed) }
        #expect(abs(fixed - 0.659046068) < 1e-8)
        #expect(s.values(depth: 12).allSatisfy { abs($0 - fixed) < 1e-4 })
        for n in 1...12 {
            #expect(s.maximumSlope(depth: n) <= pow(0.25, Double(n)) * (1 + 1e-12))
            if n > 1 { #expect(s.range(depth: n) < s.range(depth: n - 1)) }
        }
        #expect(s.maximumSlope(depth: 10) < 1e-6)
    }

    /// The derivative chain is the derivative of fⁿ (central finite differences).
    @Test(arguments: Squash.allCases)
    func derivativeChainIsTheDerivativeOfTheComposition(_ f: Squash) {
        let s = SquashComposition(function: f, depth: 6, from: -3.05, to: 2.95, samples: 25)
        let h = 1e-6
        for n in 1...6 {
            let d = s.derivatives(depth: n), v = s.values(depth: n)
            for (k, x) in s.xs.enumerated() {
                var plus = x + h, minus = x - h, direct = x
                for _ in 0..<n { plus = f.value(plus); minus = f.value(minus); direct = f.value(direct) }
                #expect(v[k] == direct)
                #expect(abs((plus - minus) / (2 * h) - d[k]) < 1e-8, "\(f) n=\(n) x=\(x)")
            }
        }
    }

    @Test func reluIsIdempotentAndTanhShrinksSlowly() {
        let r = SquashComposition(function: .relu, depth: 5, from: -2, to: 2, samples: 5)
        #expect(r.values(depth: 5) == [0, 0, 0, 1, 2])
        #expect(r.derivatives(depth: 5) == [0, 0, 0, 1, 1])
        let t = SquashComposition(function: .tanh, depth: 20, from: -6, to: 6, samples: 61)
        #expect(abs(t.maximumSlope(depth: 20) - 1) < 1e-12, "tanh′(0) = 1 at the origin")
        #expect(t.values(depth: 20).allSatisfy { abs($0) < 0.4 })
    }

    @Test func recomputeMatchesAFreshSeries() {
        var s = SquashComposition(function: .tanh, depth: 3, from: -1, to: 1, samples: 11)
        s.recompute(function: .sigmoid, depth: 4, from: -2, to: 2, samples: 7)
        #expect(s == SquashComposition(function: .sigmoid, depth: 4, from: -2, to: 2, samples: 7))
    }
}
