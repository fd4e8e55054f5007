import Foundation
import Testing
@testable import UnrollCore

/// The peephole LSTM: gradients against finite differences (peepholes and clamps included), the
/// model-file rules for its tensors, and explanations whose terms include the peepholes.
@Suite struct PeepholeLSTMCellTests {
    static let clampSets: [[Clamp]] = [
        [],
        [Clamp(gate: .output, units: [1], steps: 2...3, value: 1), Clamp(gate: .forget, steps: 4...4, value: 0.5)],
        [Clamp(gate: .input, units: [0], value: 0.25), Clamp(gate: .candidate, steps: 1...2, value: -0.5)],
    ]

    /// A random peephole model (peepholes large enough to matter), an input with an unknown step, partial targets.
    static func problem(seed: UInt64 = 5) -> (RecurrentModel, SequenceInput, [Int?]) {
        var rng = SeededRandom(seed: seed)
        var model = RecurrentModel(cell: PeepholeLSTMCell(), inputSize: 4, hiddenSize: 3, outputSize: 4)
        for k in model.parameters.indices { model.parameters[k] = rng.uniform(-1.2, 1.2) }
        let input = SequenceInput(tokens: [0, 2, nil, 3, 1, nil], inputSize: 4)
        return (model, input, [1, nil, 2, nil, 0, 3])
    }

    @Test func layoutPlacesThePeepholesAfterTheBiases() {
        let L = RecurrentModel(cell: PeepholeLSTMCell(), inputSize: 5, hiddenSize: 4, outputSize: 5).layout
        #expect(L.tensors.map(\.name) == ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
                                          "weight_ci_l0", "weight_cf_l0", "weight_co_l0", "head.weight", "head.bias"])
        #expect(L.tensor(named: "weight_ci_l0")?.offset == L.biasHH + 16)
        #expect(L.count == 16 * (5 + 4 + 2) + 3 * 4 + 5 * 4 + 5)
        #expect(L != RecurrentModel(kind: .lstm, inputSize: 5, hiddenSize: 4, outputSize: 5).layout)
    }

    @Test(arguments: clampSets)
    func parameterGradientMatchesFiniteDifferences(_ clamps: [Clamp]) {
        let (model, input, targets) = Self.problem()
        let worst = worstParameterGradientError(model, input, targets: targets, clamps: clamps)
        #expect(worst < 1e-7, "worst relative error \(worst)")
        let g = model.backward(model.forward(input, targets: targets, clamps: clamps))
        let peepholes = model.layout.tensor(named: "weight_ci_l0").map { $0.offset..<($0.offset + 9) } ?? 0..<0
        #expect(peepholes.contains { g.parameters[$0] != 0 }, "the peepholes learn")
    }

    /// ∂L/∂c_t in total: perturbing c_t moves o_t through w_co (unless o is clamped) and h_t = o_t tanh(c_t).
    @Test(arguments: clampSets)
    func cellGradientIsTheTotalThroughTheOutputPeephole(_ clamps: [Clamp]) {
        let (model, input, targets) = Self.problem(seed: 9)
        let trace = model.forward(input, targets: targets, clamps: clamps)
        let g = model.backward(trace)
        let wco = model.layout.tensor(named: "weight_co_l0")?.offset ?? 0
        let eps = 1e-6
        for t in 1...trace.steps {
            let h = trace.hidden(at: t), c = trace.cell(at: t) ?? []
            let pre = trace.preActivation(.output, at: t), clampedO = trace.clamped(.output, at: t)
            for u in 0..<model.hiddenSize {
                func loss(_ cu: Double) -> Double {
                    var c2 = c, h2 = h
                    c2[u] = cu
                    let o = clampedO[u] ? trace.gate(.output, at: t)?[u] ?? 0
                        : sigmoid(pre[u] + model.parameters[wco + u] * (cu - c[u]))
                    h2[u] = o * tanhD(cu)
                    return GradientCheckTests.lossFrom(t, h: h2, c: c2, model: model, input: input, targets: targets, clamps: clamps)
                }
                let numeric = (loss(c[u] + eps) - loss(c[u] - eps)) / (2 * eps)
                #expect(abs(numeric - (g.cell(at: t)?[u] ?? .nan)) < 1e-7 * (1 + abs(numeric)), "dL/dc_\(t)[\(u)]")
            }
        }
    }

    @Test func zeroPeepholesRunAsThePlainLSTM() {
        var (model, input, targets) = Self.problem()
        let L = model.layout
        for k in L.cellExtra..<L.headWeight { model.parameters[k] = 0 }
        var plain = RecurrentModel(kind: .lstm, inputSize: 4, hiddenSize: 3, outputSize: 4)
        plain.parameters = Array(model.parameters[..<L.cellExtra]) + Array(model.parameters[L.headWeight...])
        let clamps = Self.clampSets[1]
        let a = model.forward(input, targets: targets, clamps: clamps), b = plain.forward(input, targets: targets, clamps: clamps)
        #expect(a.hiddenStates == b.hiddenStates && a.cellStates == b.cellStates && a.gateValues == b.gateValues)
        let ga = model.backward(a), gb = plain.backward(b)
        #expect(ga.hidden == gb.hidden && ga.cell == gb.cell)
    }

    @Test func explanationsIncludeThePeepholes() {
        let (model, input, _) = Self.problem()
        let trace = model.forward(input, clamps: Self.clampSets[1])
        for t in 1...trace.steps {
            for u in 0..<model.hiddenSize {
                for gate in model.cell.gateList {
                    let e = model.explain(.gate(gate), unit: u, at: t, in: trace)
                    #expect(abs(e.sum - trace.preActivation(gate, at: t)[u]) < 1e-12, "\(gate) t=\(t) u=\(u)")
                    if !e.clamped { #expect(abs((gate.isTanh ? tanhD(e.sum) : sigmoid(e.sum)) - e.value) < 1e-12) }
                    let peephole = e.terms.contains { $0.label.hasPrefix("c") }
                    #expect(peephole == (gate != .candidate), "\(gate) names its peephole")
                }
                let h = model.explain(.hidden, unit: u, at: t, in: trace)
                #expect(abs(h.sum - trace.hidden(at: t)[u]) < 1e-12)
            }
        }
    }

    @Test func modelFileRoundTripsThePeepholes() throws {
        let (model, _, _) = Self.problem()
        let text = ModelFile.encode(model).serialized(indent: 1)
        #expect(text.contains("\"peephole\": true"))
        let back = try ModelFile.decode(Data(text.utf8), file: "p.json")
        #expect(back.cell.identifier == "lstm+peephole")
        #expect(back.parameters == model.parameters)
    }

    /// A minimal model file: I = 1, H = 1, with the given extra keys and tensors.
    static func file(cell: String, extra: String, tensors: String) -> Data {
        let G = cell == "gru" ? 3 : 4
        let rows = Array(repeating: "[0.5]", count: G).joined(separator: ",")
        return Data("""
        {"format":"unroll-model","version":1,"cell":"\(cell)","input_size":1,"hidden_size":1\(extra),
         "state_dict":{"weight_ih_l0":[\(rows)],"weight_hh_l0":[\(rows)]\(tensors)}}
        """.utf8)
    }

    static let peepholeTensors = #","weight_ci_l0":[0.1],"weight_cf_l0":[0.2],"weight_co_l0":[0.3]"#

    @Test func modelFileRefusesPeepholeWeightsWithoutPeephole() throws {
        #expect(throws: ModelFileError.self) { try ModelFile.decode(Self.file(cell: "lstm", extra: "", tensors: Self.peepholeTensors), file: "m") }
        do {
            _ = try ModelFile.decode(Self.file(cell: "lstm", extra: #","peephole":false"#, tensors: Self.peepholeTensors), file: "m")
            Issue.record("accepted peephole weights with peephole false")
        } catch let error as ModelFileError {
            #expect(error.key == "state_dict.weight_ci_l0")
            #expect(error.message.contains("peephole"))
        }
    }

    @Test func modelFileRefusesMissingPeepholeWeights() throws {
        do {
            _ = try ModelFile.decode(Self.file(cell: "lstm", extra: #","peephole":true"#, tensors: #","weight_ci_l0":[0.1],"weight_cf_l0":[0.2]"#), file: "m")
            Issue.record("accepted a peephole model without weight_co_l0")
        } catch let error as ModelFileError {
            #expect(error.key == "state_dict.weight_co_l0")
        }
    }

    @Test func modelFileRefusesPeepholeOnAnotherCellOrNotABoolean() throws {
        for (cell, extra) in [("gru", #","peephole":true"#), ("rnn", #","peephole":true"#), ("lstm", #","peephole":1"#)] {
            do {
                _ = try ModelFile.decode(Self.file(cell: cell, extra: extra, tensors: Self.peepholeTensors), file: "m")
                Issue.record("accepted \(cell) \(extra)")
            } catch let error as ModelFileError {
                #expect(error.key == "peephole", "\(cell) \(extra): \(error)")
            }
        }
    }

    @Test func modelFileReadsAPeepholeModel() throws {
        let m = try ModelFile.decode(Self.file(cell: "lstm", extra: #","peephole":true"#, tensors: Self.peepholeTensors), file: "m")
        #expect(m.cell is PeepholeLSTMCell)
        let L = m.layout
        #expect(Array(m.parameters[L.cellExtra..<L.headWeight]) == [0.1, 0.2, 0.3])
        #expect(try Clamp.parse("output[0]=1@2", cell: m.cell, hiddenSize: 1).gate == .output)
    }
}
