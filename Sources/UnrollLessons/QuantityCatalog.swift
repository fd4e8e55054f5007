import UnrollCore

/// The quantities the check language reads from a run, and what each accepts.
public struct QuantitySpec: Sendable {
    /// Whether `@t` is needed.
    public enum StepRule: Sendable { case none, optional, required }
    /// What `[…]` names.
    public enum IndexRule: Sendable { case none, unit, output }
    /// What the quantity gives.
    public enum Result: Sendable { case number, word, vector }

    /// The quantity it describes.
    public let quantity: CheckQuantity
    public var name: String { quantity.rawValue }
    public let step: StepRule
    public let index: IndexRule
    /// Whether t = 0 (the initial state) is allowed.
    public let allowsZero: Bool
    /// What it gives with an index (or when it takes none).
    public let result: Result
    /// One line for the author's guide and for messages.
    public let summary: String

    init(_ quantity: CheckQuantity, step: StepRule, index: IndexRule, allowsZero: Bool = false, result: Result, _ summary: String) {
        self.quantity = quantity
        self.step = step
        self.index = index
        self.allowsZero = allowsZero
        self.result = result
        self.summary = summary
    }
}

/// A quantity the check language reads from a run: parsed once from its name, so the evaluator's
/// switch over it is exhaustive and the compiler links every name to its meaning.
public enum CheckQuantity: String, CaseIterable, Sendable {
    case predicted, token, target, probs, logits, loss, accuracy, steps, hidden, cell
    case input, forget, candidate, output, reset, update
    case gradH = "grad_h", gradC = "grad_c", gradNorm = "grad_norm"

    /// The gate a gate quantity reads (nil for the others).
    public var gate: Gate? {
        switch self {
        case .input: return .input
        case .forget: return .forget
        case .candidate: return .candidate
        case .output: return .output
        case .reset: return .reset
        case .update: return .update
        default: return nil
        }
    }

    /// What the quantity takes and gives, and its line in the author's guide: one declaration each.
    public var spec: QuantitySpec {
        switch self {
        case .predicted: return QuantitySpec(self, step: .required, index: .none, result: .word, "the arg-max output word at step t")
        case .token: return QuantitySpec(self, step: .required, index: .none, result: .word, "the input token at step t ('?' when unknown)")
        case .target: return QuantitySpec(self, step: .required, index: .none, result: .word, "the target word at step t ('?' when none)")
        case .probs: return QuantitySpec(self, step: .required, index: .output, result: .number, "output probabilities at step t; [w] one word's")
        case .logits: return QuantitySpec(self, step: .required, index: .output, result: .number, "output logits at step t; [w] one word's")
        case .loss:
            return QuantitySpec(self, step: .optional, index: .none, result: .number,
                                "cross-entropy at step t; without @t the total over steps with a target")
        case .accuracy:
            return QuantitySpec(self, step: .none, index: .none, result: .number, "the fraction of steps with a target where predicted == target")
        case .steps: return QuantitySpec(self, step: .none, index: .none, result: .number, "T, the number of steps")
        case .hidden:
            return QuantitySpec(self, step: .required, index: .unit, allowsZero: true, result: .number, "the hidden state h_t (t = 0: h₀); [u] one unit")
        case .cell:
            return QuantitySpec(self, step: .required, index: .unit, allowsZero: true, result: .number,
                                "the LSTM cell state c_t (t = 0: c₀); [u] one unit")
        case .input: return QuantitySpec(self, step: .required, index: .unit, result: .number, "the LSTM input gate i_t")
        case .forget: return QuantitySpec(self, step: .required, index: .unit, result: .number, "the LSTM forget gate f_t")
        case .candidate: return QuantitySpec(self, step: .required, index: .unit, result: .number, "the candidate g_t (LSTM) or n_t (GRU)")
        case .output: return QuantitySpec(self, step: .required, index: .unit, result: .number, "the LSTM output gate o_t")
        case .reset: return QuantitySpec(self, step: .required, index: .unit, result: .number, "the GRU reset gate r_t")
        case .update: return QuantitySpec(self, step: .required, index: .unit, result: .number, "the GRU update gate z_t")
        case .gradH: return QuantitySpec(self, step: .required, index: .unit, result: .number, "∂L/∂h_t in total (needs targets); [u] one unit")
        case .gradC:
            return QuantitySpec(self, step: .required, index: .unit, result: .number, "∂L/∂c_t in total (LSTM, needs targets); [u] one unit")
        case .gradNorm:
            return QuantitySpec(self, step: .required, index: .none, result: .number, "‖∂L/∂h_t‖, the Euclidean norm of grad_h@t (needs targets)")
        }
    }
}

/// The quantities in the order the author's guide lists them; functions (`CheckFunctions`) extend the language instead.
public enum QuantityCatalog {
    /// Every quantity, in the order the author's guide lists them.
    public static let all: [QuantitySpec] = CheckQuantity.allCases.map(\.spec)

    /// The spec named `name`.
    public static func spec(_ name: String) -> QuantitySpec? { CheckQuantity(rawValue: name)?.spec }

    /// Every quantity name.
    public static var names: [String] { CheckQuantity.allCases.map(\.rawValue) }
}
