import Foundation
import Testing
@testable import UnrollCore

/// `embedding.weight` (V × I): token k's input is row k, V is the vocabulary's length, and the gradient reaches it.
@Suite struct EmbeddingTests {
    static func model() throws -> RecurrentModel { try Fixtures.model("emb-lstm-book.model.json") }

    @Test func tokenKsInputIsRowK() throws {
        let m = try Self.model()
        #expect(m.layout.embeddingRows == 5 && m.inputSize == 3 && m.tokenCount == 5 && m.vocab?.count == 5)
        let input = try m.parseInput("Jane ? Doug")
        let row = { (k: Int) in Array(m.parameters[(m.layout.embedding + 3 * k)..<(m.layout.embedding + 3 * k + 3)]) }
        #expect(input.vector(at: 1) == row(1) && input.vector(at: 2) == [0, 0, 0] && input.vector(at: 3) == row(0))
        // A one-hot-sized token input is looked up too: forward embeds whatever the caller built.
        let trace = m.forward(SequenceInput(tokens: [1, nil, 0], inputSize: 3))
        #expect(trace.input(at: 1) == row(1) && trace.input(at: 3) == row(0))
        #expect(m.layout.tensors.last?.name == "embedding.weight")
    }

    @Test func embeddingGradientMatchesFiniteDifferences() throws {
        let m = try Self.model()
        let input = try m.parseInput("Jane saw ? Jane")
        let targets = try m.parseTargets("saw Spot . ?", steps: 4)
        let worst = worstParameterGradientError(m, input, targets: targets, clamps: [])
        #expect(worst < 1e-7, "worst \(worst)")
        let g = m.backward(m.forward(input, targets: targets))
        // Rows of tokens that never appear get nothing.
        #expect(g.tensor(named: "embedding.weight")?[2].allSatisfy { $0 == 0 } == true)
        #expect(g.tensor(named: "embedding.weight")?[1].contains { $0 != 0 } == true)
    }

    /// A fed step's input is the embedding row of the predicted class, and no gradient reaches that row through it.
    @Test func feedingPredictionsFeedsTheEmbeddingRow() throws {
        let m = try Self.model()
        let input = try m.parseInput("Jane ? ?")
        let trace = m.forwardFeedingPredictions(input)
        #expect(trace.fedSteps == [false, true, true])
        let k = trace.predicted(at: 1)
        #expect(trace.input(at: 2) == Array(m.parameters[(m.layout.embedding + 3 * k)..<(m.layout.embedding + 3 * k + 3)]))
        let g = m.backward(m.forwardFeedingPredictions(input, targets: [nil, nil, 2]))
        let rows = g.tensor(named: "embedding.weight") ?? []
        #expect(rows[1].contains { $0 != 0 }, "Jane's row gets its gradient")
        if k != 1 { #expect(rows[k].allSatisfy { $0 == 0 }, "the fed row is data") }
    }

    @Test func aVocabOfTheWrongLengthIsRefused() throws {
        var o = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Fixtures.path("emb-lstm-book.model.json")))) as? [String: Any] ?? [:]
        o["vocab"] = ["a", "b", "c"]
        do {
            _ = try ModelFile.decode(try JSONSerialization.data(withJSONObject: o), file: "e.json")
            Issue.record("accepted a vocab of 3 with 5 embedding rows")
        } catch let e as ModelFileError {
            #expect(e.key == "vocab" && e.kind == .malformed && e.message.contains("embedding.weight"), "\(e)")
            #expect(!e.description.contains("\n"))
        }
    }

    @Test func theCodecRoundTripsAnEmbedding() throws {
        let m = try Self.model()
        let back = try ModelFile.decode(Data(ModelFile.encode(m).serialized().utf8), file: "e.json")
        #expect(back == m)
    }
}
