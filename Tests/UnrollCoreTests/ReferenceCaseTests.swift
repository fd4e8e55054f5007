import Foundation
import Testing
@testable import UnrollCore

/// The core against PyTorch float64 + autograd on every shipped reference case.
@Suite struct ReferenceCaseTests {
    @Test func fixturesArePresent() {
        #expect(Fixtures.caseNames.count >= 8)
        #expect(Fixtures.caseNames.contains("emb-lstm-book") && Fixtures.caseNames.contains("series-lstm-feed"))
    }

    @Test(arguments: Fixtures.caseNames)
    func caseMatchesPyTorch(_ name: String) throws {
        let spec = try Fixtures.json("\(name).case.json")
        guard case let .string(modelName) = spec["model"], case let .string(inputText) = spec["input"] else {
            Issue.record("case \(name) lacks model or input")
            return
        }
        let model = try Fixtures.model(modelName)
        let input = try model.parseInput(inputText)
        var targets: [Int?]? = nil, targetVectors: [[Double]?]? = nil
        if case let .string(t) = spec["targets"] {
            if model.outputKind == .regression { targetVectors = try model.parseTargetVectors(t, steps: input.count) }
            else { targets = try model.parseTargets(t, steps: input.count) }
        }
        var clamps: [Clamp] = []
        if case let .array(items) = spec["clamps"] {
            for case let .string(c) in items { clamps.append(try Clamp.parse(c, kind: model.kind, hiddenSize: model.hiddenSize)) }
        }
        var arguments: [String] = []
        if case let .array(items) = spec["args"] { for case let .string(a) in items { arguments.append(a) } }
        #expect(arguments.allSatisfy { $0 == "--feed-predictions" }, "\(name): arguments this test does not know: \(arguments)")
        let trace = arguments.contains("--feed-predictions")
            ? model.forwardFeedingPredictions(input, targets: targets, targetVectors: targetVectors, clamps: clamps)
            : model.forward(input, targets: targets, targetVectors: targetVectors, clamps: clamps)
        let wantsGrad = spec["grad"] == .bool(true)
        let gradients = wantsGrad ? model.backward(trace) : nil
        let ours = TraceJSON.encode(trace, model: model, gradients: gradients)
        let result = mismatches(ours: ours, reference: try Fixtures.json("\(name).expected.json"))
        #expect(result.numbers > 100, "too few numbers compared in \(name)")
        #expect(result.bad.isEmpty, "\(name): \(result.bad.count) mismatches, first: \(result.bad.first ?? "")")
    }

    /// The comparison itself must catch a wrong number.
    @Test func comparisonDetectsADifference() throws {
        let reference = try Fixtures.json("dinner-rnn-away.expected.json")
        guard case var .object(members) = reference, let i = members.firstIndex(where: { $0.0 == "loss" }),
              case let .number(loss) = members[i].1 else {
            Issue.record("no loss in the reference")
            return
        }
        members[i].1 = .number(loss * (1 + 1e-6))
        #expect(mismatches(ours: .object(members), reference: reference).bad.count == 1)
    }
}
