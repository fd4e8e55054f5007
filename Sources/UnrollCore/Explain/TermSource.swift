/// Where an explained term's input comes from in the unrolled network: what the chain points at.
///
/// A term `W_hh[r,k]·h_{t−1}[k]` comes from the previous box's h (carried along the h arrow), an
/// input term from the token fed at step t, `f·c_{t−1}` from the previous box's c (along the c
/// arrow), a read-out term from this step's h; a bias is a learned constant and a product of
/// gates (`i·g`, `(1−z)·n`) is made inside the cell, so neither has a box or arrow of its own.
public enum TermSource: Hashable, Sendable {
    /// The input x_t: the word or value fed at this step.
    case input
    /// Unit `unit` of the previous hidden state h_{t−1}.
    case previousHidden(unit: Int)
    /// Unit `unit` of the previous cell state c_{t−1}.
    case previousCell(unit: Int)
    /// Unit `unit` of this step's hidden state h_t (what the read-out and `o·tanh(c)` read).
    case hidden(unit: Int)
    /// Unit `unit` of this step's cell state c_t.
    case cell(unit: Int)
    /// This step's own gates (a product such as `i·g` or `(1−z)·n`).
    case gates
    /// A bias.
    case bias
}
