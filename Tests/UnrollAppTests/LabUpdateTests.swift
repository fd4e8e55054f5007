import Testing
import UnrollApp
import UnrollCore
import UnrollTUI

/// The lab driven by messages: stepping, focus, clamps, explain, help, resize, training progress.
@Suite struct LabUpdateTests {
    @Test func stepsThroughTimeWithinBounds() throws {
        var s = AppFixtures.state(try AppFixtures.lstmLab())
        AppFixtures.press(&s, [.right, .char("l"), .right])
        #expect(s.lab?.t == 4)
        AppFixtures.press(&s, [.end, .right])
        #expect(s.lab?.t == 6)
        AppFixtures.press(&s, [.home, .left, .char("h")])
        #expect(s.lab?.t == 1)
        AppFixtures.press(&s, [.pageDown, .pageDown])
        #expect(s.lab?.t == 3, "slide-clicker keys step too")
    }

    @Test func focusCyclesQuantitiesAndUnits() throws {
        var s = AppFixtures.state(try AppFixtures.lstmLab())
        #expect(s.lab?.focus.target == .gate(.input))
        AppFixtures.press(&s, [.tab, .tab])
        #expect(s.lab?.focus.target == .gate(.candidate))
        AppFixtures.press(&s, Array(repeating: .down, count: 20))
        #expect(s.lab?.focus.unit == 5)
        AppFixtures.press(&s, [.backTab, .backTab, .backTab])
        #expect(s.lab?.focus.target == .probs)
        #expect(s.lab?.focus.unit == 4, "clamped to the 5 output classes")
    }

    @Test func clampEditorAppliesAClampAndTheRunsDiffer() throws {
        var s = AppFixtures.state(try AppFixtures.lstmLab())
        AppFixtures.press(&s, [.tab, .right]) // focus the forget gate at t = 2
        AppFixtures.press(&s, [.char("c")])
        guard case let .clampEditor(editor) = s.overlay else { Issue.record("no editor"); return }
        #expect(editor.spec == "forget=0@2")
        // Steps: type 2..4.
        AppFixtures.press(&s, [.tab, .tab, .backspace, .char("2"), .char("."), .char("."), .char("4"), .enter])
        #expect(s.overlay == nil)
        let lab = try #require(s.lab)
        #expect(lab.clamps == [Clamp(gate: .forget, steps: 2...4, value: 0)])
        let clamped = try #require(lab.clamped)
        #expect(clamped.gate(.forget, at: 3)?.allSatisfy { $0 == 0 } == true)
        #expect(lab.free.gate(.forget, at: 3)?.contains { $0 != 0 } == true)
        #expect(AppFixtures.frame(s).contains("clamped: forget=0@2..4"))
        AppFixtures.press(&s, [.char("x")])
        #expect(s.lab?.clamps.isEmpty == true && s.lab?.clamped == nil)
    }

    @Test func clampEditorRefusesABadSpecAndCancels() throws {
        var s = AppFixtures.state(try AppFixtures.lstmLab())
        AppFixtures.press(&s, [.char("c"), .tab, .char("9"), .enter])
        guard case let .clampEditor(editor) = s.overlay else { Issue.record("editor closed on a bad unit"); return }
        #expect(editor.error?.contains("unit 9") == true)
        AppFixtures.press(&s, [.escape])
        #expect(s.overlay == nil && s.lab?.clamps.isEmpty == true)
    }

    @Test func explainShowsTheCoresWeightedSum() throws {
        var s = AppFixtures.state(try AppFixtures.lstmLab(), width: 100, height: 30)
        AppFixtures.press(&s, [.right, .tab, .char("e")])
        #expect(s.overlay == .explain)
        let lab = try #require(s.lab)
        let e = lab.model.explain(.gate(.forget), unit: 0, at: 2, in: lab.free)
        let text = AppFixtures.frame(s)
        #expect(text.contains("explain: forget gate f"))
        #expect(text.contains("f₂[0] = σ("))
        #expect(text.contains(NumberFormat.signed(e.value, width: 8).trimmingCharacters(in: .whitespaces)))
        AppFixtures.press(&s, [.right])
        #expect(s.overlay == .explain && s.lab?.t == 3, "arrows move the cursor under the explanation")
        AppFixtures.press(&s, [.escape])
        #expect(s.overlay == nil)
    }

    @Test func helpListsEveryLabKeyAndQQuitsFromAnywhere() throws {
        var s = AppFixtures.state(try AppFixtures.lstmLab())
        AppFixtures.press(&s, [.char("?")])
        #expect(s.overlay == .help)
        let text = AppFixtures.frame(s)
        for needle in ["clamp a gate", "explain the focused number", "train on what the panel names", "quit, from anywhere"] {
            #expect(text.contains(needle), "help lacks \(needle)")
        }
        #expect(AppFixtures.press(&s, [.char("q")]).contains { $0.isQuit })
    }

    @Test func resizeBelowTheMinimumShowsTheNoticeAndStillQuits() throws {
        var s = AppFixtures.state(try AppFixtures.lstmLab())
        _ = update(&s, .resize(width: 40, height: 10))
        #expect(s.tooSmall)
        #expect(AppFixtures.frame(s).contains("terminal too small"))
        #expect(AppFixtures.frame(s).contains("have 40×10"))
        AppFixtures.press(&s, [.right])
        #expect(s.lab?.t == 1, "keys other than q wait for a usable size")
        _ = update(&s, .resize(width: 80, height: 24))
        #expect(!AppFixtures.frame(s).contains("too small"))
        _ = update(&s, .resize(width: 20, height: 5))
        #expect(AppFixtures.press(&s, [.char("q")]).contains { $0.isQuit })
    }

    @Test func trainingSnapshotsAreShownAndTheTrainedModelReplacesTheOld() throws {
        var s = AppFixtures.state(try AppFixtures.lstmLab(), width: 120, height: 40)
        let effects = AppFixtures.press(&s, [.char("t")])
        guard case var .train(start)? = effects.first(where: { $0.isTrain }) else { Issue.record("t starts training"); return }
        #expect(start.session.data.name == "fresh 50-sentence stories", "the book model trains on the book's stories")
        #expect(start.session.model.parameters == s.lab?.model.parameters, "training starts from the current weights")
        #expect(s.tickMilliseconds == 50, "ticks while training")
        let records = (0..<3).map { _ in start.session.step() }
        _ = update(&s, .trainingSnapshot(PacedTraining.Snapshot(model: start.session.model, records: records, updates: 3, finished: false)))
        let frame = AppFixtures.frame(s)
        #expect(frame.contains("training on fresh 50-sentence stories"))
        #expect(frame.contains("update 3"))
        #expect(s.lab?.model.parameters == start.session.model.parameters)
        #expect(s.lab?.training?.losses == records.map(\.loss))
        #expect(s.lab?.training?.normsBefore == records.map(\.normBefore))
        AppFixtures.press(&s, [.char("t")])
        #expect(s.lab?.training?.running == false)
        _ = update(&s, .trainingSnapshot(PacedTraining.Snapshot(model: start.session.model, records: [], updates: 3, finished: true)))
        #expect(s.tickMilliseconds == nil, "idle again: block on input")
        #expect(AppFixtures.frame(s).contains("stopped"))
        AppFixtures.press(&s, [.char("r")])
        #expect(s.lab?.model == s.lab?.originalModel)
        #expect(s.lab?.training == nil)
    }

    @Test func trainingKeysControlTheRunWhileItExists() throws {
        var s = AppFixtures.state(try AppFixtures.lstmLab(), width: 120, height: 40)
        AppFixtures.press(&s, [.char("t")])
        let lr = try #require(s.lab?.training?.settings.learningRate)
        #expect(AppFixtures.press(&s, [.char(" ")]).contains { if case .controlTraining(.paused(true)) = $0 { true } else { false } })
        #expect(s.lab?.training?.paused == true && s.lab?.playing == false, "space pauses training, it does not play")
        #expect(AppFixtures.frame(s).contains("paused"))
        #expect(AppFixtures.press(&s, [.char(".")]).contains { if case .controlTraining(.stepOnce) = $0 { true } else { false } })
        let t = s.lab?.t
        #expect(s.lab?.t == t, ". is one update, not a time step, while training")
        AppFixtures.press(&s, [.char("[")])
        #expect(s.lab?.training?.settings.learningRate == lr / 2)
        AppFixtures.press(&s, [.char("]"), .char("]")])
        #expect(s.lab?.training?.settings.learningRate == lr * 2)
        AppFixtures.press(&s, [.char("o")])
        #expect(s.lab?.training?.settings.optimizer == .sgd)
        AppFixtures.press(&s, [.char("c")])
        #expect(s.lab?.training?.settings.clipNorm == 5)
        #expect(s.overlay == nil, "c sets clipping while training, it opens no clamp editor")
        let unit = s.lab?.focus.unit
        let effects = AppFixtures.press(&s, [.char("k")])
        #expect(s.lab?.training?.settings.bpttWindow == 1)
        #expect(s.lab?.focus.unit == unit)
        #expect(effects.contains { if case let .controlTraining(.settings(set)) = $0 { set.bpttWindow == 1 && set.clipNorm == 5 } else { false } })
        let pace = s.lab?.training?.pace
        AppFixtures.press(&s, [.char("+")])
        #expect(s.lab?.training?.pace ?? 0 > pace ?? 0)
        let frame = AppFixtures.frame(s)
        #expect(frame.contains("SGD lr") && frame.contains("BPTT k=1") && frame.contains("clip ‖g‖≤5"))
        // Stopped: the keys are the lab's again, and w writes the model under a new name.
        AppFixtures.press(&s, [.char("t")])
        AppFixtures.press(&s, [.char(" ")])
        #expect(s.lab?.playing == true, "space plays again once training has stopped")
        let write = AppFixtures.press(&s, [.char("w")])
        #expect(write.contains { if case let .writeModel(_, name) = $0 { name.hasPrefix("trained-book-") && name.hasSuffix(".json") && !name.contains("/") } else { false } })
    }

    @Test func retrainingDropsHandBuiltLabels() throws {
        var model = try AppFixtures.model("book-lstm")
        model.hiddenLabels = (0..<model.hiddenSize).map { "Doug\($0)" }
        var s = AppFixtures.state(try LabState(title: "book", model: model, inputText: "Jane saw Spot . Doug saw"), width: 120, height: 40)
        #expect(AppFixtures.frame(s).contains("Doug0"))
        let effects = AppFixtures.press(&s, [.char("t")])
        guard case var .train(start)? = effects.first(where: { $0.isTrain }) else { Issue.record("t starts training"); return }
        #expect(start.session.model.hiddenLabels == nil, "the trained model does not carry labels it no longer supports")
        let r = start.session.step()
        _ = update(&s, .trainingSnapshot(PacedTraining.Snapshot(model: start.session.model, records: [r], updates: 1, finished: false)))
        #expect(AppFixtures.frame(s).contains("was: Doug0"))
        AppFixtures.press(&s, [.char("R")])
        #expect(s.lab?.model.parameters != model.parameters, "R re-initialises")
        #expect(AppFixtures.frame(s).contains("was: Doug0"))
    }

    @Test func playAdvancesOnTicks() throws {
        var s = AppFixtures.state(try AppFixtures.lstmLab())
        AppFixtures.press(&s, [.char(" ")])
        #expect(s.lab?.playing == true && s.tickMilliseconds == 50)
        for _ in 0..<24 { _ = update(&s, .tick) }
        #expect(s.lab?.t == 3)
        AppFixtures.press(&s, [.char(" ")])
        #expect(s.lab?.playing == false && s.tickMilliseconds == nil)
    }

    @Test func mouseClickSelectsAStepAndAUnit() throws {
        var s = AppFixtures.state(try AppFixtures.lstmLab())
        let layout = LabLayout(width: 80, height: 24, lab: try #require(s.lab), presenter: false)
        let text = AppFixtures.frame(s).split(separator: "\n", omittingEmptySubsequences: false)
        // The chain's box row: a click on the box of t=3 picks step 3.
        let boxRow = String(text[layout.timeline.y + 1])
        let column = try #require(boxRow.firstRange(of: "t=3")).lowerBound
        _ = update(&s, .mouse(x: boxRow.distance(from: boxRow.startIndex, to: column), y: layout.timeline.y + 1, button: .left))
        #expect(s.lab?.t == 3)
        // Unit 2's row, the forget column.
        let x = layout.table.x + 1 + LabLayout.labelWidth + LabLayout.columnWidth + 2
        _ = update(&s, .mouse(x: x, y: layout.table.y + 1 + 1 + 2, button: .left))
        #expect(s.lab?.focus == LabFocus(target: .gate(.forget), unit: 2))
    }

    @Test func newInputIsTypedAndRun() throws {
        var s = AppFixtures.state(try AppFixtures.lstmLab())
        AppFixtures.press(&s, [.char("i")])
        guard case .inputEditor = s.overlay else { Issue.record("no input editor"); return }
        let typed: [Key] = Array(repeating: .backspace, count: 40) + "Doug saw Jane".map { .char($0) } + [.enter]
        AppFixtures.press(&s, typed)
        #expect(s.lab?.tokens == ["Doug", "saw", "Jane"])
        #expect(s.lab?.steps == 3)
        AppFixtures.press(&s, [.char("i")] + Array(repeating: Key.backspace, count: 20) + "Doug saw Bob".map { Key.char($0) } + [.enter])
        #expect(s.status?.contains("Bob") == true, "a bad token is reported, not run")
    }

    @Test func plainReportPrintsEveryStepAsText() throws {
        let report = PlainReport.lab(try AppFixtures.lstmLab(input: "Jane saw Spot"))
        #expect(report.contains("step 1: \"Jane\""))
        #expect(report.contains("step 3: \"Spot\""))
        #expect(report.contains("f forget"))
        #expect(!report.contains("\u{1B}"), "no escape codes")
    }

    /// `o` feeds each unknown day the network's own previous prediction (the "out of town" strategy).
    @Test func unknownDaysCanBeFedTheNetworksOwnPredictions() throws {
        let model = try AppFixtures.model("dinner-rnn")
        var s = AppFixtures.state(try LabState(title: "dinner", model: model, inputText: "pizza ? ? sushi"))
        let zeroFed = try #require(s.lab?.free)
        #expect(zeroFed.input(at: 2) == [0, 0, 0])
        AppFixtures.press(&s, [.char("o")])
        let lab = try #require(s.lab)
        #expect(lab.feedOwnPredictions)
        // Step 2 is fed what the network predicted after step 1, step 3 what it predicted after step 2.
        let first = zeroFed.predicted(at: 1)
        #expect(lab.free.input(at: 2) == (0..<3).map { $0 == first ? 1 : 0 })
        #expect(lab.fedWords[1] == model.outputLabel(first))
        let second = lab.free.predicted(at: 2)
        #expect(lab.free.input(at: 3) == (0..<3).map { $0 == second ? 1 : 0 })
        #expect(lab.fedWords[3] == nil, "a known day is fed its dinner")
        #expect(AppFixtures.frame(s).contains("?→\(model.outputLabel(first))"))
        AppFixtures.press(&s, [.char("o")])
        #expect(s.lab?.free.input(at: 2) == [0, 0, 0], "o again feeds nothing")
        var lstm = AppFixtures.state(try AppFixtures.lstmLab())
        AppFixtures.press(&lstm, [.char("o")])
        #expect(lstm.lab?.feedOwnPredictions == true, "the book LSTM's outputs are its words too")
    }
}

/// With truncation k, the BPTT view (a, after training) shows where the gradient is cut.
@Suite struct TruncationViewTests {
    @Test func bpttAfterTruncatedTrainingMarksTheCuts() throws {
        var s = AppFixtures.state(try AppFixtures.lstmLab(), width: 120, height: 40)
        AppFixtures.press(&s, [.char("t"), .char("k"), .char("k")])
        #expect(s.lab?.training?.settings.bpttWindow == 2)
        AppFixtures.press(&s, [.char("t"), .char("a")])
        guard case let .bptt(bptt) = s.screen else { Issue.record("a opens BPTT once training has stopped"); return }
        #expect(bptt.truncation == 2)
        #expect(bptt.note?.contains("cut before t=3, 5") == true)
        let frame = AppFixtures.frame(s)
        #expect(frame.contains("|t=3") && frame.contains("|t=5") && !frame.contains("|t=4"))
        let lab = try AppFixtures.lstmLab()
        let norms = truncatedHiddenGradientNorms(lab.model, input: lab.input, targets: lab.targets ?? [], window: 2)
        #expect(bptt.hiddenGradientNorms.count == norms.count)
        #expect(zip(bptt.hiddenGradientNorms, norms).allSatisfy { abs($0 - $1) <= 1e-12 * (1 + abs($1)) })
        // The per-unit rows and the LSTM's ‖∂L/∂c_t‖ are truncated BPTT's too, not full BPTT's.
        let truncated = truncatedGradients(lab.model, input: lab.input, targets: lab.targets ?? [], window: 2)
        let H = lab.model.hiddenSize, T = lab.steps
        let heat = BPTTView.signalHeatmap(bptt, glyphs: .utf8).values
        #expect(heat.count == 2 + H, "‖∂L/∂h‖, ‖∂L/∂c‖, then one row per unit")
        for u in 0..<H {
            for t in 0..<T { #expect(abs(heat[2 + u][t] - truncated.hidden[t * H + u]) <= 1e-12 * (1 + abs(truncated.hidden[t * H + u]))) }
        }
        let full = try #require(lab.gradients)
        #expect((0..<(T * H)).contains { abs(full.hidden[$0] - truncated.hidden[$0]) > 1e-9 }, "truncation changes the rows shown")
        let cellNorms = try #require(bptt.cellGradientNorms)
        #expect(zip(cellNorms, truncated.cellNorms(steps: T) ?? []).allSatisfy { abs($0 - $1) <= 1e-12 * (1 + abs($1)) })
        // The entry's per-step shares sum to truncated BPTT's gradient of the entry.
        let terms = try #require(bptt.explanation?.terms)
        let info = try #require(lab.model.layout.tensor(named: bptt.tensor))
        let entry = info.offset + bptt.row * (info.columns ?? 1) + bptt.column
        #expect(abs(terms.reduce(0) { $0 + $1.share } - truncated.parameters[entry]) <= 1e-10)
    }
}

/// While the lab trains with truncated BPTT its chain marks the cuts, and `a` opens BPTT on the
/// weights trained so far, pausing the run; the run's snapshots still reach the lab behind it.
@Suite struct TrainingBPTTTests {
    @Test func theLabsChainMarksTheCutsWhileTraining() throws {
        var s = AppFixtures.state(try AppFixtures.lstmLab(), width: 120, height: 40)
        #expect(s.lab?.chainModel.steps.allSatisfy { $0.label == nil } == true, "no training, no cuts")
        AppFixtures.press(&s, [.char("t")])
        #expect(s.lab?.chainModel.steps.allSatisfy { $0.label == nil } == true, "full BPTT cuts nothing")
        AppFixtures.press(&s, [.char("k"), .char("k")])
        let window = try #require(s.lab?.training?.settings.bpttWindow)
        let labels = s.lab?.chainModel.steps.map(\.label) ?? []
        let steps = try #require(s.lab?.steps)
        let cuts = truncationCuts(steps: steps, window: window)
        #expect(!cuts.isEmpty)
        for t in 1...steps { #expect((labels[t - 1] != nil) == cuts.contains(t), "step \(t)") }
        #expect(AppFixtures.frame(s).contains("|t=\(cuts[0])"))
    }

    @Test func bpttWhileTrainingPausesTheRunAndKeepsItsSnapshots() throws {
        var s = AppFixtures.state(try AppFixtures.lstmLab(), width: 120, height: 40)
        let effects = AppFixtures.press(&s, [.char("t")])
        guard case var .train(start)? = effects.first(where: { $0.isTrain }) else { Issue.record("t starts training"); return }
        let records = (0..<2).map { _ in start.session.step() }
        _ = update(&s, .trainingSnapshot(PacedTraining.Snapshot(model: start.session.model, records: records, updates: 2, finished: false)))
        let opened = AppFixtures.press(&s, [.char("a")])
        #expect(opened.contains { if case .controlTraining(.paused(true)) = $0 { return true } else { return false } }, "a pauses the run")
        let bptt = try #require(s.bptt, "a opens BPTT while training")
        #expect(bptt.model.parameters == start.session.model.parameters, "on the weights trained so far")
        #expect(bptt.returnLab?.training?.paused == true && bptt.returnLab?.training?.running == true)
        #expect(AppFixtures.frame(s).contains("training paused at update 2"))
        // An update already under way when the pause came still reaches the lab behind the BPTT screen.
        let late = start.session.step()
        _ = update(&s, .trainingSnapshot(PacedTraining.Snapshot(model: start.session.model, records: [late], updates: 3, finished: false)))
        #expect(s.bptt?.returnLab?.training?.updates == 3)
        #expect(s.bptt?.model.parameters == bptt.model.parameters, "the BPTT screen keeps the weights it opened on")
        // Quitting from BPTT stops the run behind it.
        var quitting = s
        #expect(AppFixtures.press(&quitting, [.char("q")]).contains { if case .cancelTraining = $0 { return true } else { return false } })
        // Esc returns to the paused lab; space resumes.
        AppFixtures.press(&s, [.escape])
        #expect(s.lab?.training?.paused == true && s.lab?.model.parameters == start.session.model.parameters)
        let resumed = AppFixtures.press(&s, [.char(" ")])
        #expect(resumed.contains { if case .controlTraining(.paused(false)) = $0 { return true } else { return false } })
        // Already paused: a opens BPTT without another pause.
        AppFixtures.press(&s, [.char(" ")])
        let again = AppFixtures.press(&s, [.char("a")])
        #expect(s.bptt != nil && !again.contains { if case .controlTraining = $0 { return true } else { return false } })
    }
}
