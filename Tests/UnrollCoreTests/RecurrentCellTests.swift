import Testing
@testable import UnrollCore

/// What every registered cell promises the drivers: distinct names, a consistent layout and
/// state, and a backward step that is the derivative of its forward step.
@Suite struct RecurrentCellTests {
    static let cells: [String] = RecurrentCells.registered.map(\.identifier)

    static func cell(_ id: String) -> any RecurrentCell {
        RecurrentCells.registered.first { $0.identifier == id } ?? ElmanCell()
    }

    @Test func identifiersAreDistinctAndEachKindHasItsPlainCell() {
        #expect(Set(Self.cells).count == Self.cells.count)
        for kind in CellKind.allCases {
            let plain = kind.standardCell
            #expect(plain.kind == kind && plain.fileFlags.isEmpty)
            #expect(kind.gates == plain.gateList)
        }
        #expect(RecurrentCells.cell(kind: .lstm, flags: ["peephole"]) is PeepholeLSTMCell)
        #expect(RecurrentCells.cell(kind: .gru, flags: ["peephole"]) == nil)
    }

    @Test(arguments: cells)
    func layoutCoversEveryTensorOnce(_ id: String) {
        let cell = Self.cell(id)
        let L = ParameterLayout(cell: cell, inputSize: 3, hiddenSize: 2, outputSize: 4, hasHead: true)
        var next = 0
        for t in L.tensors {
            #expect(t.offset == next, "\(id) \(t.name)")
            next += t.count
        }
        #expect(next == L.count)
        #expect(L.gateRows == cell.gateCount * 2)
        #expect(cell.gates.isEmpty || cell.gates.count == cell.gateCount)
    }

    @Test(arguments: cells)
    func stateAndCacheAreSizedByTheCell(_ id: String) {
        let cell = Self.cell(id)
        let model = RecurrentModel(cell: cell, inputSize: 3, hiddenSize: 2, outputSize: 3)
        let trace = model.forward(SequenceInput(tokens: [0, 1, 2], inputSize: 3))
        #expect(trace.cellStates.count == (cell.hasCellState ? 6 : 0))
        #expect(trace.stepCache.count == 3 * cell.cacheBlocks * 2)
        #expect((trace.cell(at: 1) != nil) == cell.hasCellState)
    }

    /// The loss gradient of every parameter against central differences, with a clamp on every gate.
    @Test(arguments: cells)
    func backwardIsTheDerivativeOfForward(_ id: String) {
        let cell = Self.cell(id)
        var rng = SeededRandom(seed: 21)
        var model = RecurrentModel(cell: cell, inputSize: 3, hiddenSize: 2, outputSize: 3)
        for k in model.parameters.indices { model.parameters[k] = rng.uniform(-1, 1) }
        let input = SequenceInput(tokens: [0, 2, nil, 1], inputSize: 3)
        let targets: [Int?] = [1, nil, 2, 0]
        let clamps = cell.gates.enumerated().map { k, g in
            Clamp(gate: g.gate, units: [k % 2], steps: (1 + k % 3)...(1 + k % 3), value: g.isTanh ? -0.3 : 0.6)
        }
        let worst = worstParameterGradientError(model, input, targets: targets, clamps: clamps)
        #expect(worst < 1e-7, "\(id): worst relative error \(worst)")
    }
}

/// What the screens ask a cell instead of switching on its kind.
@Suite struct CellCapabilityTests {
    @Test func statesGatesAndTaps() {
        #expect(ElmanCell().stateNames == ["h"] && !ElmanCell().isGated)
        #expect(LSTMCell().stateNames == ["h", "c"] && LSTMCell().isGated && LSTMCell().stateTuple == "(h_t, c_t)")
        #expect(GRUCell().stateNames == ["h"] && GRUCell().isGated && GRUCell().stateTuple == "h_t")
        #expect(LSTMCell().cellStateTaps.isEmpty && !LSTMCell().gatesSeeCellState)
        #expect(PeepholeLSTMCell().cellStateTaps.map(\.gate) == [.input, .forget, .output])
        #expect(PeepholeLSTMCell().cellStateTaps.map(\.current) == [false, false, true])
        #expect(PeepholeLSTMCell().gatesSeeCellState)
    }

    @Test func rohrerNamesAndShortNamesBelongToTheCell() {
        #expect(LSTMCell().gates.map(\.rohrerName) == ["ignoring", "forgetting", "prediction", "selection"])
        #expect(LSTMCell().gates.map(\.shortName) == ["ignore", "forget", "predict", "select"])
        #expect(GRUCell().gates.allSatisfy { $0.rohrerName == nil }, "Rohrer names the LSTM's networks only")
        #expect(GRUCell().gates.map(\.shortName) == ["reset", "update", "new"])
        #expect(GRUCell().gates.map(\.activationName) == ["σ", "σ", "tanh"])
    }
}
