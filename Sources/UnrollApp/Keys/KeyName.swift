import UnrollTUI

extension Key {
    /// The key as the help and the hint bar spell it: `←`, `PageUp`, `space`, `Shift-Tab`, `q`.
    public var name: String {
        switch self {
        case .char(" "): return "space"
        case let .char(c): return String(c)
        case let .ctrl(c): return "Ctrl-\(String(c).uppercased())"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PageUp"
        case .pageDown: return "PageDown"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .backspace: return "Backspace"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .delete: return "Delete"
        case let .function(n): return "F\(n)"
        }
    }
}
