import UnrollCore
import UnrollTUI

/// The race screen's keys: start, stop (Esc), and back to the start screen once stopped.
func raceKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    guard case var .race(race) = state.screen else { return [] }
    var effects: [Effect] = []
    switch key {
    case .escape:
        if race.running && !race.stopping {
            race.stop()
            effects.append(.cancelTraining)
        } else if !race.running, let start = state.startScreen {
            state.screen = .start(start)
            return []
        }
    case .char("s"), .enter:
        if let effect = race.start() { effects.append(effect) }
    default: break
    }
    state.screen = .race(race)
    return effects
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
