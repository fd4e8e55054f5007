/// The quantities the check language reads from a run, and what each accepts.
public struct QuantitySpec: Sendable {
    /// Whether `@t` is needed.
    public enum StepRule: Sendable { case none, optional, required }
    /// What `[…]` names.
    public enum IndexRule: Sendable { case none, unit, output }
    /// What the quantity gives.
    public enum Result: Sendable { case number, word, vector }

    public let name: String
    public let step: StepRule
    public let index: IndexRule
    /// Whether t = 0 (the initial state) is allowed.
    public let allowsZero: Bool
    /// What it gives with an index (or when it takes none).
    public let result: Result
    /// One line for the author's guide and for messages.
    public let summary: String
}

/// The fixed set of quantities; functions (`CheckFunctions`) extend the language instead.
public enum QuantityCatalog {
    /// Every quantity, in the order the author's guide lists them.
    public static let all: [QuantitySpec] = [
        QuantitySpec(name: "predicted", step: .required, index: .none, allowsZero: false, result: .word,
                     summary: "the arg-max output word at step t"),
        QuantitySpec(name: "token", step: .required, index: .none, allowsZero: false, result: .word,
                     summary: "the input token at step t ('?' when unknown)"),
        QuantitySpec(name: "target", step: .required, index: .none, allowsZero: false, result: .word,
                     summary: "the target word at step t ('?' when none)"),
        QuantitySpec(name: "probs", step: .required, index: .output, allowsZero: false, result: .number,
                     summary: "output probabilities at step t; [w] one word's"),
        QuantitySpec(name: "logits", step: .required, index: .output, allowsZero: false, result: .number,
                     summary: "output logits at step t; [w] one word's"),
        QuantitySpec(name: "loss", step: .optional, index: .none, allowsZero: false, result: .number,
                     summary: "cross-entropy at step t; without @t the total over steps with a target"),
        QuantitySpec(name: "accuracy", step: .none, index: .none, allowsZero: false, result: .number,
                     summary: "the fraction of steps with a target where predicted == target"),
        QuantitySpec(name: "steps", step: .none, index: .none, allowsZero: false, result: .number,
                     summary: "T, the number of steps"),
        QuantitySpec(name: "hidden", step: .required, index: .unit, allowsZero: true, result: .number,
                     summary: "the hidden state h_t (t = 0: h₀); [u] one unit"),
        QuantitySpec(name: "cell", step: .required, index: .unit, allowsZero: true, result: .number,
                     summary: "the LSTM cell state c_t (t = 0: c₀); [u] one unit"),
        QuantitySpec(name: "input", step: .required, index: .unit, allowsZero: false, result: .number,
                     summary: "the LSTM input gate i_t"),
        QuantitySpec(name: "forget", step: .required, index: .unit, allowsZero: false, result: .number,
                     summary: "the LSTM forget gate f_t"),
        QuantitySpec(name: "candidate", step: .required, index: .unit, allowsZero: false, result: .number,
                     summary: "the candidate g_t (LSTM) or n_t (GRU)"),
        QuantitySpec(name: "output", step: .required, index: .unit, allowsZero: false, result: .number,
                     summary: "the LSTM output gate o_t"),
        QuantitySpec(name: "reset", step: .required, index: .unit, allowsZero: false, result: .number,
                     summary: "the GRU reset gate r_t"),
        QuantitySpec(name: "update", step: .required, index: .unit, allowsZero: false, result: .number,
                     summary: "the GRU update gate z_t"),
        QuantitySpec(name: "grad_h", step: .required, index: .unit, allowsZero: false, result: .number,
                     summary: "∂L/∂h_t in total (needs targets); [u] one unit"),
        QuantitySpec(name: "grad_c", step: .required, index: .unit, allowsZero: false, result: .number,
                     summary: "∂L/∂c_t in total (LSTM, needs targets); [u] one unit"),
        QuantitySpec(name: "grad_norm", step: .required, index: .none, allowsZero: false, result: .number,
                     summary: "‖∂L/∂h_t‖, the Euclidean norm of grad_h@t (needs targets)"),
    ]

    /// The spec named `name`.
    public static func spec(_ name: String) -> QuantitySpec? { all.first { $0.name == name } }

    /// Every quantity name.
    public static var names: [String] { all.map(\.name) }
}
