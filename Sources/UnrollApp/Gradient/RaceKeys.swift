import UnrollCore
import UnrollTUI

/// What the race screen's keys do.
public enum RaceCommand: Sendable, Equatable {
    case start, playPause, back
}

extension RaceState: AppScreen {
    public var name: String { "the memory race" }

    public func keyMap(_ app: AppState) -> KeyMap<RaceCommand> {
        KeyMap([
            KeyBinding([.char("s"), .enter], "start (or restart) the race in the background", group: .change,
                       hint: running ? nil : KeyHint("s", "start"), command: .start),
            KeyBinding([.char(" ")], "start the race, or stop it while it runs", group: .change, command: .playPause),
            KeyBinding([.escape], "stop a running race; once stopped, back to the start", group: .leave,
                       hint: KeyHint("Esc", running ? "stop" : "back"), command: .back),
        ])
    }

    public var tickMilliseconds: Int? { running ? 100 : nil }

    public func render(_ app: AppState, into buffer: inout Buffer, glyphs: Glyphs) {
        RaceView.render(self, state: app, into: &buffer, glyphs: glyphs)
    }

    public static func perform(_ command: RaceCommand, key: Key, in state: inout AppState) -> [Effect] {
        guard case var .race(race) = state.screen else { return [] }
        var effects: [Effect] = []
        switch command {
        case .back:
            if race.running && !race.stopping {
                race.stop()
                effects.append(.cancelTraining)
            } else if !race.running, let start = state.startScreen {
                state.screen = .start(start)
                return []
            }
        case .playPause where race.running:
            if !race.stopping {
                race.stop()
                effects.append(.cancelTraining)
            }
        case .start, .playPause:
            if let effect = race.start() { effects.append(effect) }
        }
        state.screen = .race(race)
        return effects
    }
}

/// A progress report from the background race.
func raceProgressed(_ state: inout AppState, _ progress: MemoryRaceRunner.Progress) {
    guard case var .race(race) = state.screen else { return }
    race.apply(progress)
    state.screen = .race(race)
}

/// The background race ended (finished or stopped).
func raceEnded(_ state: inout AppState, _ report: MemoryRaceRunner.Report) {
    guard case var .race(race) = state.screen else { return }
    race.finish(report)
    state.screen = .race(race)
}

/// Opens the race screen from the start screen and starts the race at once.
func openRace(_ state: inout AppState, _ race: RaceState) -> [Effect] {
    var race = race
    let effect = race.start()
    state.screen = .race(race)
    state.overlay = nil
    return effect.map { [$0] } ?? []
}
