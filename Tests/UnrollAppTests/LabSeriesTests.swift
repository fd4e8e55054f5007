import Testing
import UnrollCore
import UnrollTUI
@testable import UnrollApp

/// The time-series lab: a forecaster's plot over the chain, its fed steps and its prediction panel.
@Suite struct LabSeriesTests {
    static func forecaster() -> RecurrentModel {
        var model = RecurrentModel(kind: .gru, inputSize: 1, hiddenSize: 3, outputSize: 1)
        model.inputKind = .real
        model.outputKind = .regression
        var rng = SeededRandom(seed: 4)
        model.initialise(using: &rng)
        return model
    }

    static func lab() throws -> LabState {
        var lab = try LabState(title: "f", model: forecaster(), inputText: "0.1 0.5 0.9 ? ? ?")
        lab.series = SeriesContext(truth: [0.1, 0.5, 0.9, 0.7, 0.3, 0.0, -0.2], observed: 3)
        lab.toggleOwnPredictions()
        return lab
    }

    @Test func unknownStepsAreFedThePreviousPrediction() throws {
        let lab = try Self.lab()
        #expect(lab.feedOwnPredictions && lab.isSeries)
        for t in 4...6 {
            #expect(lab.shown.input(at: t) == lab.shown.outputs(at: t - 1), "step \(t) reads step \(t - 1)'s prediction")
        }
        #expect(lab.fedWords[0] == nil && lab.fedWords[3] != nil)
        var off = lab
        off.toggleOwnPredictions()
        #expect(off.shown.input(at: 4) == [0])
    }

    @Test func thePlotHasTheSeriesOneStepAheadAndTheForecast() throws {
        let plot = try Self.lab().seriesPlot
        #expect(plot.series.map(\.name) == ["series", "one step ahead", "forecast (fed itself)"])
        #expect(plot.series[0].points.count == 7, "the truth up to T + 1")
        // The forecast starts at the last observed step's prediction (of step 4) and runs to T + 1.
        #expect(plot.series[2].points.first?.x == 4 && plot.series[2].points.last?.x == 7)
        let forced = Self.forecaster().forward(SequenceInput(values: [0.1, 0.5, 0.9, 0.7, 0.3, 0.0], inputSize: 1))
        #expect(plot.series[1].points[3].y == forced.outputs(at: 4)[0], "one step ahead reads the truth")
    }

    @Test func theScreenDrawsThePlotOverTheChainAtEverySize() throws {
        let lab = try Self.lab()
        for (w, h) in [(80, 24), (120, 40), (200, 60)] {
            let layout = LabLayout(width: w, height: h, lab: lab, presenter: false)
            guard let plot = layout.seriesPlot else { Issue.record("no plot at \(w)×\(h)"); continue }
            #expect(plot.maxY <= layout.timeline.y, "the plot is over the chain at \(w)×\(h)")
            var buffer = Buffer(width: w, height: h)
            LabView.render(lab, state: AppState(screen: .lab(lab), width: w, height: h), into: &buffer, glyphs: .utf8)
            let text = buffer.lines(in: Rect(width: w, height: h)).joined(separator: "\n")
            #expect(text.contains("one step ahead") && text.contains("next "), "\(w)×\(h)")
        }
    }

    @Test func aClassModelHasNoSeriesPlot() throws {
        let vocab = ChildrensBook().vocab
        let model = RecurrentModel(kind: .lstm, inputSize: vocab.count, hiddenSize: 3, outputSize: vocab.count, vocab: vocab)
        let lab = try LabState(title: "b", model: model, inputText: "Jane saw Spot")
        #expect(LabLayout(width: 120, height: 40, lab: lab, presenter: false).seriesPlot == nil)
    }
}
