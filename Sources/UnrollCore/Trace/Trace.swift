/// What happened at every step of a forward run: inputs, gates, states, outputs and losses.
///
/// Steps are numbered t = 1…T as in the math (h₀ is the initial state). Storage is contiguous and
/// row-major per step; these per-step caches are exactly what backpropagation and the screens need.
public struct Trace: Sendable, ReadOutSteps {
    public let layout: ParameterLayout
    public let nonlinearity: Nonlinearity
    /// T
    public internal(set) var steps: Int
    /// T × I
    public internal(set) var inputs: [Double]
    /// Each step's token index (nil: unknown), when the input was tokens.
    public internal(set) var tokens: [Int?]?
    /// T × G·H pre-activations. For the GRU candidate: W_in x + b_in + r ⊙ (W_hn h + b_hn).
    public internal(set) var preActivations: [Double]
    /// T × G·H gate values after activation and clamps (for the RNN: the new hidden state).
    public internal(set) var gateValues: [Double]
    /// T × G·H: whether the value was clamped.
    public internal(set) var clampedMask: [Bool]
    /// T × (the cell's cache blocks)·H: what the cell keeps for its backward step (tanh(c_t) for
    /// an LSTM, W_hn h_{t−1} + b_hn for a GRU).
    public internal(set) var stepCache: [Double]
    /// T × H, cells with a cell state only.
    public internal(set) var cellStates: [Double]
    /// T × H
    public internal(set) var hiddenStates: [Double]
    /// H: h₀.
    public internal(set) var initialHidden: [Double]
    /// H: c₀ (LSTM).
    public internal(set) var initialCell: [Double]
    /// T × O
    public internal(set) var logits: [Double]
    /// T × O
    public internal(set) var probabilities: [Double]
    /// Each step's target class, -1 where the step has none.
    public internal(set) var targetIndices: [Int]
    /// Each step's cross-entropy (0 where the step has no target).
    public internal(set) var stepLosses: [Double]
    /// The clamps the run was made with.
    public internal(set) var clamps: [Clamp]
    /// T × O: each step's regression target (zeros where the step has none, and for a class read-out).
    public internal(set) var targetValues: [Double] = []
    /// Whether the read-out is a regression (mean squared error) rather than classes.
    public internal(set) var isRegression = false
    /// Per step, whether its input was the previous step's prediction fed back (empty: none was).
    public internal(set) var fedSteps: [Bool] = []
    /// A network of several layers or directions: the trace of every (layer l, direction d), index l·D + d,
    /// each in its own step order (a reverse direction's step s is time T+1−s). Empty for a plain model,
    /// whose one layer is this trace itself. The trace's own per-step arrays are layer 0's forward
    /// direction; its read-out is the network's.
    public internal(set) var layerTraces: [Trace] = []
    /// An encoder–decoder's encoder run (this trace is the decoder's), stored out of line; empty otherwise.
    var encoderStorage: [Trace] = []

    var hasClamps: Bool { !clamps.isEmpty }

    public var kind: CellKind { layout.kind }
    /// The recurrent cell that made the trace.
    public var cell: any RecurrentCell { layout.cell }
    public var readOutSize: Int { layout.outputSize }
    var H: Int { layout.hiddenSize }
    var GH: Int { layout.gateRows }
    var O: Int { layout.outputSize }
    var I: Int { layout.inputSize }

    /// Empty storage for a model; `Forward.run` sizes it.
    public init(layout: ParameterLayout, nonlinearity: Nonlinearity) {
        self.layout = layout
        self.nonlinearity = nonlinearity
        steps = 0
        inputs = []
        preActivations = []
        gateValues = []
        clampedMask = []
        stepCache = []
        cellStates = []
        hiddenStates = []
        initialHidden = [Double](repeating: 0, count: layout.hiddenSize)
        initialCell = [Double](repeating: 0, count: layout.hiddenSize)
        logits = []
        probabilities = []
        targetIndices = []
        stepLosses = []
        clamps = []
    }

    /// Resizes every per-step array for T steps, reusing capacity (no allocation when T does not grow).
    mutating func resize(steps T: Int) {
        steps = T
        func fit<E>(_ a: inout [E], _ n: Int, _ zero: E) {
            if a.count != n {
                if a.count > n { a.removeLast(a.count - n) } else { a.append(contentsOf: repeatElement(zero, count: n - a.count)) }
            }
        }
        fit(&inputs, T * I, 0)
        fit(&preActivations, T * GH, 0)
        fit(&gateValues, T * GH, 0)
        fit(&clampedMask, T * GH, false)
        fit(&stepCache, T * cell.cacheBlocks * H, 0)
        fit(&cellStates, cell.hasCellState ? T * H : 0, 0)
        fit(&hiddenStates, T * H, 0)
        fit(&logits, T * O, 0)
        fit(&probabilities, T * O, 0)
        fit(&targetIndices, T, -1)
        fit(&stepLosses, T, 0)
        fit(&targetValues, isRegression ? T * O : 0, 0)
        if !fedSteps.isEmpty { fedSteps = [] }
        if !layerTraces.isEmpty { layerTraces = [] }
        if !encoderStorage.isEmpty { encoderStorage = [] }
    }

    /// Sets the targets: classes (regression: vectors of O numbers), nil at steps without one.
    mutating func setTargets(_ targets: [Int?]?, vectors: [[Double]?]?) {
        let O = self.O
        for s in 0..<steps {
            if isRegression {
                if let v = vectors?[s] {
                    targetIndices[s] = 0
                    for k in 0..<O { targetValues[s * O + k] = v[k] }
                } else {
                    targetIndices[s] = -1
                    for k in 0..<O { targetValues[s * O + k] = 0 }
                }
            } else {
                targetIndices[s] = targets?[s] ?? -1
            }
        }
    }

    // MARK: Reading, 1-based t

    /// y_t of a regression (the read-out's O numbers; for classes, the logits).
    public func outputs(at t: Int) -> [Double] { row(logits, t, O) }
    /// The regression target at step t, if the step has one.
    public func targetVector(at t: Int) -> [Double]? {
        guard isRegression, targetIndices[t - 1] >= 0 else { return nil }
        return row(targetValues, t, O)
    }
    /// Whether step t's input was the previous step's prediction fed back.
    public func wasFed(at t: Int) -> Bool { fedSteps.isEmpty ? false : fedSteps[t - 1] }

    private func row(_ a: [Double], _ t: Int, _ n: Int) -> [Double] { Array(a[((t - 1) * n)..<(t * n)]) }

    /// x_t.
    public func input(at t: Int) -> [Double] { row(inputs, t, I) }
    /// h_t (t = 0: h₀).
    public func hidden(at t: Int) -> [Double] { t == 0 ? initialHidden : row(hiddenStates, t, H) }
    /// c_t (t = 0: c₀); cells with a cell state only.
    public func cell(at t: Int) -> [Double]? {
        guard cell.hasCellState else { return nil }
        return t == 0 ? initialCell : row(cellStates, t, H)
    }
    /// The gate's H values at step t, after activation and clamps; nil when the cell has no such gate.
    public func gate(_ gate: Gate, at t: Int) -> [Double]? {
        guard let b = cell.block(of: gate) else { return nil }
        let start = (t - 1) * GH + b * H
        return Array(gateValues[start..<(start + H)])
    }
    /// Whether each unit of the gate was clamped at step t.
    public func clamped(_ gate: Gate, at t: Int) -> [Bool] {
        guard let b = cell.block(of: gate) else { return [] }
        let start = (t - 1) * GH + b * H
        return Array(clampedMask[start..<(start + H)])
    }
    /// The pre-activation of a gate row block at step t (the RNN's single block: gate nil).
    public func preActivation(_ gate: Gate?, at t: Int) -> [Double] {
        let b = gate.flatMap { cell.block(of: $0) } ?? 0
        let start = (t - 1) * GH + b * H
        return Array(preActivations[start..<(start + H)])
    }
    /// The token index fed at step t (nil: unknown or not a token input).
    public func token(at t: Int) -> Int? { tokens.flatMap { $0[t - 1] } }

}
