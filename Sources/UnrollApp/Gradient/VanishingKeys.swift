import UnrollCore
import UnrollTUI

/// The vanishing screen's keys: every key that changes a setting recomputes through the core here,
/// in `update`, so `view` only draws.
func vanishingKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    guard case var .vanishing(screen) = state.screen else { return [] }
    if key == .escape {
        if let start = state.startScreen { state.screen = .start(start) }
        return []
    }
    screen.note = nil
    switch key {
    case .up, .char("k"): screen.scale(by: VanishingState.scaleStep)
    case .down, .char("j"): screen.scale(by: 1 / VanishingState.scaleStep)
    case .char("u"): screen.scaleToUnitRadius()
    case .left, .char("h"): screen.moveDistance(by: -1)
    case .right, .char("l"): screen.moveDistance(by: 1)
    case .pageUp: screen.moveDistance(by: -10)
    case .pageDown: screen.moveDistance(by: 10)
    case .home: screen.setDistance(0)
    case .end: screen.setDistance(screen.steps)
    case .char("+"), .char("="): screen.setDepth(screen.settings.depth + 1)
    case .char("-"), .char("_"): screen.setDepth(screen.settings.depth - 1)
    case .char("f"): screen.cycleFunction()
    case .char("v"):
        screen.cycleVariant()
        if let curve = screen.rnnCurve { screen.note = "comparing \(curve.label) with the LSTM and the GRU" }
    case .char("g"): screen.cycleGate()
    case .char("r"): screen.reset()
    default: break
    }
    state.screen = .vanishing(screen)
    return []
}

/// Mouse on the vanishing screen: a click on the distance plot moves d; scrolling scales W.
func vanishingMouse(_ state: inout AppState, x: Int, y: Int, button: MouseButton) -> [Effect] {
    guard case var .vanishing(screen) = state.screen else { return [] }
    switch button {
    case .scrollUp: return vanishingKey(&state, .up)
    case .scrollDown: return vanishingKey(&state, .down)
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
