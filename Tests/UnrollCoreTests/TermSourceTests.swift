import Testing
@testable import UnrollCore

/// Every explained term names where its input comes from, and that place holds the input's value.
@Suite struct TermSourceTests {
    /// The value the source holds in the trace at step t (nil for a bias or the gates).
    static func value(of source: TermSource, at t: Int, in trace: Trace) -> Double? {
        switch source {
        case let .previousHidden(k): return trace.hidden(at: t - 1)[k]
        case let .previousCell(k): return trace.cell(at: t - 1)?[k]
        case let .hidden(k): return trace.hidden(at: t)[k]
        case let .cell(k): return trace.cell(at: t)?[k]
        case .input, .gates, .bias: return nil
        }
    }

    @Test(arguments: ["book-lstm.model.json", "book-gru.model.json", "dinner-rnn.model.json", "peephole-lstm-book.model.json"])
    func eachTermsSourceHoldsItsInput(_ file: String) throws {
        let model = try Fixtures.model(file)
        let words = model.vocab ?? []
        let trace = model.forward(try model.parseInput([words[0], words[1], words[2]].joined(separator: " ")))
        var quantities: [Quantity] = model.kind.gates.map { .gate($0) } + [.hidden, .logit]
        if trace.cell(at: 1) != nil { quantities.append(.cell) }
        var seen = Set<String>()
        for t in 2...trace.steps {
            for q in quantities {
                let e = model.explain(q, unit: 0, at: t, in: trace)
                for term in e.terms {
                    switch term.source {
                    case .bias:
                        seen.insert("bias")
                        #expect(term.input == nil, "\(file) \(q) \(term.label): a bias multiplies nothing")
                    case .input:
                        seen.insert("input")
                        #expect(words.contains(term.label) && term.input == 1, "\(file) \(q) \(term.label): a one-hot input word")
                    case .gates:
                        seen.insert("gates")
                    case .cell:
                        // o·tanh(c) reads tanh(c_t); the peephole's o reads c_t itself.
                        seen.insert("cell")
                        let c = try #require(Self.value(of: term.source, at: t, in: trace))
                        let x = try #require(term.input)
                        #expect(abs(x - c) < 1e-12 || abs(x - tanhD(c)) < 1e-12, "\(file) \(q) \(term.label)")
                    case .previousHidden, .previousCell, .hidden:
                        seen.insert("\(term.source)".split(separator: "(").first.map(String.init) ?? "")
                        let v = try #require(Self.value(of: term.source, at: t, in: trace), "\(file) \(term.label): the source is in the trace")
                        #expect(term.input == v, "\(file) \(q) \(term.label): input \(term.input ?? .nan) is the source's \(v)")
                    }
                }
            }
        }
        #expect(seen.isSuperset(of: ["bias", "input", "previousHidden", "hidden"]), "\(file): \(seen.sorted())")
        if model.kind == .lstm { #expect(seen.isSuperset(of: ["previousCell", "gates", "cell"]), "\(file): \(seen.sorted())") }
    }

    @Test func theForgetTermOfTheCellStateComesAlongTheCArrow() throws {
        let model = try Fixtures.model("book-lstm.model.json")
        let trace = model.forward(try model.parseInput("Jane saw Spot"))
        let e = model.explain(.cell, unit: 1, at: 3, in: trace)
        #expect(e.terms.map(\.source) == [.previousCell(unit: 1), .gates])
    }
}
