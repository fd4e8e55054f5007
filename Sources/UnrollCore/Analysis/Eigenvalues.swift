#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One eigenvalue λ = a + bi of a real matrix.
public struct Eigenvalue: Sendable, Hashable, CustomStringConvertible {
    /// a = Re λ.
    public var real: Double
    /// b = Im λ (complex eigenvalues of a real matrix come in conjugate pairs ±b).
    public var imaginary: Double

    public init(real: Double, imaginary: Double = 0) {
        self.real = real
        self.imaginary = imaginary
    }

    /// |λ| = √(a² + b²), computed without overflow.
    public var magnitude: Double {
        let a = abs(real), b = abs(imaginary)
        let big = max(a, b), small = min(a, b)
        guard big > 0, big.isFinite else { return big }
        let r = small / big
        return big * (1 + r * r).squareRoot()
    }

    /// arg λ in (−π, π]: the rotation per step of the eigen-direction.
    public var angle: Double { atan2(imaginary, real) }

    /// Whether λ is real (Im λ = 0).
    public var isReal: Bool { imaginary == 0 }

    public var description: String {
        if imaginary == 0 { return "\(real)" }
        return imaginary > 0 ? "\(real)+\(imaginary)i" : "\(real)-\(-imaginary)i"
    }
}

/// The eigenvalues of a small real square matrix: scaling by a power of two, balancing, Householder
/// reduction to Hessenberg form, then Francis double-shift QR iteration (as EISPACK `hqr`) with
/// deflation of 1×1 and 2×2 blocks; `converged` checks the residual of every eigenvalue found.
///
/// Complex eigenvalues are returned as conjugate pairs. The solver is scale-invariant: A is first
/// multiplied by 2⁻ᵉ with 2ᵉ ≤ max |aᵢⱼ| < 2ᵉ⁺¹ (exact in binary), so eig(sA) = s·eig(A) to rounding
/// for any s from 1e-300 to 1e300, and nothing in the iteration overflows or underflows. For a normal
/// matrix the eigenvalues are accurate to a few ulps of ‖A‖; a defective eigenvalue of multiplicity k
/// is perturbed by about ε^(1/k)·‖A‖ (as with every backward-stable method).
///
/// A solver keeps its working storage, so repeated calls for the same size do not allocate.
///
/// ```swift
/// var solver = EigenSolver()
/// let spectrum = solver.eigenvalues(of: [0, -1, 1, 0], size: 2)   // ±i
/// solver.converged                                                 // true: both residuals are tiny
/// ```
/// - Complexity: O(n³): about 10n³ flops for the Hessenberg form and a few n² per QR sweep; reading
///   `converged` adds O(n²) per eigenvalue (so a screen that never reads it does not pay for it).
public struct EigenSolver: Sendable {
    private var work: [Double] = []
    private var hessenberg: [Double] = []
    private var vector: [Double] = []
    private var realParts: [Double] = []
    private var imaginaryParts: [Double] = []
    /// Every entry was finite, the QR iteration took fewer than 60 sweeps per eigenvalue, and every
    /// eigenvalue is representable (one of a matrix near the overflow limit may be ±∞).
    private var iterationConverged = true
    /// n when the last call's eigenvalues (in `realParts`, `imaginaryParts`, for the Hessenberg form
    /// kept in `hessenberg`) still need their residuals checked; 0 when the answer was exact (n = 0,
    /// a zero matrix, c = 0) or already known wrong.
    private var residualSize = 0

    /// Whether the last call's answer is right: every entry was finite, the QR iteration took fewer
    /// than 60 sweeps per eigenvalue, every eigenvalue is representable, and every eigenvalue λ has a
    /// small residual: inverse iteration on the (scaled, balanced) Hessenberg form H finds a unit v with
    /// ‖(H − λI)v‖ ≤ `residualTolerance`·‖H‖_F, so λ is an exact eigenvalue of a matrix that close to H.
    ///
    /// - Complexity: O(n²) per eigenvalue, on each read; allocates its scratch.
    public var converged: Bool {
        guard iterationConverged else { return false }
        let n = residualSize
        guard n > 0 else { return true }
        var scratch = ResidualWork()
        scratch.resize(n)
        return hessenberg.withUnsafeBufferPointer { hb in
            guard let h = hb.baseAddress else { return false }
            var norm2 = 0.0
            for k in 0..<(n * n) { norm2 += h[k] * h[k] }
            let bound = EigenSolver.residualTolerance(size: n) * norm2.squareRoot()
            // A real H has conjugate residuals: checking Im λ ≥ 0 covers every pair.
            for k in 1...n where imaginaryParts[k] >= 0 {
                let r = scratch.residual(h, n, real: realParts[k], imaginary: imaginaryParts[k], enough: bound)
                if !(r <= bound) { return false }
            }
            return true
        }
    }

    /// The residual bound, relative to ‖H‖_F, for an n×n matrix: 1000·n·ε (a backward-stable QR
    /// leaves about n·ε; a wrong eigenvalue leaves its distance to the spectrum, far above this).
    public static func residualTolerance(size n: Int) -> Double { 1000 * Double(max(n, 1)) * Double.ulpOfOne }

    public init() {}

    /// The eigenvalues of c·A for the row-major n×n `matrix` A and c = `scale`, sorted by magnitude
    /// (largest first), then by real part and imaginary part (larger first). When A has a non-finite
    /// entry or the iteration fails, the eigenvalues it could not find are NaN and `converged` is false.
    ///
    /// c is applied to the eigenvalues, eig(cA) = c·eig(A), so cA need not be representable: an
    /// eigenvalue beyond Double is ±∞ (and `converged` false), one below it 0.
    public mutating func eigenvalues(of matrix: [Double], size n: Int, scaledBy scale: Double = 1) -> [Eigenvalue] {
        precondition(matrix.count == n * n, "matrix has \(matrix.count) entries, expected \(n)×\(n)")
        if work.count != n * n {
            work = [Double](repeating: 0, count: n * n)
            hessenberg = work
        }
        if vector.count != n { vector = [Double](repeating: 0, count: n) }
        if realParts.count != n + 1 {
            realParts = [Double](repeating: 0, count: n + 1)
            imaginaryParts = realParts
        }
        residualSize = 0
        iterationConverged = true
        guard n > 0 else { return [] }
        var largest = 0.0
        for x in matrix {
            guard x.isFinite else {
                iterationConverged = false
                return [Eigenvalue](repeating: Eigenvalue(real: .nan, imaginary: .nan), count: n)
            }
            largest = max(largest, abs(x))
        }
        guard scale.isFinite else {
            iterationConverged = false
            return [Eigenvalue](repeating: Eigenvalue(real: .nan, imaginary: .nan), count: n)
        }
        guard largest > 0, scale != 0 else {
            return [Eigenvalue](repeating: Eigenvalue(real: 0), count: n)
        }
        // A ← 2⁻ᵉA with max |aᵢⱼ| in [1, 2): exact, and the iteration stays far from overflow and underflow.
        let e = Int(largest.exponent)
        if e == 0 {
            for k in 0..<(n * n) { work[k] = matrix[k] }
        } else if abs(e) < 1000 {
            let f = Double(sign: .plus, exponent: -e, significand: 1)   // a normal power of two: x·f is exact
            for k in 0..<(n * n) { work[k] = matrix[k] * f }
        } else {
            for k in 0..<(n * n) { work[k] = Double(sign: .plus, exponent: -e, significand: matrix[k]) }
        }
        var ok = true
        var found: [Eigenvalue] = []
        found.reserveCapacity(n)
        work.withUnsafeMutableBufferPointer { a in
        hessenberg.withUnsafeMutableBufferPointer { h in
        vector.withUnsafeMutableBufferPointer { v in
        realParts.withUnsafeMutableBufferPointer { wr in
        imaginaryParts.withUnsafeMutableBufferPointer { wi in
            guard let a = a.baseAddress, let h = h.baseAddress, let v = v.baseAddress,
                  let wr = wr.baseAddress, let wi = wi.baseAddress else { return }
            EigenSolver.balance(a, n)
            EigenSolver.reduceToHessenberg(a, n, v)
            h.update(from: a, count: n * n)
            ok = EigenSolver.hessenbergQR(a, n, wr, wi)
            // λ(cA) = c·2ᵉ·λ(2⁻ᵉA), the power of two first (exact unless it leaves Double).
            for k in 1...n {
                let l = Eigenvalue(real: scale * Double(sign: .plus, exponent: e, significand: wr[k]),
                                   imaginary: scale * Double(sign: .plus, exponent: e, significand: wi[k]))
                if !(l.real.isFinite && l.imaginary.isFinite) { ok = false }
                found.append(l)
            }
        }}}}}
        iterationConverged = ok
        residualSize = ok ? n : 0
        found.sort { x, y in
            let mx = x.magnitude, my = y.magnitude
            if mx != my { return mx > my || (my.isNaN && !mx.isNaN) }
            if x.real != y.real { return x.real > y.real }
            return x.imaginary > y.imaginary
        }
        return found
    }

    /// ρ(cA) = max |λ|, the spectral radius of c·A for the row-major n×n `matrix` A and c = `scale`.
    public mutating func spectralRadius(of matrix: [Double], size n: Int, scaledBy scale: Double = 1) -> Double {
        eigenvalues(of: matrix, size: n, scaledBy: scale).first?.magnitude ?? 0
    }

    /// Balances A by diagonal similarity with powers of two so rows and columns have similar norms
    /// (EISPACK `balanc`); the eigenvalues are unchanged and become better conditioned.
    static func balance(_ a: UnsafeMutablePointer<Double>, _ n: Int) {
        let radix = 2.0, sqrdx = radix * radix
        var done = false
        var sweeps = 0
        while !done && sweeps < 100 {
            done = true
            sweeps += 1
            for i in 0..<n {
                var r = 0.0, c = 0.0
                for j in 0..<n where j != i {
                    c += abs(a[j * n + i])
                    r += abs(a[i * n + j])
                }
                guard c != 0, r != 0 else { continue }
                var g = r / radix
                var f = 1.0
                let s = c + r
                while c < g { f *= radix; c *= sqrdx }
                g = r * radix
                while c > g { f /= radix; c /= sqrdx }
                if (c + r) / f < 0.95 * s {
                    done = false
                    let inv = 1 / f
                    for j in 0..<n { a[i * n + j] *= inv }
                    for j in 0..<n { a[j * n + i] *= f }
                }
            }
        }
    }

    /// Householder reduction of A (row-major, in place) to upper Hessenberg form; entries below the
    /// subdiagonal are set to zero. `v` is n scratch values.
    static func reduceToHessenberg(_ a: UnsafeMutablePointer<Double>, _ n: Int, _ v: UnsafeMutablePointer<Double>) {
        guard n > 2 else { return }
        for k in 0..<(n - 2) {
            // x = A[k+1..<n, k]; v = x + sign(x₀)‖x‖e₀; H = I − 2vvᵀ/vᵀv.
            var scale = 0.0
            for i in (k + 1)..<n { scale += abs(a[i * n + k]) }
            guard scale > 0 else { continue }
            var norm2 = 0.0
            for i in (k + 1)..<n {
                let x = a[i * n + k] / scale
                v[i] = x
                norm2 += x * x
            }
            let alpha = v[k + 1] >= 0 ? -norm2.squareRoot() : norm2.squareRoot()
            v[k + 1] -= alpha
            var vtv = 0.0
            for i in (k + 1)..<n { vtv += v[i] * v[i] }
            guard vtv > 0 else { continue }
            let beta = 2 / vtv
            // A ← H A: rows k+1..<n, every column from k.
            for j in k..<n {
                var s = 0.0
                for i in (k + 1)..<n { s += v[i] * a[i * n + j] }
                s *= beta
                for i in (k + 1)..<n { a[i * n + j] -= s * v[i] }
            }
            // A ← A H: columns k+1..<n, every row.
            for i in 0..<n {
                var s = 0.0
                let row = a + i * n
                for j in (k + 1)..<n { s += row[j] * v[j] }
                s *= beta
                for j in (k + 1)..<n { row[j] -= s * v[j] }
            }
            a[(k + 1) * n + k] = alpha * scale
            for i in (k + 2)..<n { a[i * n + k] = 0 }
        }
    }

    /// All eigenvalues of an upper Hessenberg matrix (destroyed) by the Francis double-shift QR
    /// iteration, as EISPACK `hqr`, into `wr[1...n]`, `wi[1...n]`; returns false when some eigenvalue
    /// did not converge (NaN then).
    static func hessenbergQR(_ base: UnsafeMutablePointer<Double>, _ n: Int,
                             _ wr: UnsafeMutablePointer<Double>, _ wi: UnsafeMutablePointer<Double>) -> Bool {
        // 1-based indexing as in the published algorithm: A(i, j) = base[(i−1)·n + (j−1)].
        @inline(__always) func ix(_ i: Int, _ j: Int) -> Int { (i - 1) * n + (j - 1) }
        let a = base
        var ok = true
        var anorm = 0.0
        for i in 1...n {
            for j in max(i - 1, 1)...n { anorm += abs(a[ix(i, j)]) }
        }
        var nn = n
        var t = 0.0
        var p = 0.0, q = 0.0, r = 0.0, s = 0.0, w = 0.0, x = 0.0, y = 0.0, z = 0.0
        while nn >= 1 {
            var its = 0
            var l = 1
            repeat {
                // Look for a single small subdiagonal element.
                l = nn
                while l >= 2 {
                    s = abs(a[ix(l - 1, l - 1)]) + abs(a[ix(l, l)])
                    if s == 0 { s = anorm }
                    if abs(a[ix(l, l - 1)]) + s == s {
                        a[ix(l, l - 1)] = 0
                        break
                    }
                    l -= 1
                }
                x = a[ix(nn, nn)]
                if l == nn {
                    // One root found.
                    wr[nn] = x + t
                    wi[nn] = 0
                    nn -= 1
                } else {
                    y = a[ix(nn - 1, nn - 1)]
                    w = a[ix(nn, nn - 1)] * a[ix(nn - 1, nn)]
                    if l == nn - 1 {
                        // Two roots found: a real pair or a complex-conjugate pair.
                        p = 0.5 * (y - x)
                        q = p * p + w
                        z = abs(q).squareRoot()
                        x += t
                        if q >= 0 {
                            z = p + (p >= 0 ? z : -z)
                            wr[nn - 1] = x + z
                            wr[nn] = x + z
                            if z != 0 { wr[nn] = x - w / z }
                            wi[nn - 1] = 0
                            wi[nn] = 0
                        } else {
                            wr[nn - 1] = x + p
                            wr[nn] = x + p
                            wi[nn - 1] = z
                            wi[nn] = -z
                        }
                        nn -= 2
                    } else {
                        // No roots yet: one Francis double-shift sweep.
                        if its == 60 {
                            ok = false
                            for k in 1...nn { wr[k] = .nan; wi[k] = .nan }
                            nn = 0
                            break
                        }
                        if its > 0 && its % 10 == 0 {
                            // Exceptional shift.
                            t += x
                            for i in 1...nn { a[ix(i, i)] -= x }
                            s = abs(a[ix(nn, nn - 1)]) + abs(a[ix(nn - 1, nn - 2)])
                            x = 0.75 * s
                            y = x
                            w = -0.4375 * s * s
                        }
                        its += 1
                        var m = nn - 2
                        while m >= l {
                            z = a[ix(m, m)]
                            r = x - z
                            s = y - z
                            p = (r * s - w) / a[ix(m + 1, m)] + a[ix(m, m + 1)]
                            q = a[ix(m + 1, m + 1)] - z - r - s
                            r = a[ix(m + 2, m + 1)]
                            s = abs(p) + abs(q) + abs(r)
                            p /= s
                            q /= s
                            r /= s
                            if m == l { break }
                            let u = abs(a[ix(m, m - 1)]) * (abs(q) + abs(r))
                            let v = abs(p) * (abs(a[ix(m - 1, m - 1)]) + abs(z) + abs(a[ix(m + 1, m + 1)]))
                            if u + v == v { break }
                            m -= 1
                        }
                        if m + 2 <= nn {
                            for i in (m + 2)...nn {
                                a[ix(i, i - 2)] = 0
                                if i != m + 2 { a[ix(i, i - 3)] = 0 }
                            }
                        }
                        var k = m
                        while k <= nn - 1 {
                            if k != m {
                                p = a[ix(k, k - 1)]
                                q = a[ix(k + 1, k - 1)]
                                r = 0
                                if k != nn - 1 { r = a[ix(k + 2, k - 1)] }
                                x = abs(p) + abs(q) + abs(r)
                                if x != 0 {
                                    p /= x
                                    q /= x
                                    r /= x
                                }
                            }
                            let root = (p * p + q * q + r * r).squareRoot()
                            s = p >= 0 ? root : -root
                            if s != 0 {
                                if k == m {
                                    if l != m { a[ix(k, k - 1)] = -a[ix(k, k - 1)] }
                                } else {
                                    a[ix(k, k - 1)] = -s * x
                                }
                                p += s
                                x = p / s
                                y = q / s
                                z = r / s
                                q /= p
                                r /= p
                                for j in k...nn {
                                    p = a[ix(k, j)] + q * a[ix(k + 1, j)]
                                    if k != nn - 1 {
                                        p += r * a[ix(k + 2, j)]
                                        a[ix(k + 2, j)] -= p * z
                                    }
                                    a[ix(k + 1, j)] -= p * y
                                    a[ix(k, j)] -= p * x
                                }
                                let mmin = nn < k + 3 ? nn : k + 3
                                for i in l...mmin {
                                    p = x * a[ix(i, k)] + y * a[ix(i, k + 1)]
                                    if k != nn - 1 {
                                        p += z * a[ix(i, k + 2)]
                                        a[ix(i, k + 2)] -= p * r
                                    }
                                    a[ix(i, k + 1)] -= p * q
                                    a[ix(i, k)] -= p
                                }
                            }
                            k += 1
                        }
                    }
                }
            } while l < nn - 1
        }
        return ok
    }
}

/// Inverse iteration on an upper Hessenberg H for one eigenvalue: the residual ‖(H − λI)v‖ of the
/// vector v it finds, which is about σ_min(H − λI), the distance from λ to the spectrum of a matrix
/// near H (zero when λ is an exact eigenvalue of H).
///
/// - Complexity: O(n²) per eigenvalue (the LU of a Hessenberg matrix needs only row swaps with the
///   next row), in storage sized once.
struct ResidualWork: Sendable {
    /// H − λI and its LU factors, real and imaginary parts, row-major.
    private var luReal: [Double] = []
    private var luImaginary: [Double] = []
    /// Whether row k was swapped with row k+1.
    private var swapped: [Bool] = []
    /// The right-hand side and solution, real and imaginary parts.
    private var xReal: [Double] = []
    private var xImaginary: [Double] = []
    /// A fixed, seeded start vector (a structured matrix is unlikely to be orthogonal to it).
    private var start: [Double] = []

    mutating func resize(_ n: Int) {
        guard start.count != n else { return }
        luReal = [Double](repeating: 0, count: n * n)
        luImaginary = luReal
        swapped = [Bool](repeating: false, count: n)
        xReal = [Double](repeating: 0, count: n)
        xImaginary = xReal
        var rng = SeededRandom(seed: 0x5EED)
        start = (0..<n).map { _ in rng.uniform(0.5, 1.5) * (rng.unit() < 0.5 ? -1 : 1) }
    }

    /// ‖(H − λI)v‖ for λ = `real` + `imaginary`·i and v from inverse iteration: one step from a seeded
    /// start vector, a second when the first residual is above `enough`. NaN when something was not finite.
    mutating func residual(_ h: UnsafePointer<Double>, _ n: Int, real: Double, imaginary: Double,
                           enough: Double) -> Double {
        precondition(start.count == n, "ResidualWork sized for \(start.count), asked for \(n)")
        var largest = 0.0
        for k in 0..<(n * n) { largest = max(largest, abs(h[k])) }
        // A pivot below this stands in for a zero one (λ is then an eigenvalue of H to working precision).
        let tiny = max(largest, Double.leastNormalMagnitude) * Double.ulpOfOne
        return luReal.withUnsafeMutableBufferPointer { urBuf in
        luImaginary.withUnsafeMutableBufferPointer { uiBuf in
        swapped.withUnsafeMutableBufferPointer { swBuf in
        xReal.withUnsafeMutableBufferPointer { xrBuf in
        xImaginary.withUnsafeMutableBufferPointer { xiBuf in
            guard let ur = urBuf.baseAddress, let ui = uiBuf.baseAddress, let sw = swBuf.baseAddress,
                  let xr = xrBuf.baseAddress, let xi = xiBuf.baseAddress else { return .nan }
            ResidualWork.factor(h, n, real, imaginary, ur, ui, sw, tiny)
            var s = 0.0
            for k in 0..<n { s += start[k] * start[k] }
            let inv = 1 / s.squareRoot()
            for k in 0..<n { xr[k] = start[k] * inv; xi[k] = 0 }
            var best = Double.infinity
            for _ in 0..<2 {
                // x = (H − λI)⁻¹b for the unit b in (xr, xi), normalised there: ‖(H − λI)x̂‖ = 1/‖x‖.
                let growth = ResidualWork.solve(n, UnsafePointer(ur), UnsafePointer(ui), UnsafePointer(sw), xr, xi, tiny)
                guard !growth.isNaN, growth > 0 else { return .nan }
                best = min(best, 1 / growth)
                if best <= enough { break }
            }
            return best
        }}}}}
    }

    /// (ar + ai·i) / (br + bi·i) without intermediate overflow or underflow (Smith's algorithm).
    @inline(__always)
    static func divide(_ ar: Double, _ ai: Double, _ br: Double, _ bi: Double) -> (Double, Double) {
        if abs(br) >= abs(bi) {
            let r = bi / br, d = br + bi * r
            return ((ar + ai * r) / d, (ai - ar * r) / d)
        }
        let r = br / bi, d = br * r + bi
        return ((ar * r + ai) / d, (ai * r - ar) / d)
    }

    /// LU of the Hessenberg H − λI with partial pivoting between neighbouring rows, in place in (ur, ui).
    private static func factor(_ h: UnsafePointer<Double>, _ n: Int, _ lr: Double, _ li: Double,
                               _ ur: UnsafeMutablePointer<Double>, _ ui: UnsafeMutablePointer<Double>,
                               _ sw: UnsafeMutablePointer<Bool>, _ tiny: Double) {
        for k in 0..<(n * n) { ur[k] = h[k]; ui[k] = 0 }
        for k in 0..<n { ur[k * n + k] -= lr; ui[k * n + k] = -li }
        for k in 0..<n {
            sw[k] = false
            guard k + 1 < n else { break }
            let p = k * n + k, q = (k + 1) * n + k
            if abs(ur[q]) + abs(ui[q]) > abs(ur[p]) + abs(ui[p]) {
                sw[k] = true
                for j in k..<n {
                    swap(&ur[k * n + j], &ur[(k + 1) * n + j])
                    swap(&ui[k * n + j], &ui[(k + 1) * n + j])
                }
            }
            if abs(ur[p]) + abs(ui[p]) < tiny { ur[p] = tiny; ui[p] = 0 }
            // f = M[k+1][k] / M[k][k]; row k+1 −= f · row k.
            let (fr, fi) = divide(ur[q], ui[q], ur[p], ui[p])
            ur[q] = fr; ui[q] = fi   // the multiplier, kept below the diagonal
            for j in (k + 1)..<n {
                let ar = ur[k * n + j], ai = ui[k * n + j]
                ur[(k + 1) * n + j] -= fr * ar - fi * ai
                ui[(k + 1) * n + j] -= fr * ai + fi * ar
            }
        }
    }

    /// Solves (LU)x = b in place in (xr, xi) for a unit b, rescaling to avoid overflow, normalises x
    /// and returns ‖x‖ before normalisation (+∞ when H − λI is singular to working precision).
    private static func solve(_ n: Int, _ ur: UnsafePointer<Double>, _ ui: UnsafePointer<Double>,
                              _ sw: UnsafePointer<Bool>, _ xr: UnsafeMutablePointer<Double>,
                              _ xi: UnsafeMutablePointer<Double>, _ tiny: Double) -> Double {
        for k in 0..<(n - 1) {
            if sw[k] { swap(&xr[k], &xr[k + 1]); swap(&xi[k], &xi[k + 1]) }
            let fr = ur[(k + 1) * n + k], fi = ui[(k + 1) * n + k]
            xr[k + 1] -= fr * xr[k] - fi * xi[k]
            xi[k + 1] -= fr * xi[k] + fi * xr[k]
        }
        // Back substitution; `scale` shrinks the right-hand side whenever x grows past 2⁵⁰⁰.
        var scale = 1.0
        let big = 0x1p500
        for k in stride(from: n - 1, through: 0, by: -1) {
            var sr = xr[k], si = xi[k]
            for j in (k + 1)..<n {
                let ar = ur[k * n + j], ai = ui[k * n + j]
                sr -= ar * xr[j] - ai * xi[j]
                si -= ar * xi[j] + ai * xr[j]
            }
            var pr = ur[k * n + k], pi = ui[k * n + k]
            if abs(pr) + abs(pi) < tiny { pr = tiny; pi = 0 }
            (xr[k], xi[k]) = divide(sr, si, pr, pi)
            let m = abs(xr[k]) + abs(xi[k])
            if m.isNaN { return .nan }
            if m > big {
                guard m.isFinite else { return .infinity }
                let f = 1 / m
                for j in 0..<n { xr[j] *= f; xi[j] *= f }
                scale *= f
                if scale == 0 { return .infinity }
            }
        }
        var largest = 0.0
        for k in 0..<n { largest = max(largest, abs(xr[k]), abs(xi[k])) }
        guard largest > 0 else { return 0 }
        var s = 0.0
        for k in 0..<n {
            xr[k] /= largest; xi[k] /= largest
            s += xr[k] * xr[k] + xi[k] * xi[k]
        }
        let norm = s.squareRoot()
        for k in 0..<n { xr[k] /= norm; xi[k] /= norm }
        return largest * norm / scale
    }
}

/// The eigenvalues of a row-major n×n matrix (a convenience over `EigenSolver`).
///
/// - Complexity: O(n³).
public func eigenvalues(of matrix: [Double], size n: Int) -> [Eigenvalue] {
    var solver = EigenSolver()
    return solver.eigenvalues(of: matrix, size: n)
}

/// ρ(A) = max |λ| of a row-major n×n matrix.
///
/// - Complexity: O(n³).
public func spectralRadius(of matrix: [Double], size n: Int) -> Double {
    var solver = EigenSolver()
    return solver.spectralRadius(of: matrix, size: n)
}
