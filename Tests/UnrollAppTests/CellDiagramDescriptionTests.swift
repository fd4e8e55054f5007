import Testing
import UnrollApp
import UnrollCore
import UnrollTUI

/// The cell diagram draws what the app asks of the core's cell: no cell is known by name.
@Suite struct CellDiagramDescriptionTests {
    @Test func theDescriptionComesFromTheCell() {
        let lstm = CellDiagram.Description(cell: LSTMCell())
        #expect(lstm.title == "LSTM")
        #expect(lstm.gates.map(\.id) == ["input", "forget", "candidate", "output"])
        #expect(lstm.gates.map(\.symbol) == ["i", "f", "g", "o"])
        #expect(lstm.gates.map(\.activation) == ["σ", "σ", "tanh", "σ"])
        #expect(lstm.gates.compactMap(\.rohrerName) == ["ignoring", "forgetting", "prediction", "selection"])
        #expect(lstm.states == ["h", "c"] && lstm.peepholes.isEmpty)
        let peephole = CellDiagram.Description(cell: PeepholeLSTMCell())
        #expect(peephole.title == "PEEPHOLE LSTM")
        #expect(peephole.peepholes == [.init(gate: "input", current: false), .init(gate: "forget", current: false), .init(gate: "output", current: true)])
        let gru = CellDiagram.Description(cell: GRUCell())
        #expect(gru.gates.map(\.id) == ["reset", "update", "candidate"] && gru.gates.allSatisfy { $0.rohrerName == nil })
        #expect(gru.states == ["h"])
        let rnn = CellDiagram.Description(cell: ElmanCell())
        #expect(rnn.gates.isEmpty && rnn.title == "RNN")
    }

    /// Every registered cell gets a schematic at its size, with each gate's letter drawn.
    @Test(arguments: RecurrentCells.registered.map(\.identifier))
    func everyRegisteredCellIsDrawn(_ identifier: String) throws {
        let cell = try #require(RecurrentCells.registered.first { $0.identifier == identifier })
        let structure = CellDiagram.Description(cell: cell)
        let size = CellDiagram.schematicSize(of: structure)
        #expect(size.width > 0 && size.height > 0, "\(identifier) has a schematic")
        var buffer = Buffer(width: size.width, height: size.height)
        buffer.render(CellDiagram(structure: structure, subject: "unit 0"), in: Rect(width: size.width, height: size.height), glyphs: .utf8)
        for g in cell.gates { #expect(buffer.text.contains(g.activationName + " " + g.symbol), "\(identifier): \(g.name)") }
        #expect(buffer.text.contains("┆") == cell.gatesSeeCellState, "\(identifier): peephole taps")
    }
}
