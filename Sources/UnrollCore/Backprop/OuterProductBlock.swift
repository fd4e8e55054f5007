/// Storage for a block of BPTT steps' outer products, taken together by `Kernels.addOuterBlock`.
///
/// Per step the cell's gradients at the two sums (dIH, dHH: G·H each) and the vectors they multiply
/// (h_{t−1}: H, x_t: I). A block of 32 steps keeps the dHH rows and h rows of one tile in L1/L2 while
/// the gradient matrices (2 MB each at H = 256) are streamed once per block rather than once per step.
struct OuterProductBlock {
    /// Steps per block at most.
    static let steps = 32
    /// Steps this block holds (0: outer products are added step by step, as step shares need).
    let capacity: Int
    /// capacity × (2·G·H + H + I): dIH rows, dHH rows, h_{t−1} rows, x_t rows.
    var storage: [Double]

    /// A block for a pass of `steps` steps (0 for none).
    init(steps: Int, gateRows GH: Int, hiddenSize H: Int, inputSize I: Int) {
        capacity = min(max(steps, 0), OuterProductBlock.steps)
        storage = [Double](repeating: 0, count: capacity * (2 * GH + H + I))
    }
}
