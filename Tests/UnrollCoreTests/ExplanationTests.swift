import Testing
@testable import UnrollCore

@Suite struct ExplanationTests {
    @Test(arguments: ["book-lstm.model.json", "book-gru.model.json", "dinner-rnn.model.json"])
    func termsSumToThePreActivationAndValue(_ file: String) throws {
        let model = try Fixtures.model(file)
        let words = model.vocab ?? []
        let input = try model.parseInput([words[0], words[1], "?", words[2]].joined(separator: " "))
        let trace = model.forward(input)
        for t in 1...trace.steps {
            for u in 0..<model.hiddenSize {
                for gate in model.kind.gates {
                    let e = model.explain(.gate(gate), unit: u, at: t, in: trace)
                    let pre = trace.preActivation(gate, at: t)[u]
                    #expect(abs(e.sum - pre) < 1e-12, "\(file) \(gate) t=\(t) u=\(u)")
                    let activated = gate.isTanh ? tanhD(e.sum) : sigmoid(e.sum)
                    #expect(abs(activated - e.value) < 1e-12)
                }
                let h = model.explain(.hidden, unit: u, at: t, in: trace)
                #expect(abs(h.value - trace.hidden(at: t)[u]) < 1e-15)
                if model.kind == .rnn { #expect(abs(tanhD(h.sum) - h.value) < 1e-12) } else { #expect(abs(h.sum - h.value) < 1e-12) }
                if model.kind == .lstm {
                    let c = model.explain(.cell, unit: u, at: t, in: trace)
                    #expect(abs(c.sum - c.value) < 1e-12)
                }
            }
            for k in 0..<model.outputSize {
                let e = model.explain(.logit, unit: k, at: t, in: trace)
                #expect(abs(e.sum - trace.logits(at: t)[k]) < 1e-12)
            }
        }
    }

    /// What the one-line text is made of (the text itself is the app's: `ExplanationTextTests`).
    @Test func anExplanationNamesItsGateStepUnitAndWords() throws {
        let model = try Fixtures.model("book-lstm.model.json")
        let trace = model.forward(try model.parseInput("Jane saw Spot"), clamps: [Clamp(gate: .forget, units: [0], steps: 3...3, value: 0)])
        let e = model.explain(.gate(.forget), unit: 1, at: 3, in: trace)
        #expect(e.symbol == "f" && e.t == 3 && e.unit == 1 && e.activation == "σ")
        #expect(e.terms.contains { $0.label == "Spot" })
        #expect(!e.clamped)
        let clamped = model.explain(.gate(.forget), unit: 0, at: 3, in: trace)
        #expect(clamped.clamped && clamped.value == 0)
    }

    /// A named hidden unit is shown as h_{t−1}[name], never as the bare name (which may be an input word).
    @Test func namedUnitsAreMarkedAsPreviousState() throws {
        var model = try Fixtures.model("dinner-rnn.model.json")
        model.hiddenLabels = ["pizza", "sushi", "waffles"]
        let trace = model.forward(try model.parseInput("pizza sushi"))
        let labels = model.explain(.hidden, unit: 0, at: 2, in: trace).terms.map(\.label)
        #expect(labels.contains("sushi"), "the input word")
        #expect(labels.contains("h₁[sushi]"), "the previous hidden unit named sushi")
    }
}
