import UnrollCore
import UnrollTUI

/// What the lab's keys do (the key itself tells the direction: ← or →, ↑ or ↓, Tab or Shift-Tab).
public enum LabCommand: Sendable, Equatable {
    case step, ends, goTo, unit, quantity, play, clamp, unclamp, explain, train, input, diagram, ownPredictions, reset, bptt, back
    /// While a training run exists: pause, one update, pace, learning rate, optimizer, clipping, truncation.
    case trainPause, trainStep, trainPace, trainRate, trainOptimizer, trainClip, trainTruncation
    /// Write the trained model to a file; re-initialise the weights (seeded).
    case writeModel, reinitialise
}

extension LabState {
    /// Moves the time cursor one step back (←, h, PageUp) or forward; stops playing.
    mutating func step(_ key: Key) {
        let back = [.left, .char("h"), .char(","), .pageUp].contains(key)
        let before = t
        t = back ? max(1, t - 1) : min(steps, t + 1)
        playing = false
        flowFrame = motion && t > before ? 0 : nil
    }

    /// The first (Home) or the last (End, G) step.
    mutating func toEnd(_ key: Key) { t = key == .home ? 1 : steps }

    /// Focuses the unit above (↑, k) or below.
    mutating func moveUnit(_ key: Key) {
        focus.unit = [.up, .char("k")].contains(key) ? max(0, focus.unit - 1) : min(unitCount(for: focus.target) - 1, focus.unit + 1)
    }

    /// Focuses the next quantity (Tab) or the previous one (Shift-Tab).
    mutating func cycleQuantity(_ key: Key) {
        let targets = LabFocus.targets(for: model.cell)
        let i = targets.firstIndex(of: focus.target) ?? 0
        let next = targets[(i + (key == .tab ? 1 : targets.count - 1)) % targets.count]
        focus = LabFocus(target: next, unit: min(focus.unit, unitCount(for: next) - 1))
    }

    /// Plays the sequence from where the cursor is (from the start when at the end), or pauses.
    mutating func togglePlay() {
        playing.toggle()
        playTicks = 0
        if !playing { flowFrame = nil }  // pausing stops the flow with it: idle at once
        if playing && t == steps { t = 1 }
    }
}

extension LabState: AppScreen {
    public var name: String { "the lab" }

    public func keyMap(_ app: AppState) -> KeyMap<LabCommand> {
        let training = self.training?.running == true
        var first = training ? trainingBindings { $0 } : []
        if self.training != nil && !training {
            first.append(KeyBinding([.char("w")], "write the trained model to a new file", group: .change,
                                    hint: KeyHint("w", "write"), command: .writeModel))
        }
        return KeyMap(shadowing(first, over: [
            KeyBinding([.left, .right, .char("h"), .char("l"), .pageUp, .pageDown], "step back / forward in time", group: .move,
                       hint: KeyHint("←/→", "step"), command: .step),
            KeyBinding([.home, .end, .char("G")], "first / last step", group: .move, command: .ends),
            KeyBinding([.char("g")], "go to a step: type its number, then Enter", group: .move, command: .goTo),
            KeyBinding([.up, .down, .char("k"), .char("j")], "focus another unit", group: .move, hint: KeyHint("↑/↓ Tab", "focus"), command: .unit),
            KeyBinding([.tab, .backTab], "focus another quantity: gates, c, h, p", group: .move, command: .quantity),
            KeyBinding([.char(" ")], "play / pause", group: .move, hint: KeyHint("space", "play"), command: .play),
            KeyBinding([.char("c")], "clamp a gate; the free run stays beside it", group: .change, hint: KeyHint("c", "clamp"), command: .clamp),
            KeyBinding([.char("x")], "remove every clamp", group: .change, hint: KeyHint("x", "unclamp"), command: .unclamp),
            KeyBinding([.char("e")], "explain the focused number, term by term", group: .look, hint: KeyHint("e", "explain"), command: .explain),
            KeyBinding([.char("t")], training ? "stop training (the weights stay)" : "train on what the panel names, from these weights", group: .change,
                       hint: KeyHint("t", training ? "stop" : "train"), command: .train),
            KeyBinding([.char("R")], "re-initialise the weights (seeded)", group: .change, command: .reinitialise),
            training ? nil : KeyBinding([.char("i")], "type a new input sequence", group: .change, hint: KeyHint("i", "input"), command: .input),
            KeyBinding([.char("d")], "show the cell diagram", group: .look, hint: KeyHint("d", "diagram"), command: .diagram),
            KeyBinding([.char("o")], "? steps: feed zeros or the network's guess", group: .change, command: .ownPredictions),
            KeyBinding([.char("r")], "reset: original model, no clamps, t = 1", group: .change, hint: KeyHint("r", "reset"), command: .reset),
            KeyBinding([.char("a")], "BPTT: where this run's gradients come from", group: .look, command: .bptt),
            KeyBinding([.escape], "stop training, else back to the start", group: .leave, command: .back),
        ].compactMap { $0 }))
    }

    public var mouseHelp: String? { "click a step, gate or unit; scroll steps" }

    public var goToRange: (range: ClosedRange<Int>, noun: String)? { (1...max(1, steps), "step") }

    public static func go(toStep n: Int, in state: inout AppState) -> [Effect] {
        guard case var .lab(lab) = state.screen else { return [] }
        lab.t = min(max(1, n), lab.steps)
        lab.playing = false
        state.screen = .lab(lab)
        return []
    }

    public func followsUnderExplain(_ entry: KeyEntry) -> Bool { true }

    public var tickMilliseconds: Int? { trainingTicks || playing ? 50 : (flowFrame != nil ? LabState.flowFrameMilliseconds : nil) }

    public func render(_ app: AppState, into buffer: inout Buffer, glyphs: Glyphs) {
        LabView.render(self, state: app, into: &buffer, glyphs: glyphs)
    }

    public static func perform(_ command: LabCommand, key: Key, in state: inout AppState) -> [Effect] {
        guard case var .lab(lab) = state.screen else { return [] }
        switch command {
        case .back:
            if lab.training?.running == true {
                lab.stopTraining()
                lab.note = "training stopped after \(lab.training?.updates ?? 0) updates"
                state.screen = .lab(lab)
                return [.cancelTraining]
            }
            if let start = state.startScreen { state.screen = .start(start) }
            return []
        case .bptt:
            // BPTT on the lab's own model (the weights trained so far), input and targets; Esc there comes
            // back here. A running training pauses first, so the gradients shown are of the weights on screen.
            var effects: [Effect] = []
            if var live = lab.training, live.running {
                if !live.paused {
                    live.paused = true
                    lab.training = live
                    effects.append(.controlTraining(.paused(true)))
                }
                lab.note = "training paused at update \(live.updates) for BPTT: space resumes"
            }
            var screen = BPTTState(lab: lab)
            if let live = lab.training, live.running {
                screen.note = [screen.note, "training paused at update \(live.updates): Esc returns to the lab"].compactMap { $0 }.joined(separator: "; ")
            }
            state.screen = .bptt(screen)
            state.overlay = nil
            return effects
        case .goTo:
            state.overlay = .goTo("")
            return []
        default: break
        }
        var effects: [Effect] = []
        defer { state.screen = .lab(lab) }
        switch command {
        case .step: lab.step(key)
        case .ends: lab.toEnd(key)
        case .unit: lab.moveUnit(key)
        case .quantity: lab.cycleQuantity(key)
        case .play: lab.togglePlay()
        case .explain:
            state.overlay = state.overlay == .explain ? nil : .explain
            lab.explainTerm = nil
        case .clamp:
            if !lab.model.cell.isGated {
                lab.note = "a plain RNN has no gates to clamp: open an LSTM or GRU lab"
            } else {
                state.overlay = .clampEditor(ClampEditor(kind: lab.model.kind, focus: lab.focus, t: lab.t))
            }
        case .unclamp:
            if !lab.clamps.isEmpty {
                lab.setClamps([])
                lab.note = "clamps cleared"
            }
        case .diagram: lab.showDiagram.toggle()
        case .ownPredictions:
            if lab.canFeedOwnPredictions {
                lab.toggleOwnPredictions()
                lab.note = lab.feedOwnPredictions ? "unknown days are fed the network's own prediction (o: feed nothing)"
                    : "unknown days are fed nothing, the all-zero input (o: feed its own predictions)"
            } else {
                lab.note = "this model's outputs are not its input words, so it cannot feed itself"
            }
        case .input: state.overlay = .inputEditor(lab.tokens.joined(separator: " "))
        case .reset:
            if lab.training?.running == true { effects.append(.cancelTraining) }
            lab.reset()
        case .train:
            if lab.training?.running == true {
                effects.append(.cancelTraining)
                lab.stopTraining()
                lab.note = "training stopped after \(lab.training?.updates ?? 0) updates; t trains on from here"
            } else if let start = lab.startTraining() {
                effects.append(start)
            }
        case .trainPause, .trainStep, .trainPace, .trainRate, .trainOptimizer, .trainClip, .trainTruncation:
            effects += lab.trainingKey(command, key: key)
        case .writeModel:
            if let live = lab.training {
                var model = lab.model
                model.name = "\(lab.title), trained \(live.updates) updates on \(live.data)"
                effects.append(.writeModel(model, fileName: lab.trainedModelFileName))
            }
        case .reinitialise:
            if lab.training?.running == true { effects.append(.cancelTraining) }
            lab.reinitialise()
        case .back, .bptt, .goTo: break
        }
        return effects
    }
}

extension LabState {
    public static func tick(in state: inout AppState) -> [Effect] { labPlayTick(&state) }

    /// Mouse: clicks on the timeline pick a step; clicks in the unit table pick a gate and unit.
    public static func mouse(x: Int, y: Int, button: MouseButton, in state: inout AppState) -> [Effect] {
        labMouse(&state, x: x, y: y, button: button)
    }
}

/// Mouse on the lab: the hit-tests read `LabLayout`.
func labMouse(_ state: inout AppState, x: Int, y: Int, button: MouseButton) -> [Effect] {
    guard case var .lab(lab) = state.screen else { return [] }
    switch button {
    case .scrollUp: return LabState.perform(.step, key: .left, in: &state)
    case .scrollDown: return LabState.perform(.step, key: .right, in: &state)
    case .left:
        let layout = LabLayout(width: state.width, height: state.height, lab: lab, presenter: state.presenter)
        if layout.timeline.contains(x: x, y: y) {
            if let index = lab.chain().step(atColumn: x, area: layout.timeline) {
                lab.t = index + 1
                lab.playing = false
            }
        } else if let focus = layout.focus(atX: x, y: y, lab: lab) {
            lab.focus = focus
        } else if layout.prediction.contains(x: x, y: y) {
            // The prediction block: a summary row, then one bar per output (as `LabView.renderPrediction` lays it out).
            let row = y - (Block().inner(layout.prediction).y + 1)
            if row >= 0 && row < lab.model.outputSize { lab.focus = LabFocus(target: .probs, unit: row) }
        }
        state.screen = .lab(lab)
    default: break
    }
    return []
}
