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

/// The eigenvalues of a small real square matrix: Householder reduction to Hessenberg form, then
/// Francis double-shift QR iteration (as EISPACK `hqr`) with deflation of 1×1 and 2×2 blocks.
///
/// Complex eigenvalues are returned as conjugate pairs. For a normal matrix the eigenvalues are
/// accurate to a few ulps of ‖A‖; a defective eigenvalue of multiplicity k is perturbed by about
/// ε^(1/k)·‖A‖ (as with every backward-stable method).
///
/// A solver keeps its working storage, so repeated calls for the same size do not allocate.
///
/// ```swift
/// var solver = EigenSolver()
/// let spectrum = solver.eigenvalues(of: [0, -1, 1, 0], size: 2)   // ±i
/// ```
/// - Complexity: O(n³): about 10n³ flops for the Hessenberg form and a few n² per QR sweep.
public struct EigenSolver: Sendable {
    private var work: [Double] = []
    private var vector: [Double] = []
    private var realParts: [Double] = []
    private var imaginaryParts: [Double] = []
    /// Whether the last call converged (the QR iteration took fewer than 60 sweeps per eigenvalue).
    public private(set) var converged = true

    public init() {}

    /// The eigenvalues of the row-major n×n `matrix`, sorted by magnitude (largest first), then by
    /// real part and imaginary part (larger first). An eigenvalue the iteration could not find is NaN.
    public mutating func eigenvalues(of matrix: [Double], size n: Int) -> [Eigenvalue] {
        precondition(matrix.count == n * n, "matrix has \(matrix.count) entries, expected \(n)×\(n)")
        if work.count != n * n { work = [Double](repeating: 0, count: n * n) }
        if vector.count != n { vector = [Double](repeating: 0, count: n) }
        if realParts.count != n + 1 {
            realParts = [Double](repeating: 0, count: n + 1)
            imaginaryParts = realParts
        }
        guard n > 0 else { converged = true; return [] }
        for k in 0..<(n * n) { work[k] = matrix[k] }
        var ok = true
        var found: [Eigenvalue] = []
        found.reserveCapacity(n)
        work.withUnsafeMutableBufferPointer { a in
        vector.withUnsafeMutableBufferPointer { v in
        realParts.withUnsafeMutableBufferPointer { wr in
        imaginaryParts.withUnsafeMutableBufferPointer { wi in
            guard let a = a.baseAddress, let v = v.baseAddress, let wr = wr.baseAddress, let wi = wi.baseAddress else { return }
            EigenSolver.balance(a, n)
            EigenSolver.reduceToHessenberg(a, n, v)
            ok = EigenSolver.hessenbergQR(a, n, wr, wi)
            for k in 1...n { found.append(Eigenvalue(real: wr[k], imaginary: wi[k])) }
        }}}}
        converged = ok
        found.sort { x, y in
            let mx = x.magnitude, my = y.magnitude
            if mx != my { return mx > my || (my.isNaN && !mx.isNaN) }
            if x.real != y.real { return x.real > y.real }
            return x.imaginary > y.imaginary
        }
        return found
    }

    /// ρ(A) = max |λ|, the spectral radius of the row-major n×n `matrix`.
    public mutating func spectralRadius(of matrix: [Double], size n: Int) -> Double {
        eigenvalues(of: matrix, size: n).first?.magnitude ?? 0
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
