import UnrollCore
import UnrollTUI

extension CellDiagram.Description {
    /// What the cell diagram draws for a core cell: its gates (symbols, activations, standard and
    /// Rohrer names), its state vectors and its peephole taps, all asked of the cell.
    public init(cell: any RecurrentCell) {
        let title = (cell.fileFlags + [cell.kind.rawValue]).map { $0.uppercased() }.joined(separator: " ")
        self.init(title: title,
                  gates: cell.gates.map {
                      CellDiagram.GateInfo(id: $0.name, symbol: $0.symbol, activation: $0.activationName, name: $0.name, rohrerName: $0.rohrerName)
                  },
                  states: cell.stateNames,
                  peepholes: cell.cellStateTaps.map { CellDiagram.Peephole(gate: $0.gate.rawValue, current: $0.current) })
    }
}
