import UnrollCore
import UnrollTUI

/// The BPTT screen's keys: step through time, choose the weight entry, explain it, play the sweep.
func bpttKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    guard case var .bptt(screen) = state.screen else { return [] }
    if key == .escape {
        if let lab = screen.returnLab {
            state.screen = .lab(lab)
        } else if let start = state.startScreen {
            state.screen = .start(start)
        }
        return []
    }
    screen.note = nil
    switch key {
    case .left, .char("h"), .pageUp: screen.t = max(1, screen.t - 1); screen.playing = false; screen.revealedFrom = nil
    case .right, .char("l"), .pageDown: screen.t = min(screen.steps, screen.t + 1); screen.playing = false; screen.revealedFrom = nil
    case .home, .char("g"): screen.t = 1
    case .end, .char("G"): screen.t = screen.steps
    case .up, .char("k"): screen.moveEntry(rows: -1)
    case .down, .char("j"): screen.moveEntry(rows: 1)
    case .char("["): screen.moveEntry(columns: -1)
    case .char("]"): screen.moveEntry(columns: 1)
    case .char("w"):
        screen.cycleTensor()
        screen.note = "following \(GradientExplanation.symbol(of: screen.tensor)) (\(screen.tensor)) at its largest entry"
    case .char("n"): screen.selectLargest()
    case .char("e"):
        if screen.explanation != nil { state.overlay = state.overlay == .explain ? nil : .explain }
        else { screen.note = "no gradient to explain: no step has a target" }
    case .char(" "):
        if screen.gradients != nil { screen.togglePlay() }
    default: break
    }
    state.screen = .bptt(screen)
    return []
}

/// One tick of the BPTT screen's backward sweep.
func bpttTick(_ state: inout AppState) -> [Effect] {
    guard case var .bptt(screen) = state.screen, screen.playing else { return [] }
    screen.tick()
    state.screen = .bptt(screen)
    return []
}

/// Mouse on the BPTT screen: a click on the timeline or the heat rows picks a step; scrolling steps.
func bpttMouse(_ state: inout AppState, x: Int, y: Int, button: MouseButton) -> [Effect] {
    guard case var .bptt(screen) = state.screen else { return [] }
    switch button {
    case .scrollUp: return bpttKey(&state, .left)
    case .scrollDown: return bpttKey(&state, .right)
    case .left:
        let layout = BPTTLayout(width: state.width, height: state.height, hiddenSize: screen.model.hiddenSize, steps: screen.steps,
                                presenter: state.presenter)
        var step: Int? = nil
        if layout.timeline.contains(x: x, y: y) {
            step = BPTTView.timeline(screen).step(atColumn: x, area: layout.timeline)
        } else {
            let inner = Block().inner(layout.signal)
            if inner.contains(x: x, y: y) { step = BPTTView.signalHeatmap(screen, glyphs: .ascii).column(atX: x, area: inner) }
        }
        if let step {
            screen.t = step + 1
            screen.playing = false
            screen.revealedFrom = nil
            state.screen = .bptt(screen)
        }
    default: break
    }
    return []
}

/// The keys that still move the BPTT screen under its explain box, so the explanation follows.
func bpttExplainFollows(_ key: Key) -> Bool {
    [.left, .right, .up, .down, .home, .end, .pageUp, .pageDown, .char("h"), .char("l"), .char("j"), .char("k"),
     .char("["), .char("]"), .char("n"), .char("w")].contains(key)
}
