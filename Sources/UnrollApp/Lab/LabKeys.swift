import UnrollCore
import UnrollTUI

/// The lab's keys: step through time, move the focus, clamp, explain, train, play.
func labKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    guard case var .lab(lab) = state.screen else { return [] }
    if key == .escape, lab.training?.running != true, let start = state.startScreen {
        state.screen = .start(start)
        return []
    }
    if key == .char("b"), lab.training?.running != true {
        // BPTT on the lab's own model, input and targets; Esc there comes back here.
        state.screen = .bptt(BPTTState(lab: lab))
        state.overlay = nil
        return []
    }
    var effects: [Effect] = []
    defer { state.screen = .lab(lab) }
    let targets = LabFocus.targets(for: lab.model.kind)
    switch key {
    case .left, .char("h"), .pageUp: lab.t = max(1, lab.t - 1); lab.playing = false
    case .right, .char("l"), .pageDown: lab.t = min(lab.steps, lab.t + 1); lab.playing = false
    case .home, .char("g"): lab.t = 1
    case .end, .char("G"): lab.t = lab.steps
    case .up, .char("k"): lab.focus.unit = max(0, lab.focus.unit - 1)
    case .down, .char("j"): lab.focus.unit = min(lab.unitCount(for: lab.focus.target) - 1, lab.focus.unit + 1)
    case .tab, .backTab:
        let i = targets.firstIndex(of: lab.focus.target) ?? 0
        let next = targets[(i + (key == .tab ? 1 : targets.count - 1)) % targets.count]
        lab.focus = LabFocus(target: next, unit: min(lab.focus.unit, lab.unitCount(for: next) - 1))
    case .char(" "):
        lab.playing.toggle()
        lab.playTicks = 0
        if lab.playing && lab.t == lab.steps { lab.t = 1 }
    case .char("e"):
        state.overlay = state.overlay == .explain ? nil : .explain
    case .char("c"):
        if lab.model.kind == .rnn {
            lab.note = "a plain RNN has no gates to clamp: open an LSTM or GRU lab"
        } else {
            state.overlay = .clampEditor(ClampEditor(kind: lab.model.kind, focus: lab.focus, t: lab.t))
        }
    case .char("x"):
        if !lab.clamps.isEmpty {
            lab.setClamps([])
            lab.note = "clamps cleared"
        }
    case .char("d"): lab.showDiagram.toggle()
    case .char("o"):
        if lab.canFeedOwnPredictions {
            lab.toggleOwnPredictions()
            lab.note = lab.feedOwnPredictions ? "unknown days are fed the network's own prediction (o: feed nothing)"
                : "unknown days are fed nothing, the all-zero input (o: feed its own predictions)"
        } else {
            lab.note = "this model's outputs are not its input words, so it cannot feed itself"
        }
    case .char("i"): state.overlay = .inputEditor(lab.tokens.joined(separator: " "))
    case .char("r"):
        if lab.training?.running == true { effects.append(.cancelTraining) }
        lab.reset()
    case .char("t"):
        if lab.training?.running == true {
            effects.append(.cancelTraining)
            lab.note = "stopping training…"
        } else {
            let job = lab.trainJob()
            lab.training = .init(epoch: 0, epochs: job.config.epochs, losses: [], running: true)
            lab.note = "training \(job.config.epochs) epochs live (t or Esc stops)"
            effects.append(.train(job))
        }
    case .escape:
        if lab.training?.running == true { effects.append(.cancelTraining) }
    default: break
    }
    return effects
}

/// Mouse: clicks on the timeline pick a step; clicks in the unit table pick a gate and unit.
func mouse(_ state: inout AppState, x: Int, y: Int, button: MouseButton) -> [Effect] {
    guard state.overlay == nil, !state.tooSmall, case var .lab(lab) = state.screen else { return [] }
    switch button {
    case .scrollUp: return labKey(&state, .left)
    case .scrollDown: return labKey(&state, .right)
    case .left:
        let layout = LabLayout(width: state.width, height: state.height, lab: lab, presenter: state.presenter)
        if layout.timeline.contains(x: x, y: y) {
            if let index = LabView.timeline(lab).step(atColumn: x, area: layout.timeline) {
                lab.t = index + 1
                lab.playing = false
            }
        } else if let focus = layout.focus(atX: x, y: y, lab: lab) {
            lab.focus = focus
        } else if layout.prediction.contains(x: x, y: y) {
            let row = y - layout.prediction.y - 2
            if row >= 0 && row < lab.model.outputSize { lab.focus = LabFocus(target: .probs, unit: row) }
        }
        state.screen = .lab(lab)
    default: break
    }
    return []
}
