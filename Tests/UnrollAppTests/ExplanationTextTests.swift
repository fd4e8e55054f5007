import Foundation
import Testing
import UnrollApp
import UnrollCore

/// The explanation's one line, written by the app (the core gives the terms and numbers).
@Suite struct ExplanationTextTests {
    @Test func theLineNamesTheGateTheWordsAndTheValue() throws {
        let model = try AppFixtures.model("book-lstm")
        let trace = model.forward(try model.parseInput("Jane saw Spot"), clamps: [Clamp(gate: .forget, units: [0], steps: 3...3, value: 0)])
        let line = model.explain(.gate(.forget), unit: 1, at: 3, in: trace).text()
        #expect(line.hasPrefix("f₃[1] = σ("), "\(line)")
        #expect(line.contains("Spot"))
        #expect(line.contains("more)"))
        let clamped = model.explain(.gate(.forget), unit: 0, at: 3, in: trace).text()
        #expect(clamped.contains("clamped to 0"), "\(clamped)")
    }

    /// A weight beyond Int's range is written, never trapped on.
    @Test func aHugeWeightIsWrittenWithoutTrapping() throws {
        let text = #"{"format":"unroll-model","version":1,"cell":"rnn","input_size":1,"hidden_size":1,"state_dict":{"weight_ih_l0":[[1e19]],"weight_hh_l0":[[-1.7976931348623157e308]]}}"#
        let model = try ModelFile.decode(Data(text.utf8), file: "big.json")
        let trace = model.forward(SequenceInput(vectors: [[1], [1]], inputSize: 1))
        let line = model.explain(.hidden, unit: 0, at: 2, in: trace).text()
        #expect(line.contains("e+") || line.contains("inf"), "\(line)")
    }
}
