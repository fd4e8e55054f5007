import SnapshotTesting
import Testing
@testable import UnrollTUI

@Suite struct CellDiagramTests {
    let lstm = CellDiagram(
        structure: .lstm, gateValues: ["forget": 0.93, "input": 0.12, "candidate": -0.4, "output": 0.8],
        previousCell: 0.52, cell: 0.61, previousHidden: 0.1, hidden: 0.33, subject: "unit 3",
        focusedGate: "input", clampedGates: ["output"])
    let gru = CellDiagram(structure: .gru, gateValues: ["reset": 0.93, "update": 0.12, "candidate": -0.4], previousHidden: 0.52, hidden: 0.61, subject: "mean of 8 units")
    let rnn = CellDiagram(structure: .rnn, previousHidden: 0.52, hidden: 0.33, preActivation: 1.2, subject: "unit 0")

    @Test func lstmSchematicAt44x11() {
        #expect(text(lstm, width: 44, height: 11) == block(
            "c_{t-1} +0.52                      c_t +0.61",
            "─────⊙──────────────⊕──────────────┬───────→",
            "     │              │             tanh",
            "     │         ┌────⊙────┐         │",
            "     │         │         │         ⊙──→ h_t",
            "   σ f       σ i    tanh g       σ o   +0.33",
            "   0.93      0.12      -0.40     =0.80",
            "  forget     input   candidate  output",
            "forgetting ignoring prediction selection",
            "c_t = f⊙c_{t-1} + i⊙g   h_t = o⊙tanh(c_t)",
            "in: x_t, h_{t-1}                      unit 3"))
    }

    @Test func peepholeLSTMShowsItsTaps() {
        var peephole = lstm
        peephole.structure = .peepholeLSTM
        #expect(text(peephole, width: 44, height: 11) == block(
            "c_{t-1} +0.52                      c_t +0.61",
            "─────⊙──────────────⊕──────────────┬───────→",
            "  ┆  │              │          ┆  tanh",
            "  ┆  │         ┌────⊙────┐     ┆   │",
            "  ┆  │         │         │     ┆   ⊙──→ h_t",
            "   σ f       σ i    tanh g       σ o   +0.33",
            "   0.93      0.12      -0.40     =0.80",
            "  forget     input   candidate  output",
            "forgetting ignoring prediction selection",
            "c_t = f⊙c_{t-1} + i⊙g   h_t = o⊙tanh(c_t)",
            "in: x_t, h_{t-1}, c                   unit 3"))
        let small = text(peephole, width: 40, height: 9)
        #expect(small.hasPrefix("PEEPHOLE LSTM"))
        #expect(small.contains("f,i see c_{t-1}; o sees c_t"))
        #expect(!text(lstm, width: 40, height: 9).contains("see c"))
    }

    @Test func lstmNamesBothStandardAndRohrer() {
        let t = text(lstm, width: 44, height: 11)
        for name in ["forget", "input", "candidate", "output", "forgetting", "ignoring", "prediction", "selection"] {
            #expect(t.contains(name), "\(name)")
        }
    }

    @Test func focusedAndClampedGateStyles() {
        let buffer = draw(lstm, width: 44, height: 11)
        // The input gate (focused) column: σ i, its value and both names in .focus.
        func at(_ x: Int, _ s: String) -> String { String(repeating: " ", count: x) + s }
        #expect(buffer.text(withRole: .focus) == block("", "", "", "", "", at(13, "σ i"), at(13, "0.12"), at(13, "input"), at(11, "ignoring"), "", ""))
        #expect(buffer.text(withRole: .clamped) == block("", "", "", "", "", at(33, "σ o"), at(33, "=0.80"), "", "", "", ""))
        #expect(buffer[0, 1].style.role == .memory)
        #expect(buffer[5, 1].style.role == .accent)
    }

    @Test func asciiStandIns() {
        let t = text(lstm, width: 44, height: 11, glyphs: .ascii)
        #expect(t.allSatisfy { $0.isASCII })
        #expect(t.split(separator: "\n")[1] == "-----*--------------+--------------+------->")
        #expect(t.contains("c_t = f*c_{t-1} + i*g   h_t = o*tanh(c_t)"))
    }

    @Test func smallAreasGetTheEquationForm() {
        #expect(text(lstm, width: 43, height: 11) == block(
            "LSTM · unit 3",
            "f  0.93 forget (forgetting)",
            "i  0.12 input (ignoring)",
            "g -0.40 candidate (prediction)",
            "o =0.80 output (selection)",
            "c_t = f⊙c_{t-1} + i⊙g = +0.61",
            "h_t = o⊙tanh(c_t) = +0.33",
            "", "", "", ""))
        #expect(text(gru, width: 30, height: 6, glyphs: .ascii) == block(
            "GRU . mean of 8 units",
            "r  0.93 reset",
            "z  0.12 update",
            "n -0.40 candidate",
            "h_t = (1-z)*n + z*h_{t-1}",
            "  = +0.61"))
        #expect(text(rnn, width: 40, height: 4, glyphs: .ascii) == block(
            "RNN . unit 0",
            "a = W_ih x + W_hh h_{t-1} + b = +1.20",
            "h_t = tanh(a) = +0.33",
            ""))
        #expect(text(rnn, width: 12, height: 2, glyphs: .ascii) == block("RNN . unit 0", "a = W_ih x +"))
    }

    @Test func missingValuesAreLeftBlank() {
        let bare = CellDiagram(structure: .lstm)
        let t = text(bare, width: 44, height: 11)
        #expect(t.split(separator: "\n", omittingEmptySubsequences: false)[6].allSatisfy { $0 == " " })
        #expect(t.hasPrefix("c_{t-1}"))
    }

    @Test func hitTestOnTheSchematic() {
        let area = Rect(x: 2, y: 1, width: 50, height: 12)
        #expect(lstm.gate(atX: 2 + 5, y: 1 + 5, area: area) == "forget")
        #expect(lstm.gate(atX: 2 + 15, y: 1 + 8, area: area) == "input")
        #expect(lstm.gate(atX: 2 + 25, y: 1 + 7, area: area) == "candidate")
        #expect(lstm.gate(atX: 2 + 38, y: 1 + 6, area: area) == "output")
        #expect(lstm.gate(atX: 2 + 5, y: 1 + 1, area: area) == nil)
        #expect(lstm.gate(atX: 2 + 45, y: 1 + 5, area: area) == nil)
        #expect(lstm.gate(atX: 0, y: 0, area: area) == nil)
        #expect(gru.gate(atX: 2 + 31, y: 1 + 5, area: area) == "candidate")
        #expect(gru.gate(atX: 2 + 14, y: 1 + 6, area: area) == "update")
        #expect(gru.gate(atX: 2 + 22, y: 1 + 6, area: area) == nil)
        #expect(rnn.gate(atX: 2 + 18, y: 1 + 3, area: area) == nil)
    }

    @Test func hitTestCoversEveryDrawnGateLetter() {
        let area = Rect(width: 44, height: 11)
        let buffer = draw(lstm, width: 44, height: 11)
        for gate in CellDiagram.gates(of: .lstm) {
            let x = gate.column
            #expect(buffer[x, 5].character == Character(gate.symbol))
            #expect(lstm.gate(atX: x, y: 5, area: area) == gate.id)
        }
    }

    @Test func hitTestOnTheEquationForm() {
        let area = Rect(x: 0, y: 0, width: 30, height: 8)
        #expect(lstm.gate(atX: 0, y: 0, area: area) == nil)
        #expect(lstm.gate(atX: 3, y: 1, area: area) == "forget")
        #expect(lstm.gate(atX: 3, y: 4, area: area) == "output")
        #expect(lstm.gate(atX: 3, y: 5, area: area) == nil)
        #expect(gru.gate(atX: 10, y: 3, area: area) == "candidate")
    }

    @Test func gateCatalogue() {
        #expect(CellDiagram.gates(of: .lstm).map(\.symbol) == ["f", "i", "g", "o"])
        #expect(CellDiagram.gates(of: .lstm).compactMap(\.rohrerName) == ["forgetting", "ignoring", "prediction", "selection"])
        #expect(CellDiagram.gates(of: .gru).map(\.id) == ["reset", "update", "candidate"])
        #expect(CellDiagram.gates(of: .rnn).isEmpty)
        #expect(CellDiagram.schematicSize(of: .lstm) == (44, 11) && CellDiagram.schematicSize(of: .rnn) == (44, 8))
    }

    @Test func snapshotLSTMStyled() {
        assertSnapshot(of: draw(lstm, width: 44, height: 11).styledText, as: .lines)
    }

    @Test func snapshotLSTMASCII() {
        assertSnapshot(of: draw(lstm, width: 44, height: 11, glyphs: .ascii).text, as: .lines)
    }

    @Test func snapshotGRU() {
        assertSnapshot(of: draw(gru, width: 44, height: 11).text, as: .lines)
        assertSnapshot(of: draw(gru, width: 44, height: 11, glyphs: .ascii).text, as: .lines, named: "ascii")
    }

    @Test func snapshotRNN() {
        assertSnapshot(of: draw(rnn, width: 44, height: 8).text, as: .lines)
        assertSnapshot(of: draw(rnn, width: 44, height: 8, glyphs: .ascii).text, as: .lines, named: "ascii")
    }

    /// A cell no schematic draws (here: two gates and a tap) gets the equation form, named from its description.
    @Test func anUnfamiliarCellIsDrawnAsEquations() {
        let odd = CellDiagram.Description(title: "MINIMAL", gates: [
            .init(id: "forget", symbol: "f", activation: "σ", name: "forget"),
            .init(id: "candidate", symbol: "g", activation: "tanh", name: "candidate"),
        ], states: ["h", "c"], peepholes: [.init(gate: "forget", current: false)])
        #expect(CellDiagram.schematicSize(of: odd) == (0, 0))
        let diagram = CellDiagram(structure: odd, gateValues: ["forget": 0.5], cell: 0.25, hidden: 0.1, subject: "unit 1")
        let t = text(diagram, width: 44, height: 11)
        #expect(t.hasPrefix("MINIMAL · unit 1"))
        #expect(t.contains("f 0.50 forget") || t.contains("f  0.50 forget"), "\(t)")
        #expect(t.contains("g       candidate") || t.contains("g candidate") || t.contains("candidate"))
        #expect(t.contains("c_t = +0.25"))
        #expect(t.contains("f sees c_{t-1}"))
        #expect(diagram.gate(atX: 0, y: 1, area: Rect(width: 44, height: 11)) == "forget")
    }
}
