/// How far a square matrix is from normal: ‖WᵀW − WWᵀ‖_F / ‖W‖_F², 0 exactly when W commutes with
/// its transpose (symmetric, orthogonal, any W with orthogonal eigen-directions) and at most √2.
///
/// A normal W scales each eigen-direction by |λ| per step, so ‖Wᵗh₀‖ follows the eigenvalues from
/// the first step; a non-normal W's directions lean on each other and ‖Wᵗh₀‖ may grow or dip for a
/// while (transient growth) before the spectral radius takes over.
///
/// ```swift
/// nonNormality(of: [1, 0, 0, 2], size: 2)   // 0: diagonal
/// nonNormality(of: [0, 1, 0, 0], size: 2)   // √2: a shift, as far from normal as can be
/// ```
/// - Complexity: O(n³).
public func nonNormality(of matrix: [Double], size n: Int) -> Double {
    precondition(matrix.count == n * n, "a \(n)×\(n) matrix has \(n * n) entries")
    var frobenius = 0.0
    for v in matrix { frobenius += v * v }
    guard frobenius > 0, frobenius.isFinite else { return 0 }
    var commutator = 0.0
    for i in 0..<n {
        for j in 0..<n {
            // (WᵀW)ᵢⱼ = Σₖ Wₖᵢ Wₖⱼ; (WWᵀ)ᵢⱼ = Σₖ Wᵢₖ Wⱼₖ.
            var a = 0.0, b = 0.0
            for k in 0..<n {
                a += matrix[k * n + i] * matrix[k * n + j]
                b += matrix[i * n + k] * matrix[j * n + k]
            }
            commutator += (a - b) * (a - b)
        }
    }
    return commutator.squareRoot() / frobenius
}
