import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import UnrollCore

@Suite struct PowerMethodTests {
    @Test func diagonalMatrixGivesExactPowers() {
        let w = [0.5, 0, 0, 0, -2, 0, 0, 0, 1]
        let p = PowerSeries(matrix: w, size: 3, initial: [1, 1, 1], steps: 6)
        for t in 0...6 {
            let expected = [pow(0.5, Double(t)), pow(-2, Double(t)), 1]
            let h = p.state(at: t)
            for u in 0..<3 { #expect(abs(h[u] - expected[u]) <= 1e-12 * max(1, abs(expected[u]))) }
            #expect(abs(p.norms[t] - expected.reduce(0) { $0 + $1 * $1 }.squareRoot()) < 1e-12 * p.norms[t])
        }
    }

    /// h_t = (Wᵗ)ᵀ h₀ by default, Wᵗ h₀ when not transposed.
    @Test func transposeIsWhatBackpropagationUses() {
        let w = [1.0, 2, 0, 1]   // [[1, 2], [0, 1]]
        let back = PowerSeries(matrix: w, size: 2, initial: [1, 0], steps: 3)
        let fwd = PowerSeries(matrix: w, size: 2, initial: [1, 0], steps: 3, transposed: false)
        // (Wᵀ)³ e₀ = [1, 6]; W³ e₀ = [1, 0].
        #expect(back.state(at: 3).enumerated().allSatisfy { abs($1 - [1.0, 6][$0]) < 1e-12 })
        #expect(fwd.state(at: 3).enumerated().allSatisfy { abs($1 - [1.0, 0][$0]) < 1e-12 })
    }

    /// A scaled orthogonal matrix multiplies every norm by exactly c per step; the logarithms do not
    /// overflow where the norms do.
    @Test func scaledOrthogonalMatrixGrowsGeometrically() {
        var rng = SeededRandom(seed: 3)
        let q = randomOrthogonalMatrix(size: 10, using: &rng)
        let h0 = randomUnitVector(size: 10, seed: 1)
        let grow = PowerSeries(matrix: q, size: 10, scale: 1.1, initial: h0, steps: 50)
        for t in 0...50 { #expect(abs(grow.norms[t] - pow(1.1, Double(t))) < 1e-10 * pow(1.1, Double(t))) }
        #expect(abs(grow.averageGrowth - 1.1) < 1e-12)
        let huge = PowerSeries(matrix: q, size: 10, scale: 100, initial: h0, steps: 200)
        #expect(huge.norms[200] == .infinity)
        #expect(abs(huge.logNorms[200] - 200 * log(100)) < 1e-9)
        let tiny = PowerSeries(matrix: q, size: 10, scale: 0.01, initial: h0, steps: 200)
        #expect(tiny.norms[200] == 0 && tiny.logNorms[200].isFinite)
    }

    @Test func averageGrowthApproachesTheSpectralRadius() {
        // A dominant real eigenvalue: the growth rate converges to ρ.
        var rng = SeededRandom(seed: 8)
        let n = 12
        var d = [Double](repeating: 0, count: n * n)
        for k in 0..<n { d[k * n + k] = k == 0 ? 1.3 : rng.uniform(-0.9, 0.9) }
        let q = randomOrthogonalMatrix(size: n, using: &rng)
        let a = EigenvaluesTests.multiply(EigenvaluesTests.multiply(q, d, n), EigenvaluesTests.transpose(q, n), n)
        let p = PowerSeries(matrix: a, size: n, initial: randomUnitVector(size: n, seed: 2), steps: 400)
        #expect(abs(exp(p.logNorms[400] - p.logNorms[399]) - 1.3) < 1e-9)
        #expect(abs(p.averageGrowth - 1.3) < 0.01)
        let zero = PowerSeries(matrix: [Double](repeating: 0, count: 4), size: 2, initial: [1, 0], steps: 3)
        #expect(zero.norms == [1, 0, 0, 0])
    }

    @Test func randomUnitVectorIsSeededAndUnit() {
        let v = randomUnitVector(size: 7, seed: 4)
        #expect(v == randomUnitVector(size: 7, seed: 4))
        #expect(abs(v.reduce(0) { $0 + $1 * $1 } - 1) < 1e-14)
    }

    /// The series is scale-invariant: for W at any scale and c up to 1e±300, ln ‖h_t‖ is that of the
    /// unscaled series plus t·ln |sc|, the directions are the same up to the sign of c, and `norms`
    /// is +∞ or 0 where ‖h_t‖ leaves Double, never NaN (before, c = 1e160 overflowed ‖cWh‖² to +∞
    /// and then gave NaN norms).
    @Test(arguments: [(1.0, 1e160), (1.0, -1e160), (1.0, 1e-170), (1e-200, 1e200), (1e200, -3e-290), (1e-170, 1.0), (1e300, 1e-300)])
    func powerSeriesIsScaleInvariant(_ matrixScale: Double, _ c: Double) {
        var rng = SeededRandom(seed: 31)
        let n = 8, T = 20
        let w = (0..<(n * n)).map { _ in rng.uniform(-1, 1) }
        let h0 = randomUnitVector(size: n, seed: 3)
        let base = PowerSeries(matrix: w, size: n, initial: h0, steps: T)
        let p = PowerSeries(matrix: w.map { $0 * matrixScale }, size: n, scale: c, initial: h0, steps: T)
        let perStep = log(abs(matrixScale)) + log(abs(c))
        for t in 0...T {
            let expected = base.logNorms[t] + Double(t) * perStep
            #expect(abs(p.logNorms[t] - expected) <= 1e-12 * max(1, abs(expected)), "t=\(t)")
            #expect(!p.norms[t].isNaN)
            if expected > 710 { #expect(p.norms[t] == .infinity) }
            if expected < -746 { #expect(p.norms[t] == 0) }
            if abs(expected) < 700 { #expect(abs(p.norms[t] - exp(expected)) <= 1e-10 * exp(expected)) }
            let flip: Double = c < 0 && t % 2 == 1 ? -1 : 1
            for u in 0..<n {
                #expect(abs(p.directions[t * n + u] - flip * base.directions[t * n + u]) < 1e-13, "t=\(t) u=\(u)")
            }
        }
    }

    /// A non-finite W or h₀ gives NaN logarithms, not a silent zero; c = 0 gives an honest 0.
    @Test func nonFiniteInputsAreNotHidden() {
        let nan = PowerSeries(matrix: [1, .nan, 0, 1], size: 2, initial: [1, 1], steps: 2)
        #expect(nan.logNorms[2].isNaN)
        let zero = PowerSeries(matrix: [1, 2, 3, 4], size: 2, scale: 0, initial: [1, 1], steps: 2)
        #expect(zero.norms[1] == 0 && zero.logNorms[2] == -.infinity)
    }
}
