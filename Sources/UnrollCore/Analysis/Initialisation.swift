/// How the recurrent weights W_hh start: the three schemes the vanishing-gradient lab compares.
public enum RecurrentInitialisation: String, CaseIterable, Sendable, Codable {
    /// PyTorch's default: every entry uniform in ±1/√H.
    case random
    /// W_hh = I (Le, Jaitly & Hinton's IRNN): every eigenvalue is exactly 1.
    case identity
    /// W_hh a random orthogonal matrix (Saxe et al.): every eigenvalue has |λ| = 1.
    case orthogonal
}

/// A random orthogonal n×n matrix (row-major), Haar-distributed: the Q of a Gaussian matrix's QR
/// factorisation with R's diagonal made positive, as `torch.nn.init.orthogonal_`.
///
/// - Complexity: O(n³).
public func randomOrthogonalMatrix(size n: Int, using rng: inout SeededRandom) -> [Double] {
    // Columns of a Gaussian matrix, orthonormalised by modified Gram–Schmidt applied twice.
    var q = [Double](repeating: 0, count: n * n)
    for k in 0..<(n * n) { q[k] = rng.normal() }
    for j in 0..<n {
        for _ in 0..<2 {
            for i in 0..<j {
                var dot = 0.0
                for r in 0..<n { dot += q[r * n + i] * q[r * n + j] }
                for r in 0..<n { q[r * n + j] -= dot * q[r * n + i] }
            }
        }
        var norm = 0.0
        for r in 0..<n { norm += q[r * n + j] * q[r * n + j] }
        norm = norm.squareRoot()
        if norm == 0 {
            // A degenerate draw (probability zero): fall back to the unit vector e_j.
            for r in 0..<n { q[r * n + j] = r == j ? 1 : 0 }
            continue
        }
        for r in 0..<n { q[r * n + j] /= norm }
    }
    return q
}

extension RecurrentModel {
    /// The H×H block of W_hh (row-major) that multiplies h_{t−1} in the gate `gate`'s rows: the whole
    /// W_hh for the RNN; for the LSTM and GRU the candidate block (g or n) unless another gate is named.
    ///
    /// - Complexity: O(H²).
    public func recurrentBlock(_ gate: Gate? = nil) -> [Double] {
        let H = hiddenSize
        let start = layout.weightHH + recurrentBlockIndex(gate) * H * H
        return Array(parameters[start..<(start + H * H)])
    }

    /// The row block `recurrentBlock(gate)` reads: `gate`'s, else the candidate's, else the only one.
    public func recurrentBlockIndex(_ gate: Gate? = nil) -> Int {
        cell.block(of: gate ?? .candidate) ?? cell.block(of: .candidate) ?? 0
    }

    /// ρ of `recurrentBlock(gate)`: the largest |λ| of the matrix that carries h from step to step.
    ///
    /// - Complexity: O(H³).
    public func recurrentSpectralRadius(_ gate: Gate? = nil) -> Double {
        spectralRadius(of: recurrentBlock(gate), size: hiddenSize)
    }

    /// Replaces every H×H block of W_hh by `scheme` (each gate's block drawn independently); the
    /// other parameters are untouched.
    ///
    /// - Complexity: O(G·H³) for `orthogonal`, O(G·H²) otherwise.
    public mutating func initialiseRecurrentWeights(_ scheme: RecurrentInitialisation, using rng: inout SeededRandom) {
        let H = hiddenSize
        for block in 0..<cell.gateCount {
            let start = layout.weightHH + block * H * H
            switch scheme {
            case .random:
                let bound = 1 / Double(H).squareRoot()
                for k in 0..<(H * H) { parameters[start + k] = rng.uniform(-bound, bound) }
            case .identity:
                for r in 0..<H { for c in 0..<H { parameters[start + r * H + c] = r == c ? 1 : 0 } }
            case .orthogonal:
                let q = randomOrthogonalMatrix(size: H, using: &rng)
                for k in 0..<(H * H) { parameters[start + k] = q[k] }
            }
        }
    }

    /// Scales all of W_hh so that `recurrentBlock(gate)` has spectral radius `radius` (ρ(cW) = |c|ρ(W)).
    /// A W_hh with ρ = 0 (e.g. all zeros) is left unchanged. Returns the factor applied.
    ///
    /// - Complexity: O(H³ + G·H²).
    @discardableResult
    public mutating func rescaleRecurrentWeights(toSpectralRadius radius: Double, gate: Gate? = nil) -> Double {
        let rho = recurrentSpectralRadius(gate)
        guard rho > 0, rho.isFinite else { return 1 }
        let factor = radius / rho
        scaleRecurrentWeights(by: factor)
        return factor
    }

    /// A seeded model for the analyses: PyTorch's default initialisation, then W_hh by `initialisation`,
    /// then (when given) W_hh rescaled to spectral radius `spectralRadius`.
    ///
    /// Lesson 10's check uses it: `RecurrentModel.analysisModel(kind: .rnn, hiddenSize: 16, spectralRadius: 0.7)`.
    /// - Parameters:
    ///   - inputSize, outputSize: I and O (a read-out head is always present).
    /// - Complexity: O(P + G·H³).
    public static func analysisModel(kind: CellKind, inputSize: Int = 8, hiddenSize: Int, outputSize: Int? = nil,
                                     nonlinearity: Nonlinearity = .tanh, initialisation: RecurrentInitialisation = .random,
                                     spectralRadius: Double? = nil, seed: UInt64 = 0) -> RecurrentModel {
        var rng = SeededRandom(seed: seed)
        var model = RecurrentModel(kind: kind, inputSize: inputSize, hiddenSize: hiddenSize, outputSize: outputSize ?? inputSize,
                                   hasHead: true, nonlinearity: nonlinearity)
        model.initialise(using: &rng)
        if initialisation != .random { model.initialiseRecurrentWeights(initialisation, using: &rng) }
        if let spectralRadius { model.rescaleRecurrentWeights(toSpectralRadius: spectralRadius) }
        model.name = "\(kind.rawValue) H=\(hiddenSize) \(initialisation.rawValue)" + (spectralRadius.map { " ρ=\($0)" } ?? "")
        return model
    }
}
