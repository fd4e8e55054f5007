/// The forget-gate bias of an LSTM, started open (Gers, Schmidhuber and Cummins 2000; Jozefowicz,
/// Zaremba and Sutskever 2015): with b_f = 1 the belt keeps σ(1) ≈ 0.73 of c_{t−1} per step before any
/// training, where PyTorch's uniform start keeps about a half, so a gradient reaches far-back steps.
///
/// PyTorch adds two biases, b_ih + b_hh; only their sum reaches the gate. This sets the forget rows of
/// `bias_ih` to the value and those of `bias_hh` to 0, so the sum is exactly the value (the usual
/// recipe, `bias_ih[H:2H] = 1; bias_hh[H:2H] = 0`, in PyTorch's row order i, f, g, o).
extension RecurrentModel {
    /// Whether the cell has a forget gate (an LSTM, plain or with peepholes).
    public var hasForgetGate: Bool { cell.block(of: .forget) != nil }

    /// PyTorch's initialisation (`initialise(using:)`, the same draws), then, when `forgetBias` is
    /// given, the forget gate's bias set to it in every layer and direction (and an encoder's).
    /// A cell without a forget gate is left as drawn.
    public mutating func initialise(using rng: inout SeededRandom, forgetBias: Double?) {
        initialise(using: &rng)
        if let forgetBias { setForgetGateBias(forgetBias) }
    }

    /// Sets b_ih's forget rows to `value` and b_hh's to 0 in every layer and direction (an
    /// encoder–decoder's encoder too); nothing without a forget gate.
    public mutating func setForgetGateBias(_ value: Double) {
        if !encoderStorage.isEmpty { encoderStorage[0].setForgetGateBias(value) }
        guard let block = cell.block(of: .forget) else { return }
        let H = hiddenSize
        for tensor in layout.tensors {
            let ih = tensor.name.hasPrefix("bias_ih_l"), hh = tensor.name.hasPrefix("bias_hh_l")
            guard ih || hh else { continue }
            for u in 0..<H { parameters[tensor.offset + block * H + u] = ih ? value : 0 }
        }
    }

    /// The forget gate's bias b_ih + b_hh of unit `u` in layer 0 (nil without a forget gate).
    public func forgetGateBias(unit u: Int) -> Double? {
        guard let block = cell.block(of: .forget), u >= 0, u < hiddenSize else { return nil }
        let r = block * hiddenSize + u
        return biasIH(r) + biasHH(r)
    }
}
