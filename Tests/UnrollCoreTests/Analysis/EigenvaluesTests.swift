import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import UnrollCore

/// The QR eigenvalue solver on matrices whose spectra are known exactly.
@Suite struct EigenvaluesTests {
    /// Q D Qᵀ for a random orthogonal Q: the same spectrum as D, but no longer in a friendly basis.
    static func conjugated(_ d: [Double], size n: Int, seed: UInt64) -> [Double] {
        var rng = SeededRandom(seed: seed)
        let q = randomOrthogonalMatrix(size: n, using: &rng)
        return multiply(multiply(q, d, n), transpose(q, n), n)
    }

    static func multiply(_ a: [Double], _ b: [Double], _ n: Int) -> [Double] {
        var c = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for k in 0..<n { for j in 0..<n { c[i * n + j] += a[i * n + k] * b[k * n + j] } } }
        return c
    }

    static func transpose(_ a: [Double], _ n: Int) -> [Double] {
        var t = a
        for i in 0..<n { for j in 0..<n { t[j * n + i] = a[i * n + j] } }
        return t
    }

    /// Every expected eigenvalue is matched by a distinct computed one within `tolerance`.
    static func matches(_ computed: [Eigenvalue], _ expected: [Eigenvalue], tolerance: Double) -> Bool {
        guard computed.count == expected.count else { return false }
        var unused = computed
        for e in expected {
            guard let k = unused.indices.min(by: { distance(unused[$0], e) < distance(unused[$1], e) }),
                  distance(unused[k], e) <= tolerance else { return false }
            unused.remove(at: k)
        }
        return true
    }

    static func distance(_ a: Eigenvalue, _ b: Eigenvalue) -> Double {
        Eigenvalue(real: a.real - b.real, imaginary: a.imaginary - b.imaginary).magnitude
    }

    /// det A by LU with partial pivoting.
    static func determinant(_ m: [Double], _ n: Int) -> Double {
        var a = m, det = 1.0
        for k in 0..<n {
            var p = k
            for i in (k + 1)..<max(k + 1, n) where abs(a[i * n + k]) > abs(a[p * n + k]) { p = i }
            if a[p * n + k] == 0 { return 0 }
            if p != k {
                for j in 0..<n { a.swapAt(p * n + j, k * n + j) }
                det = -det
            }
            det *= a[k * n + k]
            for i in (k + 1)..<max(k + 1, n) {
                let f = a[i * n + k] / a[k * n + k]
                for j in k..<n { a[i * n + j] -= f * a[k * n + j] }
            }
        }
        return det
    }

    @Test(arguments: [0.3, 1.0, Double.pi / 2, 2.5, Double.pi - 1e-3])
    func rotationHasEigenvaluesOnTheUnitCircle(_ theta: Double) {
        let r = [cos(theta), -sin(theta), sin(theta), cos(theta)]
        let ev = eigenvalues(of: r, size: 2)
        #expect(Self.matches(ev, [Eigenvalue(real: cos(theta), imaginary: sin(theta)),
                                  Eigenvalue(real: cos(theta), imaginary: -sin(theta))], tolerance: 1e-14))
        #expect(ev.allSatisfy { abs($0.magnitude - 1) < 1e-14 })
        #expect(abs(abs(ev[0].angle) - theta) < 1e-13)
        #expect(ev[0].imaginary > 0 && ev[1].imaginary < 0, "a conjugate pair, +i first")
    }

    /// A block-diagonal matrix of scaled rotations and real entries, hidden by an orthogonal change of basis.
    @Test func rotationsInDisguise() {
        let n = 7
        var d = [Double](repeating: 0, count: n * n)
        let blocks: [(Double, Double)] = [(0.9, 0.4), (1.3, 2.0), (0.5, 3.0)]
        var expected: [Eigenvalue] = []
        for (b, (radius, theta)) in blocks.enumerated() {
            let i = 2 * b
            d[i * n + i] = radius * cos(theta); d[i * n + i + 1] = -radius * sin(theta)
            d[(i + 1) * n + i] = radius * sin(theta); d[(i + 1) * n + i + 1] = radius * cos(theta)
            expected += [Eigenvalue(real: radius * cos(theta), imaginary: radius * sin(theta)),
                         Eigenvalue(real: radius * cos(theta), imaginary: -radius * sin(theta))]
        }
        d[6 * n + 6] = -0.7
        expected.append(Eigenvalue(real: -0.7))
        let a = Self.conjugated(d, size: n, seed: 11)
        let ev = eigenvalues(of: a, size: n)
        #expect(Self.matches(ev, expected, tolerance: 1e-12), "\(ev)")
        #expect(abs(spectralRadius(of: a, size: n) - 1.3) < 1e-12)
        #expect(ev[0].magnitude >= ev[1].magnitude && ev[1].magnitude >= ev[2].magnitude, "sorted by |λ|")
    }

    @Test func diagonalMatricesGiveTheirDiagonal() {
        let values = [3.0, -2.0, 0.5, 0, 1e-3, -7.25, 2.0, 2.0]
        let n = values.count
        var d = [Double](repeating: 0, count: n * n)
        for k in 0..<n { d[k * n + k] = values[k] }
        let expected = values.map { Eigenvalue(real: $0) }
        #expect(Self.matches(eigenvalues(of: d, size: n), expected, tolerance: 0))
        let ev = eigenvalues(of: Self.conjugated(d, size: n, seed: 5), size: n)
        #expect(Self.matches(ev, expected, tolerance: 1e-12), "\(ev)")
        #expect(ev.allSatisfy { $0.isReal })
    }

    /// Jordan blocks: the eigenvalue is defective, so a backward-stable method finds it only to
    /// about ε^(1/k) for a k×k block.
    @Test(arguments: [2, 3, 4])
    func defectiveJordanBlocks(_ k: Int) {
        let lambda = 0.8
        var j = [Double](repeating: 0, count: k * k)
        for i in 0..<k {
            j[i * k + i] = lambda
            if i + 1 < k { j[i * k + i + 1] = 1 }
        }
        let exact = eigenvalues(of: j, size: k)
        #expect(exact.allSatisfy { Self.distance($0, Eigenvalue(real: lambda)) < 1e-12 }, "triangular: exact, \(exact)")
        let disguised = eigenvalues(of: Self.conjugated(j, size: k, seed: UInt64(k)), size: k)
        let tolerance = 10 * pow(Double.ulpOfOne, 1 / Double(k))
        #expect(disguised.allSatisfy { Self.distance($0, Eigenvalue(real: lambda)) < tolerance }, "\(disguised)")
        // The mean of the cluster is still accurate (the trace is exact).
        let mean = disguised.reduce(0) { $0 + $1.real } / Double(k)
        #expect(abs(mean - lambda) < 1e-12)
    }

    @Test func nilpotentAndTinyMatrices() {
        #expect(eigenvalues(of: [], size: 0).isEmpty)
        #expect(eigenvalues(of: [-4], size: 1) == [Eigenvalue(real: -4)])
        #expect(eigenvalues(of: [0, 0, 0, 0], size: 2) == [Eigenvalue(real: 0), Eigenvalue(real: 0)])
        let n = 5
        var strict = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in (i + 1)..<max(i + 1, n) { strict[i * n + j] = Double(i + j + 1) } }
        #expect(eigenvalues(of: strict, size: n).allSatisfy { $0.magnitude < 1e-12 })
        #expect(spectralRadius(of: [Double](repeating: 0, count: 9), size: 3) == 0)
    }

    @Test(arguments: [8, 16, 32, 64])
    func randomOrthogonalMatricesLieOnTheUnitCircle(_ n: Int) {
        var rng = SeededRandom(seed: UInt64(n))
        let q = randomOrthogonalMatrix(size: n, using: &rng)
        var solver = EigenSolver()
        let ev = solver.eigenvalues(of: q, size: n)
        #expect(solver.converged)
        #expect(ev.count == n)
        #expect(ev.allSatisfy { abs($0.magnitude - 1) < 1e-10 }, "\(ev.map(\.magnitude))")
        // Complex eigenvalues come in conjugate pairs.
        let imaginarySum = ev.reduce(0) { $0 + $1.imaginary }
        #expect(abs(imaginarySum) < 1e-10)
    }

    /// Σλ = trace A, Πλ = det A and Σλ² = trace A² for random matrices of several sizes.
    @Test(arguments: [3, 10, 24, 48, 64])
    func traceAndDeterminantIdentities(_ n: Int) {
        var rng = SeededRandom(seed: 100 + UInt64(n))
        let a = (0..<(n * n)).map { _ in rng.uniform(-1, 1) }
        let ev = eigenvalues(of: a, size: n)
        var trace = 0.0, trace2 = 0.0
        for i in 0..<n { trace += a[i * n + i] }
        let a2 = Self.multiply(a, a, n)
        for i in 0..<n { trace2 += a2[i * n + i] }
        var sumRe = 0.0, sumIm = 0.0, sq = 0.0
        var prodRe = 1.0, prodIm = 0.0
        for l in ev {
            sumRe += l.real
            sumIm += l.imaginary
            sq += l.real * l.real - l.imaginary * l.imaginary
            (prodRe, prodIm) = (prodRe * l.real - prodIm * l.imaginary, prodRe * l.imaginary + prodIm * l.real)
        }
        let det = Self.determinant(a, n)
        #expect(abs(sumRe - trace) < 1e-11 * Double(n))
        #expect(abs(sumIm) < 1e-11 * Double(n))
        #expect(abs(sq - trace2) < 1e-10 * Double(n))
        #expect(abs(prodRe - det) <= 1e-9 * max(1, abs(det)), "det \(det) vs Πλ \(prodRe)")
        #expect(abs(prodIm) <= 1e-9 * max(1, abs(det)))
    }

    /// The companion matrix of (x−1)(x−2)(x−3)(x+1)(x²+1) has exactly those roots.
    @Test func companionMatrixRoots() {
        // p(x) = (x−1)(x−2)(x−3)(x+1)(x²+1) = x⁶ − 5x⁵ + 6x⁴ + 0x³ … expanded numerically.
        var coeffs = [1.0]   // highest degree first
        func times(_ c: [Double], _ f: [Double]) -> [Double] {
            var out = [Double](repeating: 0, count: c.count + f.count - 1)
            for (i, a) in c.enumerated() { for (j, b) in f.enumerated() { out[i + j] += a * b } }
            return out
        }
        for f in [[1.0, -1], [1, -2], [1, -3], [1, 1], [1, 0, 1]] { coeffs = times(coeffs, f) }
        let n = coeffs.count - 1
        var c = [Double](repeating: 0, count: n * n)
        for j in 0..<n { c[j] = -coeffs[j + 1] }
        for i in 1..<n { c[i * n + i - 1] = 1 }
        let expected = [1.0, 2, 3, -1].map { Eigenvalue(real: $0) } + [Eigenvalue(real: 0, imaginary: 1), Eigenvalue(real: 0, imaginary: -1)]
        #expect(Self.matches(eigenvalues(of: c, size: n), expected, tolerance: 1e-10))
    }

    /// A cyclic shift stalls the unshifted QR iteration; the exceptional shifts must break the symmetry.
    @Test(arguments: [3, 5, 8])
    func cyclicPermutationGivesRootsOfUnity(_ n: Int) {
        var p = [Double](repeating: 0, count: n * n)
        for i in 0..<n { p[((i + 1) % n) * n + i] = 1 }
        var solver = EigenSolver()
        let ev = solver.eigenvalues(of: p, size: n)
        #expect(solver.converged)
        let roots = (0..<n).map { k in Eigenvalue(real: cos(2 * Double.pi * Double(k) / Double(n)),
                                                  imaginary: sin(2 * Double.pi * Double(k) / Double(n))) }
        #expect(Self.matches(ev, roots, tolerance: 1e-12), "\(ev)")
    }

    @Test func scalingScalesTheSpectrum() {
        var rng = SeededRandom(seed: 9)
        let n = 12
        let a = (0..<(n * n)).map { _ in rng.uniform(-0.5, 0.5) }
        let rho = spectralRadius(of: a, size: n)
        #expect(abs(spectralRadius(of: a.map { -2.5 * $0 }, size: n) - 2.5 * rho) < 1e-12)
    }

    @Test func solverReusesItsStorageAcrossSizes() {
        var solver = EigenSolver()
        _ = solver.eigenvalues(of: [1, 2, 3, 4], size: 2)
        let three = solver.eigenvalues(of: [2, 0, 0, 0, 3, 0, 0, 0, 4], size: 3)
        #expect(three == [Eigenvalue(real: 4), Eigenvalue(real: 3), Eigenvalue(real: 2)])
        let two = solver.eigenvalues(of: [1, 2, 3, 4], size: 2)
        // λ = (5 ± √33)/2.
        #expect(Self.matches(two, [Eigenvalue(real: (5 + 33.0.squareRoot()) / 2), Eigenvalue(real: (5 - 33.0.squareRoot()) / 2)],
                             tolerance: 1e-14))
    }

    /// The test matrices of the scale tests with their exact spectra: a normal one with complex pairs,
    /// a non-normal one (an upper-triangular T with large entries above the diagonal, in disguise) and
    /// a real companion matrix.
    static func knownSpectra() -> [(name: String, matrix: [Double], size: Int, spectrum: [Eigenvalue])] {
        // Rotations scaled by r, in disguise: complex pairs r·e^(±iθ).
        var d = [Double](repeating: 0, count: 25)
        var rotations: [Eigenvalue] = []
        for (b, (radius, theta)) in [(0.9, 0.4), (1.7, 2.0)].enumerated() {
            let i = 2 * b
            d[i * 5 + i] = radius * cos(theta); d[i * 5 + i + 1] = -radius * sin(theta)
            d[(i + 1) * 5 + i] = radius * sin(theta); d[(i + 1) * 5 + i + 1] = radius * cos(theta)
            rotations += [Eigenvalue(real: radius * cos(theta), imaginary: radius * sin(theta)),
                          Eigenvalue(real: radius * cos(theta), imaginary: -radius * sin(theta))]
        }
        d[24] = -0.6
        rotations.append(Eigenvalue(real: -0.6))
        // Non-normal: ‖T − diag T‖ ≫ the eigenvalues' spread.
        let n = 6
        var t = [Double](repeating: 0, count: n * n)
        let diagonal = [2.0, -1.5, 1.0, 0.5, -0.25, 3.0]
        var rng = SeededRandom(seed: 21)
        for i in 0..<n {
            t[i * n + i] = diagonal[i]
            for j in (i + 1)..<max(i + 1, n) { t[i * n + j] = rng.uniform(-4, 4) }
        }
        return [
            ("rotations", conjugated(d, size: 5, seed: 17), 5, rotations),
            ("non-normal", conjugated(t, size: n, seed: 23), n, diagonal.map { Eigenvalue(real: $0) }),
            ("companion of (x−1)(x+2)(x²+2x+5) = x⁴+3x³+5x²+x−10", [0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 10, -1, -5, -3], 4,
             [Eigenvalue(real: 1), Eigenvalue(real: -2), Eigenvalue(real: -1, imaginary: 2), Eigenvalue(real: -1, imaginary: -2)]),
        ]
    }

    /// eig(sA) = s·eig(A) to a relative 1e-12 for s from 1e-170 to 1e160, with `converged` true:
    /// before the solver scaled first, s = 1e160 gave radius 0 (overflow) and s = 1e-170 an answer
    /// 20–60 % off (underflow) that it called converged.
    @Test(arguments: [1e-170, 1e-10, 1, 1e10, 1e160, -3e-200, 7e250])
    func eigenvaluesOfScaledMatricesAreScaledEigenvalues(_ s: Double) {
        var solver = EigenSolver()
        for m in Self.knownSpectra() {
            let scaled = m.matrix.map { $0 * s }
            let ev = solver.eigenvalues(of: scaled, size: m.size)
            #expect(solver.converged, "\(m.name) at \(s)")
            var unused = ev
            for l in m.spectrum {
                let target = Eigenvalue(real: s * l.real, imaginary: s * l.imaginary)
                guard let k = unused.indices.min(by: { Self.distance(unused[$0], target) < Self.distance(unused[$1], target) }) else {
                    Issue.record("\(m.name) at \(s): \(ev.count) eigenvalues"); break
                }
                #expect(Self.distance(unused[k], target) <= 1e-12 * target.magnitude,
                        "\(m.name) at \(s): \(unused[k]) for \(target)")
                unused.remove(at: k)
            }
            // The same through the scale argument: c applied to the eigenvalues, not to the matrix.
            let viaScale = solver.eigenvalues(of: m.matrix, size: m.size, scaledBy: s)
            #expect(solver.converged)
            #expect(abs(viaScale[0].magnitude - ev[0].magnitude) <= 1e-12 * ev[0].magnitude, "\(m.name) at \(s)")
        }
    }

    /// The residual check accepts the true eigenvalues and refuses a wrong one by far.
    @Test func residualSeparatesEigenvaluesFromOtherNumbers() {
        for m in Self.knownSpectra() {
            var rw = ResidualWork()
            rw.resize(m.size)
            let bound = EigenSolver.residualTolerance(size: m.size)
            var a = m.matrix
            var v = [Double](repeating: 0, count: m.size)
            a.withUnsafeMutableBufferPointer { ab in
            v.withUnsafeMutableBufferPointer { vb in
                guard let ap = ab.baseAddress, let vp = vb.baseAddress else { return }
                EigenSolver.reduceToHessenberg(ap, m.size, vp)
                var norm2 = 0.0
                for k in 0..<(m.size * m.size) { norm2 += ap[k] * ap[k] }
                for l in m.spectrum {
                    let right = rw.residual(ap, m.size, real: l.real, imaginary: l.imaginary, enough: 0)
                    #expect(right <= bound * norm2.squareRoot(), "\(m.name): \(l) has residual \(right)")
                    let wrong = rw.residual(ap, m.size, real: 0.8 * l.real + 0.05, imaginary: 0.8 * l.imaginary, enough: 0)
                    #expect(wrong > 1e-4 * norm2.squareRoot(), "\(m.name): 0.8·\(l) has residual \(wrong)")
                }
            }}
        }
    }

    /// `converged` is false whenever the answer is not the right one: a non-finite entry, or an
    /// eigenvalue beyond Double.
    @Test func convergedIsFalseForAnswersThatAreNotRight() {
        var solver = EigenSolver()
        let nan = solver.eigenvalues(of: [1, .nan, 0, 1], size: 2)
        #expect(!solver.converged && nan.allSatisfy { $0.real.isNaN })
        _ = solver.eigenvalues(of: [1, .infinity, 0, 1], size: 2)
        #expect(!solver.converged)
        // [[m, m], [m, m]] has eigenvalues 2m and 0; 2m overflows for m = 1e308.
        let over = solver.eigenvalues(of: [1e308, 1e308, 1e308, 1e308], size: 2)
        #expect(!solver.converged && over[0].real == .infinity)
        let fine = solver.eigenvalues(of: [1e307, 1e307, 1e307, 1e307], size: 2)
        #expect(solver.converged && abs(fine[0].real - 2e307) <= 1e-15 * 2e307 && abs(fine[1].real) <= 1e-15 * 2e307)
        _ = solver.eigenvalues(of: [1, 2, 3, 4], size: 2, scaledBy: .infinity)
        #expect(!solver.converged)
        #expect(solver.eigenvalues(of: [1, 2, 3, 4], size: 2, scaledBy: 0) == [Eigenvalue(real: 0), Eigenvalue(real: 0)])
        #expect(solver.converged)
    }

    /// Entries near the bottom of Double (subnormal products would have lost every digit) still give
    /// the spectrum: the rotation by 0.3 at scale 2⁻¹⁰⁰⁰.
    @Test func matricesNearTheUnderflowLimitKeepTheirSpectrum() {
        let s = 0x1p-1000
        let r = [cos(0.3) * s, -sin(0.3) * s, sin(0.3) * s, cos(0.3) * s]
        var solver = EigenSolver()
        let ev = solver.eigenvalues(of: r, size: 2)
        #expect(solver.converged)
        #expect(ev.allSatisfy { abs($0.magnitude - s) <= 1e-14 * s && abs(abs($0.angle) - 0.3) < 1e-13 }, "\(ev)")
    }
}
