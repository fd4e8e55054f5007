import SnapshotTesting
import Testing
import UnrollApp
import UnrollCore
import UnrollTUI

/// The BPTT screen driven by messages: the chosen weight entry's per-step shares come from the
/// core and sum to its gradient; keys choose the entry and the step; `e` explains; space plays the
/// backward sweep; the lab's `b` opens it on the lab's run.
@Suite struct BPTTScreenTests {
    static func lstm(t: Int? = nil) throws -> BPTTState {
        var screen = try BPTTState(title: "book", model: AppFixtures.model("book-lstm"), inputText: "Jane saw Spot . Doug saw Jane .")
        if let t { screen.t = t }
        return screen
    }

    static func state(_ screen: BPTTState, width: Int = 100, height: Int = 30) -> AppState {
        var s = AppState(screen: .start(StartState(entries: [])), width: width, height: height)
        s.screen = .bptt(screen)
        return s
    }

    @Test func sharesComeFromTheCoreAndSumToTheGradientEntry() throws {
        let screen = try Self.lstm()
        let g = try #require(screen.gradients)
        let e = try #require(screen.explanation)
        let info = try #require(screen.model.layout.tensor(named: "weight_hh_l0"))
        let H = screen.model.hiddenSize
        #expect(e.total == g.parameters[info.offset + e.row * H + e.column])
        #expect(abs(e.terms.map(\.share).reduce(0, +) - e.total) < 1e-12)
        // Each share is δ_t[r] × h_{t−1}[c], with the factor read from the trace.
        for term in e.terms {
            #expect(term.factor == screen.trace.hidden(at: term.t - 1)[e.column])
            #expect(term.share == g.share(ofParameter: info.offset + e.row * H + e.column, at: term.t))
            if let delta = term.delta { #expect(abs(delta * term.factor - term.share) < 1e-12) }
        }
        // The default entry is the largest |∂L/∂W_hh|, and the cursor starts at its largest share.
        let largest = (0..<info.count).map { abs(g.parameters[info.offset + $0]) }.max() ?? 0
        #expect(abs(e.total) == largest)
        #expect(abs(e.terms[screen.t - 1].share) == e.terms.map { abs($0.share) }.max())
    }

    @Test func rnnDeltaIsTheBackpropagatedPreActivationGradient() throws {
        let model = try AppFixtures.model("dinner-rnn")
        #expect(model.nonlinearity == .tanh)
        let screen = try BPTTState(model: model, inputText: "pizza sushi waffles pizza sushi waffles", tensor: "weight_hh_l0")
        let g = try #require(screen.gradients)
        let e = try #require(screen.explanation)
        for term in e.terms {
            let h = screen.trace.hidden(at: term.t)[e.row]
            let delta = g.hidden(at: term.t)[e.row] * (1 - h * h)
            #expect(abs(term.share - delta * term.factor) < 1e-12, "step \(term.t)")
            if let d = term.delta { #expect(abs(d - delta) < 1e-9 * max(1, abs(delta))) }
        }
        // A bias share is δ itself; an input weight's factor is x_t.
        var bias = screen
        bias.select(tensor: "bias_hh_l0", row: e.row)
        let b = try #require(bias.explanation)
        #expect(b.factor == .one && b.terms.allSatisfy { $0.delta == $0.share })
        var ih = screen
        ih.select(tensor: "weight_ih_l0", row: e.row, column: 1)
        let x = try #require(ih.explanation)
        #expect(x.terms.map(\.factor) == (1...screen.steps).map { screen.trace.input(at: $0)[1] })
    }

    @Test func keysChooseTheEntryAndTheStep() throws {
        var s = Self.state(try Self.lstm(t: 1))
        let start = try #require(s.bptt)
        AppFixtures.press(&s, [.right, .right, .char("l")])
        #expect(s.bptt?.t == 4)
        AppFixtures.press(&s, [.end, .right])
        #expect(s.bptt?.t == 8)
        AppFixtures.press(&s, [.home])
        #expect(s.bptt?.t == 1)
        AppFixtures.press(&s, [.down, .char("]"), .char("]")])
        var b = try #require(s.bptt)
        let rows = start.tensorShape.rows, cols = start.tensorShape.columns
        #expect(b.row == (start.row + 1) % rows && b.column == (start.column + 2) % cols)
        #expect(AppFixtures.frame(s).contains("∂L/∂W_hh[\(b.row),\(b.column)] = "))
        AppFixtures.press(&s, [.char("n")])
        b = try #require(s.bptt)
        #expect(b.row == start.row && b.column == start.column, "n returns to the largest entry")
        AppFixtures.press(&s, [.char("w")])
        b = try #require(s.bptt)
        #expect(b.tensor == "bias_ih_l0")
        #expect(AppFixtures.frame(s).contains("∂L/∂b_ih["))
        AppFixtures.press(&s, [.char("w"), .char("w"), .char("w"), .char("w"), .char("w")])
        #expect(s.bptt?.tensor == "weight_hh_l0", "w cycles through every tensor")
    }

    @Test func explainListsEveryStepsShareAndFollowsTheCursor() throws {
        var s = Self.state(try Self.lstm(t: 2))
        AppFixtures.press(&s, [.char("e")])
        #expect(s.overlay == .explain)
        let e = try #require(s.bptt?.explanation)
        let text = AppFixtures.frame(s)
        #expect(text.contains("explain: \(e.symbol(.utf8))"))
        #expect(text.contains("sum " + NumberFormat.signed(e.total, width: 9, decimals: 5)))
        for term in e.terms where term.share != 0 {
            #expect(text.contains(NumberFormat.signed(term.share, width: 8, decimals: 4)), "step \(term.t)")
        }
        AppFixtures.press(&s, [.right])
        #expect(s.overlay == .explain && s.bptt?.t == 3, "arrows move the cursor under the explanation")
        AppFixtures.press(&s, [.escape])
        #expect(s.overlay == nil)
        if case .bptt = s.screen {} else { Issue.record("Esc closes the box first") }
    }

    @Test func theBackwardSweepRevealsTheGradientFromTheEnd() throws {
        var s = Self.state(try Self.lstm(t: 1))
        AppFixtures.press(&s, [.char(" ")])
        #expect(s.bptt?.playing == true && s.bptt?.t == 8 && s.bptt?.revealedFrom == 8)
        #expect(s.tickMilliseconds == 50)
        for _ in 0..<8 { _ = update(&s, .tick) }
        #expect(s.bptt?.t == 7 && s.bptt?.revealedFrom == 7)
        let heat = try #require(s.bptt.map { BPTTView.signalHeatmap($0, glyphs: .utf8).values })
        #expect(heat.allSatisfy { row in row.prefix(6).allSatisfy { $0 == 0 } }, "steps the gradient has not reached are blank")
        #expect(heat[0][6] > 0)
        for _ in 0..<(8 * 7) { _ = update(&s, .tick) }
        #expect(s.bptt?.playing == false && s.bptt?.revealedFrom == nil && s.bptt?.t == 1)
        #expect(s.tickMilliseconds == nil)
    }

    @Test func theLabsAKeyOpensBPTTOnItsRunAndEscReturns() throws {
        var lab = try AppFixtures.lstmLab(input: "Jane saw Spot . Doug saw")
        lab.t = 3
        var s = AppFixtures.state(lab)
        AppFixtures.press(&s, [.char("a")])
        let b = try #require(s.bptt)
        #expect(b.tokens == lab.tokens && b.t == 3 && b.model == lab.model)
        #expect(b.trace.totalLoss == lab.free.totalLoss)
        AppFixtures.press(&s, [.escape])
        #expect(s.lab?.t == 3, "back in the lab where it was")
    }

    @Test func withoutTargetsThereIsNoGradient() throws {
        let model = try AppFixtures.model("book-lstm")
        let input = try model.parseInput("Jane saw Spot")
        var s = Self.state(BPTTState(model: model, input: input, tokens: ["Jane", "saw", "Spot"], targets: [nil, nil, nil]))
        #expect(s.bptt?.gradients == nil && s.bptt?.explanation == nil)
        AppFixtures.press(&s, [.char(" "), .char("e")])
        #expect(s.overlay == nil && s.bptt?.playing == false)
        let text = AppFixtures.frame(s)
        #expect(text.contains("No step has a target"))
        #expect(text.contains("no gradient to explain"))
    }

    @Test func startEntryOpensThroughTheEffect() throws {
        let entries = StartState.gradientLab(shipped: ["book-lstm"])
        let lstm = try AppFixtures.model("book-lstm")
        let app = App(state: AppState(screen: .start(StartState(entries: entries, selected: 1)))) { _, input, title in
            do { return .success(try LabState(title: title, model: lstm, inputText: input)) } catch {
                return .failure(LabState.SetupError(description: "\(error)"))
            }
        }
        _ = app.handle(.key(.enter))
        let b = try #require(app.state.bptt)
        #expect(b.tokens == ["Jane", "saw", "Spot", ".", "Doug", "saw", "Jane", "."])
        #expect(b.returnLab == nil)
        _ = app.handle(.key(.escape))
        if case .start = app.state.screen {} else { Issue.record("Esc returns to the start screen") }
    }

    @Test func helpListsEveryKey() throws {
        var s = Self.state(try Self.lstm())
        AppFixtures.press(&s, [.char("?")])
        let text = AppFixtures.frame(s)
        for needle in ["step back / forward", "entry's row", "entry's column", "next weight tensor", "largest gradient",
                       "explain the gradient", "flow back", "click a step", "quit, from anywhere"] {
            #expect(text.contains(needle), "help lacks \(needle)")
        }
    }

    @Test func mouseClickOnTheTimelinePicksAStep() throws {
        var s = Self.state(try Self.lstm(t: 1))
        let b = try #require(s.bptt)
        let layout = BPTTLayout(width: 100, height: 30, hiddenSize: b.model.hiddenSize, steps: b.steps)
        let row = AppFixtures.frame(s).split(separator: "\n", omittingEmptySubsequences: false)[layout.timeline.y]
        let x = row.distance(from: row.startIndex, to: try #require(row.firstRange(of: "Doug")).lowerBound)
        _ = update(&s, .mouse(x: x, y: layout.timeline.y, button: .left))
        #expect(s.bptt?.t == 5)
        _ = update(&s, .mouse(x: 0, y: 0, button: .scrollDown))
        #expect(s.bptt?.t == 6)
    }

    @Test func framesAtEverySize() throws {
        var explained = Self.state(try Self.lstm(t: 5))
        explained.overlay = .explain
        let gru = try BPTTState(title: "gru", model: AppFixtures.model("book-gru"), inputText: "Spot saw Doug . Jane saw")
        let rnn = try BPTTState(title: "dinner", model: AppFixtures.model("dinner-rnn"), inputText: "pizza sushi ? ? waffles pizza")
        let states: [(String, AppState)] = [("bptt-lstm", Self.state(try Self.lstm(t: 2))), ("bptt-explain", explained),
                                            ("bptt-gru", Self.state(gru)), ("bptt-rnn", Self.state(rnn))]
        for (name, base) in states {
            for (w, h) in ScreenSnapshotTests.sizes {
                var state = base
                state.width = w
                state.height = h
                var buffer = Buffer(width: w, height: h)
                view(state, into: &buffer, glyphs: .utf8)
                assertSnapshot(of: buffer.text, as: .lines, named: "\(name)-\(w)x\(h)")
            }
            var ascii = Buffer(width: 100, height: 30)
            view(base, into: &ascii, glyphs: .ascii)
            #expect(ascii.text.allSatisfy { $0.isASCII })
            #expect(!ascii.lines.dropLast().joined().contains("?") || name == "bptt-rnn", "\(name): every symbol has an ASCII spelling")
        }
    }

    @Test func plainReportHasEveryStep() throws {
        let screen = try Self.lstm()
        let report = GradientReport.bptt(screen)
        let e = try #require(screen.explanation)
        #expect(report.contains("following dL/dW_hh[\(e.row),\(e.column)]"))
        #expect(report.contains("the shares sum to " + NumberFormat.signed(e.total, width: 10, decimals: 6)))
        for t in 1...screen.steps { #expect(report.contains("\n\(t)    \(screen.token(at: t))")) }
    }
}
