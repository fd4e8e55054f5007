import UnrollTUI

/// Mouse events on the gradient screens, routed to the screen's own handler (none while an
/// overlay is open or the terminal is too small).
func gradientMouse(_ state: inout AppState, x: Int, y: Int, button: MouseButton) -> [Effect] {
    guard state.overlay == nil, !state.tooSmall else { return [] }
    switch state.screen {
    case .vanishing: return vanishingMouse(&state, x: x, y: y, button: button)
    case .bptt: return bpttMouse(&state, x: x, y: y, button: button)
    default: return []
    }
}
