import SnapshotTesting
import Testing
import UnrollApp
import UnrollCore
import UnrollTUI

/// Every screen rendered headlessly at 80×24, 120×40 and 40×10, compared with committed text
/// snapshots (re-record with SNAPSHOT_TESTING_RECORD=all).
@Suite struct ScreenSnapshotTests {
    static let sizes = [(80, 24), (120, 40), (40, 10)]

    static func states() throws -> [(String, AppState)] {
        let lstm = try AppFixtures.lstmLab()
        var clamped = lstm
        clamped.setClamps([Clamp(gate: .forget, value: 0), Clamp(gate: .output, units: [1, 4], steps: 2...5, value: 1)])
        clamped.t = 3
        var gru = try LabState(title: "book gru", model: AppFixtures.model("book-gru"), inputText: "Spot saw Doug . Jane")
        gru.t = 4
        var rnn = try LabState(title: "dinner", model: AppFixtures.model("dinner-rnn"), inputText: "pizza sushi ? ? waffles pizza")
        rnn.t = 3
        let start = StartState(entries: [
            .init(title: "Lab: the dinner cycle", detail: "pizza → sushi → waffles", action: .lab(model: "dinner", input: "pizza")),
            .init(title: "Lab: the children's book", detail: "gates and memory", action: .lab(model: "book", input: "Jane")),
            .init(title: "Broken lesson", detail: "lessons/x.md:3:1: unknown key", action: .unavailable("broken")),
        ], selected: 1)
        var out: [(String, AppState)] = [
            ("start", AppState(screen: .start(start))),
            ("lab-lstm", AppState(screen: .lab(lstm))),
            ("lab-lstm-clamped", AppState(screen: .lab(clamped))),
            ("lab-gru", AppState(screen: .lab(gru))),
            ("lab-rnn", AppState(screen: .lab(rnn))),
        ]
        var help = AppState(screen: .lab(lstm)); help.overlay = .help
        var explain = AppState(screen: .lab(clamped)); explain.overlay = .explain
        var editor = AppState(screen: .lab(lstm)); editor.overlay = .clampEditor(ClampEditor(kind: .lstm, focus: lstm.focus, t: 2))
        out += [("help", help), ("explain", explain), ("clamp-editor", editor)]
        return out
    }

    @Test func everyScreenAtEverySize() throws {
        for (name, base) in try Self.states() {
            for (w, h) in Self.sizes {
                var state = base
                state.width = w
                state.height = h
                var buffer = Buffer(width: w, height: h)
                view(state, into: &buffer, glyphs: .utf8)
                assertSnapshot(of: buffer.text, as: .lines, named: "\(name)-\(w)x\(h)")
                // Nothing is ever drawn past the frame, and small frames say so.
                #expect(buffer.width == w && buffer.height == h)
                if w < 80 || h < 24 { #expect(buffer.text.contains("terminal too small")) }
            }
        }
    }

    @Test func asciiFramesArePureASCII() throws {
        for (name, base) in try Self.states() {
            var state = base
            state.width = 100
            state.height = 30
            var buffer = Buffer(width: 100, height: 30)
            view(state, into: &buffer, glyphs: .ascii)
            #expect(buffer.text.allSatisfy { $0.isASCII }, "\(name) has non-ASCII characters")
            if name == "lab-lstm" { assertSnapshot(of: buffer.text, as: .lines, named: "lab-lstm-ascii-100x30") }
        }
    }
}
