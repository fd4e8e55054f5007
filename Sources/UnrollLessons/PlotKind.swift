/// A kind of scene plot, declared once: its name in `plot: {kind: …}`, the parameters it reads
/// with the rule the parser checks each against, and a line of help. The app computes a plot by
/// switching over this type, so the compiler makes every kind drawable.
public enum PlotKind: String, CaseIterable, Sendable {
    case squash, toy_loop, power, distance, loss, bptt, race, gradient, accuracy, clipping, series

    /// The kind named `name`, if any.
    public init?(name: String) { self.init(rawValue: name) }

    /// The parameters the kind reads and their rules; other keys pass through unchecked.
    public var parameters: [String: PlotParameterRule] {
        switch self {
        case .squash: return ["function": .choice(["sigmoid", "tanh", "relu"]), "n": .integer(1...30), "from": .number(-100...100), "to": .number(-100...100)]
        case .toy_loop: return ["function": .choice(["none", "sigmoid", "tanh", "relu"]), "w": .number(-100...100), "steps": .integer(2...200)]
        case .power: return ["scale": .number(0.05...4), "steps": .integer(2...500)]
        case .race, .accuracy: return ["delays": .integers(0...60, count: 1...6)]
        case .clipping: return ["clip": .number(ClippingDemo.clips), "seed": .integer(0...99)]
        case .series: return ["show": .choice(["values", "error"])]
        case .distance, .loss, .bptt, .gradient: return [:]
        }
    }

    /// One line of help.
    public var summary: String {
        switch self {
        case .squash: return "a squashing function applied n times (function, n, from, to)"
        case .toy_loop: return "the one-number loop s ← f(w·s + 1) (function, w, steps)"
        case .power: return "‖h_t‖ under repeated W_hh, W scaled by s / S (scale, steps)"
        case .distance: return "‖∂L_T/∂h_t‖ against distance on the scene (compare: true for RNN, LSTM, GRU)"
        case .loss: return "the loss at each step"
        case .bptt, .gradient: return "‖∂L/∂h_t‖ at each step and each step's share of ∂L/∂W_hh"
        case .race, .accuracy: return "the memory race's recall accuracy against delay (delays)"
        case .series: return "a forecaster's series: the truth, one step ahead and the forecast fed itself (show: values), or their errors (show: error)"
        case .clipping: return "an exploding RNN trained with and without clipping: loss and gradient norm per update (clip, seed)"
        }
    }
}
