import Foundation
import SnapshotTesting
import Testing
import UnrollApp
import UnrollCore
import UnrollTUI

/// The memory race: progress messages drive the per-cell bars, the table and the accuracy plot;
/// the race runs in the background through `App`, is stopped by Esc, and q cancels it before quitting.
@Suite struct RaceScreenTests {
    /// A race small enough for a debug build: 3 cells × 2 delays, 30 updates each, on one thread
    /// (its reports come in run order, which the frame assertions below name).
    static let small = MemoryRaceRunner.Configuration(delays: [2, 4], hiddenSize: 6, steps: 30, batchSize: 8, evaluationSize: 64,
                                                      probeInterval: 10, probeSize: 16, threads: 1)

    /// Every progress report of a synchronous run of `small`, and its report.
    static let recorded: ([MemoryRaceRunner.Progress], MemoryRaceRunner.Report) = {
        var progress: [MemoryRaceRunner.Progress] = []
        let report = MemoryRaceRunner.run(small, progress: { progress.append($0) })
        return (progress, report)
    }()

    static func state(_ race: RaceState = RaceState(configuration: small), width: Int = 100, height: Int = 30) -> AppState {
        var s = AppState(screen: .start(StartState(entries: StartState.gradientLab(shipped: []))), width: width, height: height)
        s.screen = .race(race)
        return s
    }

    @Test func progressMessagesDriveTheBarsTheTableAndThePlot() throws {
        let (progress, report) = Self.recorded
        var s = Self.state()
        #expect(AppFixtures.frame(s).contains("not started"))
        let effects = AppFixtures.press(&s, [.char("s")])
        #expect(effects.count == 1 && effects.allSatisfy(\.isRaceEffect))
        #expect(s.race?.running == true && s.tickMilliseconds == 100)
        #expect(AppFixtures.frame(s).contains("starting…"))
        var previous = [0.0, 0.0, 0.0]
        var sawFirstFinish = false
        for p in progress {
            _ = update(&s, .raceProgress(p))
            let race = try #require(s.race)
            #expect(race.results.count == p.finished.count)
            #expect(zip(race.cellFractions, previous).allSatisfy { $0 >= $1 - 1e-12 && $0 <= 1 }, "bars only grow")
            previous = race.cellFractions
            if p.finished.count == 1 && !sawFirstFinish {
                sawFirstFinish = true
                let text = AppFixtures.frame(s)
                #expect(text.contains("1/6 runs"))
                #expect(text.contains("RNN  1/2 delays"))
                #expect(text.contains("now: LSTM at N=2, update \(p.step)/30"))
                let rnn = try #require(race.accuracy(cell: .rnn, delay: 2))
                let row = try #require(text.split(separator: "\n").first { $0.contains("│2 ") })
                #expect(row.contains(NumberFormat.percent(rnn)), "the table shows the finished run")
                #expect(row.contains("…"), "and marks the running one")
                #expect(RaceView.plot(race).series[0].points == [LinePlot.Point(2, rnn)], "the plot gains the point")
            }
        }
        #expect(sawFirstFinish)
        _ = update(&s, .raceFinished(report))
        let race = try #require(s.race)
        #expect(!race.running && !race.cancelled && s.tickMilliseconds == nil)
        #expect(race.results.count == 6 && race.cellFractions == [1, 1, 1] && race.fractionDone == 1)
        for cell in Self.small.cells {
            #expect(RaceView.plot(race).series.first { $0.name == cell.displayName }?.points.count == 2)
        }
        let text = AppFixtures.frame(s)
        for r in report.results { #expect(text.contains(NumberFormat.percent(r.accuracy))) }
        #expect(text.contains("finished 6 runs. at N=4: RNN "))
        #expect(text.contains("done in " + NumberFormat.fixed(report.seconds, decimals: 1) + " s"))
    }

    @Test func theRaceRunsInTheBackgroundAndMatchesASynchronousRun() throws {
        let app = App(state: Self.state())
        #expect(app.handle(.key(.char("s"))) == .continue)
        #expect(app.tickMilliseconds == 100)
        app.waitForBackgroundWork(timeoutSeconds: 120)
        let race = try #require(app.state.race)
        #expect(!race.running && race.results.count == 6)
        let expected = Self.recorded.1.results
        #expect(race.results.map(\.accuracy) == expected.map(\.accuracy), "seeded: the same numbers as a synchronous run")
        #expect(race.results.map(\.cell) == expected.map(\.cell) && race.results.map(\.delay) == expected.map(\.delay))
    }

    @Test func escStopsARunningRaceThenReturns() throws {
        var long = Self.small
        long.steps = 1_000_000
        let app = App(state: Self.state(RaceState(configuration: long)))
        _ = app.handle(.key(.char("s")))
        Thread.sleep(forTimeInterval: 0.3)
        _ = app.handle(.tick)
        _ = app.handle(.key(.escape))
        #expect(app.state.race?.stopping == true)
        app.waitForBackgroundWork(timeoutSeconds: 30)
        let race = try #require(app.state.race)
        #expect(!race.running && race.cancelled && race.results.isEmpty)
        var buffer = Buffer(width: 100, height: 30)
        app.render(into: &buffer, glyphs: .utf8)
        #expect(buffer.text.contains("stopped: 0 of 6 runs finished"))
        _ = app.handle(.key(.escape))
        if case .start = app.state.screen {} else { Issue.record("Esc on a stopped race returns to the start screen") }
    }

    @Test func qCancelsARunningRaceBeforeQuitting() throws {
        var s = Self.state()
        AppFixtures.press(&s, [.char("s")])
        let effects = AppFixtures.press(&s, [.char("q")])
        #expect(effects.count == 2 && effects[0].isCancelEffect && effects[1].isQuit)
        let app = App(state: Self.state(RaceState(configuration: MemoryRaceRunner.Configuration(steps: 1_000_000))))
        _ = app.handle(.key(.char("s")))
        #expect(app.handle(.key(.char("q"))) == .quit(exitCode: 0))
        app.waitForBackgroundWork(timeoutSeconds: 30)
        #expect(app.state.race?.running == false, "the background race stopped")
    }

    @Test func theStartEntryOpensAndStartsTheRace() throws {
        var s = AppState(screen: .start(StartState(entries: StartState.gradientLab(shipped: []), selected: 1)))
        #expect(s.startScreen?.entries.count == 2, "no BPTT entry without a shipped book model")
        let effects = AppFixtures.press(&s, [.enter])
        #expect(effects.count == 1 && effects[0].isRaceEffect)
        #expect(s.race?.running == true)
        #expect(s.race?.configuration == MemoryRaceRunner.Configuration(threads: MemoryRaceRunner.Configuration.allCores),
                "the default race: 3 cells × 6 delays, on every core")
        AppFixtures.press(&s, [.char("s")])
        #expect(s.race?.note?.contains("already running") == true)
    }

    @Test func helpListsEveryKey() throws {
        var s = Self.state()
        AppFixtures.press(&s, [.char("?")])
        let text = AppFixtures.frame(s)
        for needle in ["restart) the race", "stop a running race", "quit, from anywhere"] { #expect(text.contains(needle), "help lacks \(needle)") }
    }

    /// On two cores the runs' reports interleave: every cell's bar still only grows, counts all of
    /// its runs, and ends full.
    @Test func parallelRunsReportsKeepEveryBarGrowing() throws {
        var parallel = Self.small
        parallel.threads = 2
        var progress: [MemoryRaceRunner.Progress] = []
        let report = MemoryRaceRunner.run(parallel, progress: { progress.append($0) })
        #expect(Set(progress.map(\.run)).count == 6)
        var race = RaceState(configuration: parallel)
        _ = race.start()
        var previous = [0.0, 0.0, 0.0]
        for p in progress {
            race.apply(p)
            #expect(zip(race.cellFractions, previous).allSatisfy { $0 >= $1 - 1e-12 && $0 <= 1 }, "bars only grow: \(race.cellFractions)")
            previous = race.cellFractions
        }
        race.finish(report)
        #expect(race.cellFractions == [1, 1, 1])
        #expect(report.results.count == 6)
    }

    @Test func framesAtEverySize() throws {
        let (progress, report) = Self.recorded
        var running = RaceState(configuration: Self.small)
        _ = running.start()
        let mid = try #require(progress.first { $0.finished.count == 3 && $0.step == 20 })
        running.apply(mid)
        var finished = running
        finished.finish(report)
        finished.seconds = 1.5
        for (name, race) in [("race-idle", RaceState(configuration: Self.small)), ("race-running", running), ("race-finished", finished)] {
            for (w, h) in ScreenSnapshotTests.sizes {
                var buffer = Buffer(width: w, height: h)
                view(Self.state(race, width: w, height: h), into: &buffer, glyphs: .utf8)
                assertSnapshot(of: buffer.text, as: .lines, named: "\(name)-\(w)x\(h)")
            }
            var ascii = Buffer(width: 100, height: 30)
            view(Self.state(race), into: &ascii, glyphs: .ascii)
            #expect(ascii.text.allSatisfy { $0.isASCII } && !ascii.lines.dropLast().joined().contains("?"), "\(name) reads in ASCII")
        }
    }

    @Test func plainReportIsTheTable() throws {
        var race = RaceState(configuration: Self.small)
        _ = race.start()
        race.finish(Self.recorded.1)
        let report = GradientReport.race(race)
        #expect(report.contains("N          RNN    LSTM     GRU"))
        for r in Self.recorded.1.results { #expect(report.contains(NumberFormat.percent(r.accuracy))) }
    }
}

extension Effect {
    var isRaceEffect: Bool { if case .race = self { return true } else { return false } }
    var isCancelEffect: Bool { if case .cancelTraining = self { return true } else { return false } }
}
