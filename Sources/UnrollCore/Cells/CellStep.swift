/// One step's memory for a cell's forward pass: pointers into the trace and the model.
///
/// Rows are the cell's G·H gate rows in PyTorch's block order; state vectors have H values.
/// The state pointers of a cell without a cell state (`c`, `cPrev`) point at storage it must not use.
public struct CellForwardStep {
    /// H
    public let hiddenSize: Int
    /// G·H: W_ih x_t + b_ih.
    public let ih: UnsafePointer<Double>
    /// G·H: W_hh h_{t−1} + b_hh.
    public let hh: UnsafePointer<Double>
    /// G·H out: the pre-activations.
    public let pre: UnsafeMutablePointer<Double>
    /// G·H out: the gate values after activation and clamps (the Elman RNN: h_t).
    public let gates: UnsafeMutablePointer<Double>
    /// G·H: the value each clamped gate row is held at, when the run has clamps.
    public let clampValue: UnsafePointer<Double>?
    /// G·H: whether the row is clamped, when the run has clamps.
    public let clamped: UnsafePointer<Bool>?
    public let hPrev: UnsafePointer<Double>
    /// H out: h_t.
    public let h: UnsafeMutablePointer<Double>
    public let cPrev: UnsafePointer<Double>
    /// H out: c_t (cells with a cell state).
    public let c: UnsafeMutablePointer<Double>
    /// `cacheBlocks`·H out: what the backward pass needs.
    public let cache: UnsafeMutablePointer<Double>
    /// The cell's own parameters (its `extraTensors`, in order).
    public let extra: UnsafePointer<Double>
    /// φ of the Elman RNN.
    public let nonlinearity: Nonlinearity

    /// Holds `gates[r]` at its clamp value where row `r` in `rows` is clamped.
    @inline(__always)
    public func applyClamps(_ rows: Range<Int>) {
        if let clampValue, let clamped {
            for r in rows where clamped[r] { gates[r] = clampValue[r] }
        }
    }
}

/// One step's memory for a cell's backward pass.
public struct CellBackwardStep {
    /// H
    public let hiddenSize: Int
    /// H: ∂L/∂h_t in total.
    public let dh: UnsafePointer<Double>
    /// H: ∂L/∂c_t arriving from step t+1 (cells with a cell state).
    public let dcNext: UnsafePointer<Double>
    /// G·H: the gates of the forward step, and whether each row was clamped.
    public let gates: UnsafePointer<Double>
    public let clamped: UnsafePointer<Bool>?
    public let hPrev: UnsafePointer<Double>
    public let h: UnsafePointer<Double>
    public let cPrev: UnsafePointer<Double>
    public let c: UnsafePointer<Double>
    public let cache: UnsafePointer<Double>
    public let extra: UnsafePointer<Double>
    /// G·H out: ∂L at W_ih x + b_ih (what W_ih and b_ih see).
    public let dIH: UnsafeMutablePointer<Double>
    /// G·H out: ∂L at W_hh h + b_hh (what W_hh and b_hh see).
    public let dHH: UnsafeMutablePointer<Double>
    /// H out: the direct part of ∂L/∂h_{t−1} (the W_hhᵀ part is added by the driver).
    public let dhPrev: UnsafeMutablePointer<Double>
    /// H out: ∂L/∂c_{t−1} through this step.
    public let dcPrev: UnsafeMutablePointer<Double>
    /// H out: ∂L/∂c_t in total.
    public let dcTotal: UnsafeMutablePointer<Double>
    /// Accumulates ∂L at the cell's own parameters (its `extraTensors`, in order).
    public let dExtra: UnsafeMutablePointer<Double>
    public let nonlinearity: Nonlinearity
}
