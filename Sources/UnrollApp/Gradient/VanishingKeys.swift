import UnrollCore
import UnrollTUI

/// What the vanishing screen's keys do (the key tells the direction).
public enum VanishingCommand: Sendable, Equatable {
    case scale, unitRadius, distance, farDistance, ends, goTo, depth, function, variant, gate, reset, back
}

/// The vanishing screen: every command that changes a setting recomputes through the core here,
/// in `update`, so `view` only draws.
extension VanishingState: AppScreen {
    public var name: String { "vanishing and exploding gradients" }

    public func keyMap(_ app: AppState) -> KeyMap<VanishingCommand> {
        KeyMap([
            KeyBinding([.up, .down, .char("k"), .char("j")], "scale W up / down by 1.1; every W panel follows", group: .change,
                       hint: KeyHint("↑/↓", "scale W"), command: .scale),
            KeyBinding([.left, .right, .char("h"), .char("l")], "move the distance cursor d", group: .move, hint: KeyHint("←/→", "distance"), command: .distance),
            KeyBinding([.pageUp, .pageDown], "move the distance cursor d by 10 steps", group: .move, command: .farDistance),
            KeyBinding([.home, .end], "distance 0 / T", group: .move, command: .ends),
            KeyBinding([.char("g")], "go to a distance: type it, then Enter", group: .move, command: .goTo),
            KeyBinding([.char("+"), .char("="), .char("-"), .char("_")], "compose the function more / fewer times (n)", group: .change,
                       hint: KeyHint("+/-", "n"), command: .depth),
            KeyBinding([.char("f")], "the composed function: sigmoid, tanh, relu", group: .change, hint: KeyHint("f", "function"), command: .function),
            KeyBinding([.char("u")], "scale W so that its spectral radius is exactly 1", group: .change, hint: KeyHint("u", "ρ=1", ascii: "rho=1"), command: .unitRadius),
            KeyBinding([.char("v")], "the compared RNN (squash × initialisation)", group: .change, hint: KeyHint("v", "RNN variant"), command: .variant),
            KeyBinding([.char("w")], "gated models: the gate whose block of W_hh is shown", group: .look, command: .gate),
            KeyBinding([.char("r")], "reset: c = 1, n = 10, sigmoid", group: .change, hint: KeyHint("r", "reset"), command: .reset),
            KeyBinding([.escape], "back to the start screen", group: .leave, hint: KeyHint("Esc", "back"), command: .back),
        ])
    }

    public var mouseHelp: String? { "click the distance plot to move d; scroll scales W" }

    public var goToRange: (range: ClosedRange<Int>, noun: String)? { (0...max(0, steps), "distance d") }

    public static func go(toStep n: Int, in state: inout AppState) -> [Effect] {
        guard case var .vanishing(screen) = state.screen else { return [] }
        screen.setDistance(n)
        state.screen = .vanishing(screen)
        return []
    }

    public func render(_ app: AppState, into buffer: inout Buffer, glyphs: Glyphs) {
        VanishingView.render(self, state: app, into: &buffer, glyphs: glyphs)
    }

    public static func perform(_ command: VanishingCommand, key: Key, in state: inout AppState) -> [Effect] {
        guard case var .vanishing(screen) = state.screen else { return [] }
        switch command {
        case .back:
            if let start = state.startScreen { state.screen = .start(start) }
            return []
        case .goTo:
            state.overlay = .goTo("")
            return []
        default: break
        }
        screen.note = nil
        switch command {
        case .scale: screen.scale(by: [.up, .char("k")].contains(key) ? VanishingState.scaleStep : 1 / VanishingState.scaleStep)
        case .unitRadius: screen.scaleToUnitRadius()
        case .distance: screen.moveDistance(by: [.left, .char("h")].contains(key) ? -1 : 1)
        case .farDistance: screen.moveDistance(by: key == .pageUp ? -10 : 10)
        case .ends: screen.setDistance(key == .home ? 0 : screen.steps)
        case .depth: screen.setDepth(screen.settings.depth + ([.char("+"), .char("=")].contains(key) ? 1 : -1))
        case .function: screen.cycleFunction()
        case .variant:
            screen.cycleVariant()
            if let curve = screen.rnnCurve { screen.note = "comparing \(curve.label) with the LSTM and the GRU" }
        case .gate: screen.cycleGate()
        case .reset: screen.reset()
        case .back, .goTo: break
        }
        state.screen = .vanishing(screen)
        return []
    }
}

extension VanishingState {
    public static func mouse(x: Int, y: Int, button: MouseButton, in state: inout AppState) -> [Effect] {
        vanishingMouse(&state, x: x, y: y, button: button)
    }
}

/// Mouse on the vanishing screen: a click on the distance plot moves d; scrolling scales W.
func vanishingMouse(_ state: inout AppState, x: Int, y: Int, button: MouseButton) -> [Effect] {
    guard case var .vanishing(screen) = state.screen else { return [] }
    switch button {
    case .scrollUp: return VanishingState.perform(.scale, key: .up, in: &state)
    case .scrollDown: return VanishingState.perform(.scale, key: .down, in: &state)
    case .left:
        let layout = VanishingLayout(width: state.width, height: state.height, presenter: state.presenter)
        let inner = Block().inner(layout.distance)
        guard inner.contains(x: x, y: y),
              let d = VanishingView.distancePlot(screen, glyphs: .ascii).xValue(atColumn: x, area: inner) else { return [] }
        screen.setDistance(Int((d + 0.5).rounded(.down)))
        state.screen = .vanishing(screen)
    default: break
    }
    return []
}
