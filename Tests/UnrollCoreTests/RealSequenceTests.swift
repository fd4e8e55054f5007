import Foundation
import Testing
@testable import UnrollCore

/// `"input": "real"` and `"output": "regression"`: numbers in, the mean squared error out, forecasting by feeding.
@Suite struct RealSequenceTests {
    static func model() throws -> RecurrentModel { try Fixtures.model("series-lstm.model.json") }

    @Test func parsesNumbersAndUnknownSteps() throws {
        let m = try Self.model()
        #expect(m.inputKind == .real && m.outputKind == .regression && !m.vocabCoversOutputs)
        let input = try m.parseInput("-0.5 ? 1e-3")
        #expect(input.values == [-0.5, 0, 0.001] && input.unknownSteps == [false, true, false])
        #expect(throws: TokenError.self) { try m.parseInput("0.5,1") }
        #expect(throws: TokenError.self) { try m.parseInput("abc") }
        #expect(try m.parseTargetVectors("0.5 ? -1", steps: 3) == [[0.5], nil, [-1]])
    }

    /// A step's loss is the mean over the O outputs of (y − target)²; the total sums the steps with a target.
    @Test func theLossIsTheMeanSquaredError() throws {
        var m = RecurrentModel(kind: .gru, inputSize: 2, hiddenSize: 3, outputSize: 2)
        m.inputKind = .real
        m.outputKind = .regression
        var rng = SeededRandom(seed: 3)
        m.initialise(using: &rng)
        let input = SequenceInput(values: [0.1, -0.2, 0.3, 0.4, -0.5, 0.6], inputSize: 2)
        let trace = m.forward(input, targetVectors: [[1, 0], nil, [-1, 2]])
        let y1 = trace.outputs(at: 1), y3 = trace.outputs(at: 3)
        let l1 = ((y1[0] - 1) * (y1[0] - 1) + y1[1] * y1[1]) / 2
        let l3 = ((y3[0] + 1) * (y3[0] + 1) + (y3[1] - 2) * (y3[1] - 2)) / 2
        #expect(abs((trace.loss(at: 1) ?? 0) - l1) < 1e-15 && trace.loss(at: 2) == nil)
        #expect(abs((trace.totalLoss ?? 0) - (l1 + l3)) < 1e-14)
        #expect(trace.targetVector(at: 3) == [-1, 2] && trace.targetVector(at: 2) == nil)
        // Gradients against central differences.
        let g = m.backward(trace)
        var worst = 0.0
        for k in m.parameters.indices {
            var plus = m, minus = m
            plus.parameters[k] += 1e-6
            minus.parameters[k] -= 1e-6
            let lp = plus.forward(input, targetVectors: [[1, 0], nil, [-1, 2]]).totalLoss ?? 0
            let lm = minus.forward(input, targetVectors: [[1, 0], nil, [-1, 2]]).totalLoss ?? 0
            let numeric = (lp - lm) / 2e-6
            worst = max(worst, abs(numeric - g.parameters[k]) / (1 + abs(numeric)))
        }
        #expect(worst < 1e-7, "worst \(worst)")
    }

    /// A fed value is y_{t−1}, and data: the gradient does not flow back through it.
    @Test func feedingPredictionsFeedsTheOutputAsData() throws {
        let m = try Self.model()
        #expect(m.canFeedPredictions)
        let input = try m.parseInput("0.2 ? ?")
        let fed = m.forwardFeedingPredictions(input, targetVectors: [nil, nil, [0.5]])
        #expect(fed.fedSteps == [false, true, true])
        #expect(fed.input(at: 2) == fed.outputs(at: 1) && fed.input(at: 3) == fed.outputs(at: 2))
        // The same inputs given as plain data give the same trace and the same gradients.
        let data = SequenceInput(values: fed.inputs, inputSize: 1)
        let plain = m.forward(data, targetVectors: [nil, nil, [0.5]])
        #expect(plain.logits == fed.logits)
        #expect(m.backward(plain).parameters == m.backward(fed).parameters)
        // A ? at step 1 stays the zero vector.
        #expect(m.forwardFeedingPredictions(try m.parseInput("? ?")).input(at: 1) == [0])
    }

    @Test func modelsThatCannotFeedSaySo() throws {
        var m = try Self.model()
        m.outputKind = .classes
        #expect(!m.canFeedPredictions && m.whyPredictionsCannotBeFed != nil)
        let book = try Fixtures.model("book-lstm.model.json")
        #expect(book.canFeedPredictions)
    }

    static func refusal(_ edit: (inout [String: Any]) -> Void) throws -> ModelFileError? {
        var o = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Fixtures.path("series-lstm.model.json")))) as? [String: Any] ?? [:]
        edit(&o)
        do {
            _ = try ModelFile.decode(try JSONSerialization.data(withJSONObject: o), file: "s.json")
            return nil
        } catch let e as ModelFileError { return e }
    }

    @Test func aVocabOnARealModelIsRefused() throws {
        let e = try Self.refusal { $0["vocab"] = ["a"] }
        #expect(e?.key == "vocab" && e?.message.contains("real") == true, "\(String(describing: e))")
        #expect(e?.description.hasPrefix("s.json: vocab: ") == true)
    }

    @Test func anEmbeddingOnARealModelIsRefused() throws {
        let e = try Self.refusal { o in
            var sd = o["state_dict"] as? [String: Any] ?? [:]
            sd["embedding.weight"] = [[1.0]]
            o["state_dict"] = sd
        }
        #expect(e?.key == "state_dict.embedding.weight", "\(String(describing: e))")
    }

    @Test func unknownInputAndOutputKindsAreRefused() throws {
        #expect(try Self.refusal { $0["input"] = "audio" }?.key == "input")
        #expect(try Self.refusal { $0["output"] = "ranking" }?.key == "output")
    }

    @Test func theCodecRoundTripsARealModel() throws {
        let m = try Self.model()
        let text = ModelFile.encode(m).serialized()
        #expect(text.contains("\"input\":\"real\"") && text.contains("\"output\":\"regression\""))
        #expect(try ModelFile.decode(Data(text.utf8), file: "s.json") == m)
    }
}
