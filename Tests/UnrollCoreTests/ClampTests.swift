import Testing
@testable import UnrollCore

@Suite struct ClampTests {
    @Test func parsesEveryForm() throws {
        #expect(try Clamp.parse("forget=0", kind: .lstm, hiddenSize: 6) == Clamp(gate: .forget, value: 0))
        #expect(try Clamp.parse("output[1,4]=1@2..5", kind: .lstm, hiddenSize: 6)
            == Clamp(gate: .output, units: [1, 4], steps: 2...5, value: 1))
        #expect(try Clamp.parse("update=0.25@2..3", kind: .gru, hiddenSize: 4) == Clamp(gate: .update, steps: 2...3, value: 0.25))
        #expect(try Clamp.parse("candidate[0]=-0.5@7", kind: .lstm, hiddenSize: 2) == Clamp(gate: .candidate, units: [0], steps: 7...7, value: -0.5))
        #expect(try Clamp.parse("forget=.25", kind: .lstm, hiddenSize: 2) == Clamp(gate: .forget, value: 0.25))
        #expect(try Clamp.parse("forget=1e-1", kind: .lstm, hiddenSize: 2) == Clamp(gate: .forget, value: 0.1))
    }

    @Test(arguments: ["forget", "forget=", "forget=abc", "reset=1", "forget[9]=0", "forget[]=0", "forget[a]=0",
                      "forget=0@0", "forget=0@5..3", "forget=0@x", "forget[1=0", "gate=1"])
    func refusesMalformedSpecs(_ spec: String) {
        #expect(throws: Clamp.ParseError.self) { try Clamp.parse(spec, kind: .lstm, hiddenSize: 6) }
    }

    /// Finding 18 / issue 9: `forget=0x1` (a hex float to `Double(_:)`) and values a gate cannot take are refused.
    @Test(arguments: ["forget=0x1", "forget=inf", "forget=nan", "forget=1e", "forget=.", "forget=1_0", "forget=+-1",
                      "forget=2", "forget=-0.1", "input=1.0001", "update=7", "candidate=-1.5", "candidate=2"])
    func refusesNonDecimalAndOutOfRangeValues(_ spec: String) {
        let kind: CellKind = spec.hasPrefix("update") ? .gru : .lstm
        #expect(throws: Clamp.ParseError.self) { try Clamp.parse(spec, kind: kind, hiddenSize: 4) }
    }

    @Test func outOfRangeValuesNameTheRange() throws {
        #expect(throws: Clamp.ParseError(spec: "forget=2", reason: "forget is a σ output: the value must be in 0…1, got 2")) {
            try Clamp.parse("forget=2", kind: .lstm, hiddenSize: 4)
        }
        #expect(throws: Clamp.ParseError(spec: "candidate=-3", reason: "candidate is a tanh output: the value must be in -1…1, got -3")) {
            try Clamp.parse("candidate=-3", kind: .lstm, hiddenSize: 4)
        }
        #expect(try Clamp.parse("candidate=-1", kind: .gru, hiddenSize: 4).value == -1)
    }

    @Test func rnnHasNoGates() {
        #expect(throws: Clamp.ParseError.self) { try Clamp.parse("forget=0", kind: .rnn, hiddenSize: 3) }
    }

    @Test func descriptionRoundTrips() throws {
        let c = Clamp(gate: .output, units: [1, 4], steps: 2...5, value: 1)
        #expect(c.description == "output[1,4]=1@2..5")
        #expect(try Clamp.parse(c.description, kind: .lstm, hiddenSize: 6) == c)
    }

    @Test func clampedValuesAppearInTheTrace() throws {
        let model = try Fixtures.model("book-lstm.model.json")
        let input = try model.parseInput("Doug saw Jane .")
        let trace = model.forward(input, clamps: [Clamp(gate: .forget, units: [2], steps: 2...3, value: 0)])
        #expect(trace.gate(.forget, at: 2)?[2] == 0)
        #expect(trace.gate(.forget, at: 1)?[2] != 0)
        #expect(trace.clamped(.forget, at: 3) == [false, false, true, false, false, false])
        // With f = 0, c_t = i ⊙ g: the old memory is gone.
        let i = trace.gate(.input, at: 2) ?? [], g = trace.gate(.candidate, at: 2) ?? []
        #expect(abs((trace.cell(at: 2)?[2] ?? .nan) - i[2] * g[2]) < 1e-15)
    }
}
