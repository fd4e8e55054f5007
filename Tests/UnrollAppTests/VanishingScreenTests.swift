import Foundation
import SnapshotTesting
import Testing
import UnrollApp
import UnrollCore
import UnrollTUI

/// The vanishing-gradient screen driven by messages: W-scale keys recompute every W-dependent
/// panel through the core, the other keys move n, the function, the distance cursor and the
/// compared RNN; frames at every size.
@Suite struct VanishingScreenTests {
    static let model = RecurrentModel.analysisModel(kind: .rnn, inputSize: 4, hiddenSize: 8, seed: 3)
    static let input = randomTokenInput(steps: 30, inputSize: 4, seed: 4)

    static func state(width: Int = 100, height: Int = 30, compare: Bool = true) -> AppState {
        var s = AppState(screen: .start(StartState(entries: StartState.gradientLab(shipped: ["book-rnn"]))), width: width, height: height)
        s.screen = .vanishing(VanishingState(title: "test", model: model, input: input, compare: compare))
        return s
    }

    static func screen(_ s: AppState) throws -> VanishingState { try #require(s.vanishing) }

    @Test func wScaleKeysRecomputeEveryWDependentPanelAtOnce() throws {
        var s = Self.state()
        let before = try Self.screen(s)
        AppFixtures.press(&s, [.up, .up, .char("k")])
        let v = try Self.screen(s)
        let c = 1.1 * 1.1 * 1.1
        #expect(abs(v.settings.scale - c) < 1e-12)
        // Eigenvalues of cW, from a separate solve.
        let H = Self.model.hiddenSize, T = Self.input.count
        let block = Self.model.recurrentBlock()
        var solver = EigenSolver()
        let rho = solver.spectralRadius(of: block.map { $0 * c }, size: H)
        #expect(abs(v.lab.spectralRadius - rho) < 1e-9)
        #expect(abs(v.lab.spectralRadius - c * before.lab.spectralRadius) < 1e-9)
        // ‖((cW)ᵗ)ᵀ h₀‖ and ρᵗ.
        let power = PowerSeries(matrix: block, size: H, scale: c, initial: randomUnitVector(size: H, seed: 0), steps: T)
        #expect(zip(v.lab.power.norms, power.norms).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($1)) })
        #expect(abs(v.radiusPowers[T] - pow(rho, Double(T))) < 1e-9 * max(1, pow(rho, Double(T))))
        // Gradient against distance for the model with W_hh scaled by c.
        var scaled = Self.model
        scaled.scaleRecurrentWeights(by: c)
        let g = GradientDistance(model: scaled, input: Self.input)
        #expect(zip(v.lab.distance.jacobianNorms, g.jacobianNorms).allSatisfy { abs($0 - $1) <= 1e-9 * max(1e-300, abs($1)) })
        // The comparison does not depend on c and was not recomputed.
        #expect(v.comparison.map { $0.distance.jacobianNorms } == before.comparison.map { $0.distance.jacobianNorms })
        // The frame shows the new numbers.
        let text = AppFixtures.frame(s)
        #expect(text.contains("c=" + NumberFormat.compact(c, width: 6, decimals: 3)))
        #expect(text.contains("ρ(cW)=" + NumberFormat.compact(rho, width: 6, decimals: 3)))
        #expect(text.contains("this RNN " + NumberFormat.compact(v.gradientAtCursor, width: 7, decimals: 3)))
        AppFixtures.press(&s, [.down, .char("j"), .down])
        #expect(abs(try Self.screen(s).settings.scale - 1) < 1e-12)
        #expect(abs(try Self.screen(s).lab.spectralRadius - before.lab.spectralRadius) < 1e-12)
    }

    @Test func unitRadiusKeyPutsTheLargestEigenvalueOnTheCircle() throws {
        var s = Self.state()
        AppFixtures.press(&s, [.char("u")])
        let v = try Self.screen(s)
        #expect(abs(v.lab.spectralRadius - 1) < 1e-9)
        let text = AppFixtures.frame(s)
        #expect(text.contains("on the edge"))
        #expect(text.contains("ρ=1.000"))
        AppFixtures.press(&s, [.up])
        #expect(AppFixtures.frame(s).contains("exploding"))
        #expect(AppFixtures.frame(s).contains("out"), "eigenvalues outside the unit circle are counted")
    }

    @Test func depthAndFunctionKeysRecomputeTheComposition() throws {
        var s = Self.state()
        AppFixtures.press(&s, [.char("+"), .char("+"), .char("-")])
        var v = try Self.screen(s)
        #expect(v.settings.depth == 11)
        #expect(v.shownDepths == [1, 2, 4, 11])
        let sigma = SquashComposition(function: .sigmoid, depth: 11)
        #expect(v.lab.composition.maximumSlope(depth: 11) == sigma.maximumSlope(depth: 11))
        var text = AppFixtures.frame(s)
        #expect(text.contains("σ composed n times, n=11"))
        #expect(text.contains("max slope σ¹¹′ = " + NumberFormat.compact(sigma.maximumSlope(depth: 11), width: 7, decimals: 3)))
        AppFixtures.press(&s, [.char("f")])
        v = try Self.screen(s)
        #expect(v.settings.function == .tanh)
        text = AppFixtures.frame(s)
        #expect(text.contains("tanh composed n times, n=11"))
        AppFixtures.press(&s, Array(repeating: .char("-"), count: 20))
        #expect(try Self.screen(s).settings.depth == 1)
        AppFixtures.press(&s, [.char("r")])
        v = try Self.screen(s)
        #expect(v.settings.depth == 10 && v.settings.function == .sigmoid && v.settings.scale == 1)
    }

    @Test func distanceCursorReadsEveryCurve() throws {
        var s = Self.state()
        let start = try Self.screen(s).distance
        #expect(start == 30 / 4)
        AppFixtures.press(&s, [.right, .right, .char("h")])
        var v = try Self.screen(s)
        #expect(v.distance == start + 1)
        AppFixtures.press(&s, [.end, .right])
        v = try Self.screen(s)
        #expect(v.distance == 30)
        let line = AppFixtures.frame(s).split(separator: "\n")[28]
        #expect(line.contains("d=30:"))
        for curve in [v.rnnCurve].compactMap({ $0 }) + v.gatedCurves {
            #expect(line.contains(curve.label + " " + NumberFormat.compact(curve.distance.jacobianNorms[30], width: 7, decimals: 3)))
        }
        AppFixtures.press(&s, [.home, .left])
        #expect(try Self.screen(s).distance == 0)
    }

    @Test func variantKeyCyclesTheComparedRNN() throws {
        var s = Self.state()
        let labels = try Self.screen(s).rnnCurves.map(\.label)
        #expect(labels.count == 9)
        #expect(try Self.screen(s).rnnCurve?.label == labels[0])
        AppFixtures.press(&s, [.char("v")])
        #expect(try Self.screen(s).rnnCurve?.label == labels[1])
        #expect(AppFixtures.frame(s).contains("comparing \(labels[1]) with the LSTM and the GRU"))
        let frame = AppFixtures.frame(s)
        #expect((0..<5).contains { frame.contains(LinePlot.legendSample(series: $0, discrete: false, glyphs: .utf8) + " " + labels[1]) }, "the legend names the curve")
    }

    @Test func gateKeyChoosesTheBlockOfAGatedModel() throws {
        let lstm = RecurrentModel.analysisModel(kind: .lstm, inputSize: 4, hiddenSize: 6, seed: 5)
        var s = AppState(screen: .vanishing(VanishingState(model: lstm, input: Self.input, compare: false)), width: 100, height: 30)
        AppFixtures.press(&s, [.char("w")])
        let v = try Self.screen(s)
        #expect(v.settings.gate == .output)
        var solver = EigenSolver()
        #expect(abs(v.lab.spectralRadius - solver.spectralRadius(of: lstm.recurrentBlock(.output), size: 6)) < 1e-9)
        #expect(AppFixtures.frame(s).contains("λ of cW_ho"), "the panel names the output gate's block")
    }

    @Test func startEntryOpensTheStandardScreenEscReturnsQQuits() throws {
        let entries = StartState.gradientLab(shipped: ["book-rnn"])
        #expect(entries.map(\.action) == [.vanishing, .bptt(model: "book-rnn", input: "Jane saw Spot . Doug saw Jane ."), .race])
        var s = AppState(screen: .start(StartState(entries: entries)))
        #expect(AppFixtures.press(&s, [.enter]).isEmpty)
        let v = try Self.screen(s)
        #expect(v.model.hiddenSize == 32 && v.steps == 100, "the benchmark's size")
        #expect(AppFixtures.frame(s).contains("RNN H=32 T=100"))
        AppFixtures.press(&s, [.escape])
        guard case .start = s.screen else { Issue.record("Esc returns to the start screen"); return }
        AppFixtures.press(&s, [.enter])
        #expect(AppFixtures.press(&s, [.char("q")]).contains { $0.isQuit })
    }

    @Test func helpListsEveryKey() throws {
        var s = Self.state()
        AppFixtures.press(&s, [.char("?")])
        #expect(s.overlay == .help)
        let text = AppFixtures.frame(s)
        for needle in ["scale W up / down by 1.1", "spectral radius is exactly 1", "distance cursor", "compose the function", "compared RNN",
                       "gated models", "reset", "click the distance plot", "back to the start screen", "quit, from anywhere"] {
            #expect(text.contains(needle), "help lacks \(needle)")
        }
    }

    @Test func mouseClickMovesTheDistanceAndScrollScalesW() throws {
        var s = Self.state()
        let layout = VanishingLayout(width: 100, height: 30)
        let inner = Block().inner(layout.distance)
        // The plot's last column is d = T.
        _ = update(&s, .mouse(x: inner.maxX - 2, y: inner.y + 2, button: .left))
        #expect(try Self.screen(s).distance == 30)
        _ = update(&s, .mouse(x: 5, y: 5, button: .scrollUp))
        #expect(abs(try Self.screen(s).settings.scale - 1.1) < 1e-12)
    }

    @Test func framesAtEverySize() throws {
        let standard = VanishingState.standard()
        var exploding = standard
        exploding.setScale(1.8)
        exploding.setDistance(60)
        for (name, screen) in [("vanishing-standard", standard), ("vanishing-exploding", exploding)] {
            for (w, h) in ScreenSnapshotTests.sizes {
                var buffer = Buffer(width: w, height: h)
                view(AppState(screen: .vanishing(screen), width: w, height: h), into: &buffer, glyphs: .utf8)
                assertSnapshot(of: buffer.text, as: .lines, named: "\(name)-\(w)x\(h)")
                if w < 80 || h < 24 { #expect(buffer.text.contains("terminal too small")) }
            }
        }
        var ascii = Buffer(width: 100, height: 30)
        view(AppState(screen: .vanishing(exploding), width: 100, height: 30), into: &ascii, glyphs: .ascii)
        #expect(ascii.text.allSatisfy { $0.isASCII })
        #expect(!ascii.lines.dropLast().joined().contains("?"), "every symbol has an ASCII spelling (the last line's ? is the help key)")
        assertSnapshot(of: ascii.text, as: .lines, named: "vanishing-exploding-ascii-100x30")
    }

    @Test func plainReportHasTheSameSeries() throws {
        let v = try Self.screen(Self.state())
        let report = GradientReport.vanishing(v)
        #expect(report.contains("sigmoid composed n times"))
        #expect(report.contains("rho(cW) = " + NumberFormat.compact(v.lab.spectralRadius, width: 8, decimals: 4)))
        #expect(report.contains("LSTM") && report.contains("GRU") && report.contains("RNN tanh random"))
        #expect(!report.contains("\u{1B}"))
    }
}
