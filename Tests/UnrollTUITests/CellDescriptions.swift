@testable import UnrollTUI

/// The descriptions the app builds from the core's cells (`CellDiagramDescriptionTests` in the app
/// tests checks that they agree), written out for the widget's own tests.
extension CellDiagram.Description {
    static let lstm = CellDiagram.Description(title: "LSTM", gates: [
        .init(id: "input", symbol: "i", activation: "σ", name: "input", rohrerName: "ignoring"),
        .init(id: "forget", symbol: "f", activation: "σ", name: "forget", rohrerName: "forgetting"),
        .init(id: "candidate", symbol: "g", activation: "tanh", name: "candidate", rohrerName: "prediction"),
        .init(id: "output", symbol: "o", activation: "σ", name: "output", rohrerName: "selection"),
    ], states: ["h", "c"])

    static let peepholeLSTM = CellDiagram.Description(title: "PEEPHOLE LSTM", gates: lstm.gates, states: ["h", "c"], peepholes: [
        .init(gate: "input", current: false), .init(gate: "forget", current: false), .init(gate: "output", current: true),
    ])

    static let gru = CellDiagram.Description(title: "GRU", gates: [
        .init(id: "reset", symbol: "r", activation: "σ", name: "reset"),
        .init(id: "update", symbol: "z", activation: "σ", name: "update"),
        .init(id: "candidate", symbol: "n", activation: "tanh", name: "candidate"),
    ], states: ["h"])

    static let rnn = CellDiagram.Description(title: "RNN", gates: [], states: ["h"])
}
