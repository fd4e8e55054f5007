import UnrollTUI

/// A tiny terminal for tests: replays the bytes a served session sends (cursor moves, clears,
/// SGR, alternate screen and mode switches) into a grid of characters, so a test compares what a
/// student's terminal would show with the buffer the tutor drew.
struct VirtualScreen {
    var width: Int
    var height: Int
    var grid: [[Character]]
    var x = 0, y = 0
    var alternate = false
    var cursorVisible = true
    var mouse = false
    /// Whether an SGR other than a reset was seen (colour or attribute).
    var sawAttributes = false
    /// Bytes that were not understood (the encoder sends none).
    var unknown: [String] = []

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        grid = Array(repeating: Array(repeating: " ", count: width), count: height)
    }

    var lines: [String] { grid.map { String($0) } }

    mutating func feed(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        var it = Array(text)[...]
        while let ch = it.popFirst() {
            if ch == "\u{1B}" {
                guard it.popFirst() == "[" else { unknown.append("ESC"); continue }
                var params = ""
                while let c = it.first, !(c.isLetter || c == "~") { params.append(c); it.removeFirst() }
                guard let final = it.popFirst() else { return }
                apply(params: params, final: final)
            } else if ch == "\r" {
                x = 0
            } else if ch == "\n" {
                y = min(height - 1, y + 1)
            } else {
                if x < width && y < height { grid[y][x] = ch }
                x += 1
            }
        }
    }

    private mutating func apply(params: String, final: Character) {
        switch final {
        case "H":
            let n = params.split(separator: ";").map { Int($0) ?? 1 }
            y = max(0, (n.first ?? 1) - 1)
            x = max(0, (n.count > 1 ? n[1] : 1) - 1)
        case "J" where params == "2":
            grid = Array(repeating: Array(repeating: " ", count: width), count: height)
        case "m":
            if params != "0" && !params.isEmpty { sawAttributes = true }
        case "h", "l":
            let on = final == "h"
            switch params {
            case "?1049": alternate = on
            case "?25": cursorVisible = on
            case "?1000", "?1006": mouse = on
            default: unknown.append(params + String(final))
            }
        default:
            unknown.append(params + String(final))
        }
    }
}
