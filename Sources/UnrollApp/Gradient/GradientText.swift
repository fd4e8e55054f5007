import UnrollCore
import UnrollTUI

/// Math notation for the gradient screens, in Unicode or in readable ASCII (`ρ` or `rho`,
/// `σ¹⁰` or `s^10`, `‖x‖` or `|x|`), and the colour role of each cell type.
enum GradientText {
    /// `unicode` in a UTF-8 frame, `ascii` otherwise.
    static func pick(_ glyphs: Glyphs, _ unicode: String, _ ascii: String) -> String { glyphs.unicode ? unicode : ascii }

    /// `n` in superscript digits: `¹⁰`.
    static func superscript(_ n: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        return (n < 0 ? "⁻" : "") + String(abs(n)).compactMap { $0.wholeNumberValue.map { digits[$0] } }.map(String.init).joined()
    }

    /// `baseⁿ` or `base^n`.
    static func power(_ base: String, _ n: Int, _ glyphs: Glyphs) -> String {
        glyphs.unicode ? base + superscript(n) : base + "^" + String(n)
    }

    /// The symbol of a squashing function: σ, tanh, relu.
    static func symbol(_ f: Squash, _ glyphs: Glyphs) -> String {
        switch f {
        case .sigmoid: return pick(glyphs, "σ", "sigmoid")
        case .tanh: return "tanh"
        case .relu: return "relu"
        }
    }

    /// ρ or rho.
    static func rho(_ glyphs: Glyphs) -> String { pick(glyphs, "ρ", "rho") }

    /// ‖x‖ or |x|.
    static func norm(_ x: String, _ glyphs: Glyphs) -> String { pick(glyphs, "‖\(x)‖", "|\(x)|") }

    /// ∂ or d.
    static func partial(_ glyphs: Glyphs) -> String { pick(glyphs, "∂", "d") }

    /// A short number for captions and tables: 3 significant digits, scientific when tiny or huge.
    static func number(_ v: Double, width: Int = 7) -> String { NumberFormat.compact(v, width: width, decimals: 3) }

    /// The colour role that stands for a cell type in every plot, from what the cell has (Okabe–Ito:
    /// never red against green): a cell state (orange), gates alone (sky blue), neither (reddish purple).
    static func role(_ cell: any RecurrentCell) -> Role {
        if cell.hasCellState { return .memory }
        return cell.isGated ? .positive : .accent
    }

    /// The role of the standard cell of `kind`.
    static func role(_ kind: CellKind) -> Role { role(kind.standardCell) }
}
