import UnrollCore
import UnrollTUI

/// What the BPTT screen's keys do (the key tells the direction).
public enum BPTTCommand: Sendable, Equatable {
    case step, ends, goTo, row, column, tensor, largest, explain, play, back
}

extension BPTTState: AppScreen {
    public var name: String { "BPTT" }

    public func keyMap(_ app: AppState) -> KeyMap<BPTTCommand> {
        KeyMap([
            KeyBinding([.left, .right, .char("h"), .char("l"), .pageUp, .pageDown], "step back / forward in time", group: .move,
                       hint: KeyHint("←/→", "step"), command: .step),
            KeyBinding([.home, .end, .char("G")], "first / last step", group: .move, command: .ends),
            KeyBinding([.char("g")], "go to a step: type its number, then Enter", group: .move, command: .goTo),
            KeyBinding([.up, .down, .char("k"), .char("j")], "the weight entry's row", group: .move, hint: KeyHint("↑/↓", "row"), command: .row),
            KeyBinding([.char("["), .char("]")], "the weight entry's column", group: .move, hint: KeyHint("[/]", "column"), command: .column),
            KeyBinding([.char("w")], "next weight tensor: W_ih, W_hh, biases, W_hy", group: .move, hint: KeyHint("w", "weight"), command: .tensor),
            KeyBinding([.char("n")], "the entry with the largest gradient", group: .move, hint: KeyHint("n", "largest"), command: .largest),
            KeyBinding([.char("e")], "explain the gradient: δ × factor by step", group: .look, hint: KeyHint("e", "explain"), command: .explain),
            KeyBinding([.char(" ")], "watch the gradient flow back (again: pause)", group: .look,
                       hint: KeyHint("space", "flow back"), command: .play),
            KeyBinding([.escape], "back to the lab it came from, or the start", group: .leave, hint: KeyHint("Esc", "back"), command: .back),
        ])
    }

    public var mouseHelp: String? { "click a step; scroll steps" }

    public var goToRange: (range: ClosedRange<Int>, noun: String)? { (1...max(1, steps), "step") }

    public static func go(toStep n: Int, in state: inout AppState) -> [Effect] {
        guard case var .bptt(screen) = state.screen else { return [] }
        screen.t = min(max(1, n), screen.steps)
        screen.playing = false
        screen.revealedFrom = nil
        state.screen = .bptt(screen)
        return []
    }

    public var tickMilliseconds: Int? { playing ? 50 : (flowFrame != nil ? LabState.flowFrameMilliseconds : nil) }

    public func render(_ app: AppState, into buffer: inout Buffer, glyphs: Glyphs) {
        BPTTView.render(self, state: app, into: &buffer, glyphs: glyphs)
    }

    public static func perform(_ command: BPTTCommand, key: Key, in state: inout AppState) -> [Effect] {
        guard case var .bptt(screen) = state.screen else { return [] }
        if command == .back {
            if let lab = screen.returnLab {
                state.screen = .lab(lab)
            } else if let start = state.startScreen {
                state.screen = .start(start)
            }
            return []
        }
        if command == .goTo {
            state.overlay = .goTo("")
            return []
        }
        screen.note = nil
        switch command {
        case .step:
            let back = [.left, .char("h"), .pageUp].contains(key)
            let before = screen.t
            screen.t = back ? max(1, screen.t - 1) : min(screen.steps, screen.t + 1)
            screen.playing = false
            screen.revealedFrom = nil
            if screen.t != before { screen.startFlow() }
        case .ends:
            screen.t = key == .home ? 1 : screen.steps
            screen.flowFrame = nil
        case .row: screen.moveEntry(rows: [.up, .char("k")].contains(key) ? -1 : 1)
        case .column: screen.moveEntry(columns: key == .char("[") ? -1 : 1)
        case .tensor:
            screen.cycleTensor()
            screen.note = "following \(GradientExplanation.symbol(of: screen.tensor)) (\(screen.tensor)) at its largest entry"
        case .largest: screen.selectLargest()
        case .explain:
            if screen.explanation != nil { state.overlay = state.overlay == .explain ? nil : .explain }
            else { screen.note = "no gradient to explain: no step has a target" }
        case .play:
            if screen.gradients != nil { screen.togglePlay() }
        case .back, .goTo: break
        }
        state.screen = .bptt(screen)
        return []
    }
}

extension BPTTState {
    public static func tick(in state: inout AppState) -> [Effect] { bpttTick(&state) }

    public static func mouse(x: Int, y: Int, button: MouseButton, in state: inout AppState) -> [Effect] {
        bpttMouse(&state, x: x, y: y, button: button)
    }
}

/// One tick of the BPTT screen's backward sweep.
func bpttTick(_ state: inout AppState) -> [Effect] {
    guard case var .bptt(screen) = state.screen, screen.playing || screen.flowFrame != nil else { return [] }
    // The flow after a step: a few frames, then the tick stops (idle again).
    screen.advanceFlow()
    screen.tick()
    state.screen = .bptt(screen)
    return []
}

/// Mouse on the BPTT screen: a click on the timeline or the heat rows picks a step; scrolling steps.
func bpttMouse(_ state: inout AppState, x: Int, y: Int, button: MouseButton) -> [Effect] {
    guard case var .bptt(screen) = state.screen else { return [] }
    switch button {
    case .scrollUp: return BPTTState.perform(.step, key: .left, in: &state)
    case .scrollDown: return BPTTState.perform(.step, key: .right, in: &state)
    case .left:
        let layout = BPTTLayout(width: state.width, height: state.height, hiddenSize: screen.model.hiddenSize, steps: screen.steps,
                                presenter: state.presenter)
        var step: Int? = nil
        if layout.timeline.contains(x: x, y: y) {
            step = layout.showsChain ? screen.chain.step(atColumn: x, area: layout.timeline)
                : BPTTView.timeline(screen).step(atColumn: x, area: layout.timeline)
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
