import UnrollTUI

/// What the start screen's keys do.
public enum StartCommand: Sendable, Equatable {
    case up, down, first, last, open, jump
}

extension StartState: AppScreen {
    public var name: String { "the start screen" }

    public func keyMap(_ app: AppState) -> KeyMap<StartCommand> {
        KeyMap([
            KeyBinding([.up, .char("k"), .backTab], "the entry above", group: .move, hint: KeyHint("↑/↓", "choose"), command: .up),
            KeyBinding([.down, .char("j"), .tab], "the entry below", group: .move, command: .down),
            KeyBinding([.home, .char("g")], "the first entry", group: .move, command: .first),
            KeyBinding([.end, .char("G")], "the last entry", group: .move, command: .last),
            KeyBinding(patterns: [.digits], "jump to the entry with that number (two digits for 10 and up: 1 then 2 is 12)", group: .move, command: .jump),
            KeyBinding([.enter, .right, .char("l"), .char(" ")], "open the entry", group: .change, hint: KeyHint("Enter", "open"), command: .open),
        ])
    }

    public static func perform(_ command: StartCommand, key: Key, in state: inout AppState) -> [Effect] {
        guard case var .start(start) = state.screen else { return [] }
        defer {
            if case .start = state.screen { state.screen = .start(start) }
            state.startScreen = start
        }
        if command != .jump { start.pendingDigit = nil }
        switch command {
        case .up: start.selected = max(0, start.selected - 1)
        case .down: start.selected = min(start.entries.count - 1, start.selected + 1)
        case .first: start.selected = 0
        case .last: start.selected = max(0, start.entries.count - 1)
        case .jump:
            if case let .char(c) = key, let d = c.wholeNumberValue { start.type(digit: d) }
        case .open:
            guard start.selected < start.entries.count else { return [] }
            let entry = start.entries[start.selected]
            switch entry.action {
            case let .lab(model, input): return [.openLab(model: model, input: input, title: entry.title)]
            case let .lesson(id, step): return [.openLesson(id: id, step: step)]
            case .vanishing: state.screen = .vanishing(VanishingState.standard())
            case let .bptt(model, input): return [.openBPTT(model: model, input: input, title: model)]
            case .race: return openRace(&state, RaceState())
            case let .unavailable(why): state.status = why
            }
        }
        return []
    }

    public func render(_ app: AppState, into buffer: inout Buffer, glyphs: Glyphs) {
        StartView.render(self, state: app, into: &buffer, glyphs: glyphs)
    }

    public var tickMilliseconds: Int? { nil }
}
