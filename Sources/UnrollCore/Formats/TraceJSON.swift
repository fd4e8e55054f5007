/// Encodes a trace (and its gradients) as the `unroll-trace` JSON of the trace format.
public enum TraceJSON {
    /// The trace object: header, one entry per step, the total loss, and gradients when given.
    public static func encode(_ trace: Trace, model: RecurrentModel, gradients: Gradients? = nil) -> JSONValue {
        let H = model.hiddenSize
        var members: [(String, JSONValue)] = [
            ("format", .string("unroll-trace")), ("version", .number(1)), ("cell", .string(model.kind.rawValue)),
            ("input_size", .number(Double(model.inputSize))), ("hidden_size", .number(Double(H))),
            ("output_size", .number(Double(model.outputSize))),
        ]
        if let vocab = model.vocab { members.append(("vocab", .array(vocab.map { .string($0) }))) }
        var steps: [JSONValue] = []
        steps.reserveCapacity(trace.steps)
        for t in 1...max(1, trace.steps) where t <= trace.steps {
            var s: [(String, JSONValue)] = [("t", .number(Double(t)))]
            if model.vocab != nil, let tokens = trace.tokens {
                s.append(("token", tokens[t - 1].flatMap { model.word($0, output: false) }.map { .string($0) } ?? .string("?")))
            }
            if trace.wasFed(at: t), model.inputKind == .tokens {
                let k = trace.predicted(at: t - 1)
                s.append(("fed", model.word(k, output: false).map { .string($0) } ?? .number(Double(k))))
            }
            s.append(("input", .numbers(trace.input(at: t))))
            if !model.cell.gates.isEmpty {
                s.append(("gates", .object(model.cell.gateList.map { g in (g.rawValue, .numbers(trace.gate(g, at: t) ?? [])) })))
            }
            if let c = trace.cell(at: t) { s.append(("cell", .numbers(c))) }
            s.append(("hidden", .numbers(trace.hidden(at: t))))
            if trace.isRegression {
                s.append(("outputs", .numbers(trace.outputs(at: t))))
                s.append(("target", trace.targetVector(at: t).map { .numbers($0) } ?? .null))
            } else {
                s.append(("logits", .numbers(trace.logits(at: t))))
                s.append(("probs", .numbers(trace.probabilities(at: t))))
                let named = model.vocabCoversOutputs
                if named, let w = model.word(trace.predicted(at: t), output: true) { s.append(("predicted", .string(w))) }
                else { s.append(("predicted_index", .number(Double(trace.predicted(at: t))))) }
                if let target = trace.target(at: t) {
                    s.append(("target", named ? .string(model.word(target, output: true) ?? "\(target)") : .number(Double(target))))
                } else {
                    s.append(("target", .null))
                }
            }
            s.append(("loss", trace.loss(at: t).map { .number($0) } ?? .null))
            steps.append(.object(s))
        }
        members.append(("steps", .array(steps)))
        members.append(("loss", trace.totalLoss.map { .number($0) } ?? .null))
        if let gradients {
            var g: [(String, JSONValue)] = [
                ("hidden", .array((1...max(1, trace.steps)).filter { $0 <= trace.steps }.map { .numbers(gradients.hidden(at: $0)) })),
            ]
            if model.cell.hasCellState {
                g.append(("cell", .array((1...max(1, trace.steps)).filter { $0 <= trace.steps }.map { .numbers(gradients.cell(at: $0) ?? []) })))
            }
            g.append(("state_dict", ModelFile.tensors(gradients.parameters, layout: model.layout)))
            members.append(("gradients", .object(g)))
        }
        return .object(members)
    }
}
