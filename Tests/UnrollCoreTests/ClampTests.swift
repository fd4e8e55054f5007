import Testing
@testable import UnrollCore

@Suite struct ClampTests {
    @Test func parsesEveryForm() throws {
        #expect(try Clamp.parse("forget=0", kind: .lstm, hiddenSize: 6) == Clamp(gate: .forget, value: 0))
        #expect(try Clamp.parse("output[1,4]=1@2..5", kind: .lstm, hiddenSize: 6)
            == Clamp(gate: .output, units: [1, 4], steps: 2...5, value: 1))
        #expect(try Clamp.parse("update=0.25@2..3", kind: .gru, hiddenSize: 4) == Clamp(gate: .update, steps: 2...3, value: 0.25))
        #expect(try Clamp.parse("input[0]=-0.5@7", kind: .lstm, hiddenSize: 2) == Clamp(gate: .input, units: [0], steps: 7...7, value: -0.5))
    }

    @Test(arguments: ["forget", "forget=", "forget=abc", "reset=1", "forget[9]=0", "forget[]=0", "forget[a]=0",
                      "forget=0@0", "forget=0@5..3", "forget=0@x", "forget[1=0", "gate=1"])
    func refusesMalformedSpecs(_ spec: String) {
        #expect(throws: Clamp.ParseError.self) { try Clamp.parse(spec, kind: .lstm, hiddenSize: 6) }
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
