import UnrollCore

/// The memory race screen: an RNN, an LSTM and a GRU trained to recall the first symbol after N
/// distractors, for each delay N, in the background; live progress per cell and the held-out
/// accuracy against delay as runs finish.
///
/// The race runs in `App` on a background thread (`Effect.race`); its progress arrives as
/// `Msg.raceProgress` and its report as `Msg.raceFinished`. Everything shown is derived from those
/// messages here, in `update`.
///
/// ```swift
/// var race = RaceState(configuration: .init(delays: [2, 10]))
/// let effects = race.start()      // [.race(configuration)]
/// ```
public struct RaceState: Sendable {
    public var title: String
    public var configuration: MemoryRaceRunner.Configuration
    /// Whether a race is running in the background (until its report arrives).
    public private(set) var running: Bool
    /// Whether a stop was asked for and the report is awaited.
    public private(set) var stopping: Bool
    /// The latest progress report.
    public private(set) var progress: MemoryRaceRunner.Progress?
    /// Finished runs (cells within delays).
    public private(set) var results: [MemoryRaceRunner.Result]
    /// Per cell of `configuration.cells`: the share of its runs done, 0…1.
    public private(set) var cellFractions: [Double]
    /// The share of all token steps done, 0…1.
    public private(set) var fractionDone: Double
    /// Whether the last race was stopped before the end.
    public private(set) var cancelled: Bool
    /// Wall time of the last finished race.
    public var seconds: Double?
    /// A one-line message for the status bar.
    public var note: String?
    /// The runs in flight (several at once when the race uses more than one core): run index →
    /// its cell and the share of its updates done, so each cell's bar counts all of its runs.
    private var inFlight: [Int: (cell: CellKind, delay: Int, fraction: Double)] = [:]

    /// A race screen for `configuration` (not started: `start()` returns the effect).
    /// The default race uses every core: its bars count every run in flight (`apply`).
    public init(title: String = "the memory race",
                configuration: MemoryRaceRunner.Configuration = MemoryRaceRunner.Configuration(threads: MemoryRaceRunner.Configuration.allCores)) {
        self.title = title
        self.configuration = configuration
        running = false
        stopping = false
        progress = nil
        results = []
        cellFractions = [Double](repeating: 0, count: configuration.cells.count)
        fractionDone = 0
        cancelled = false
    }

    /// Chance: one symbol in four guessed at random.
    public var chance: Double { 1 / Double(max(1, MemoryRace(delay: 0).symbols.count)) }

    /// Clears the results and asks for the race to run; nil while one is running.
    public mutating func start() -> Effect? {
        guard !running else {
            note = "the race is already running (Esc stops it)"
            return nil
        }
        running = true
        stopping = false
        cancelled = false
        progress = nil
        results = []
        seconds = nil
        cellFractions = [Double](repeating: 0, count: configuration.cells.count)
        fractionDone = 0
        inFlight = [:]
        let runs = configuration.cells.count * configuration.delays.count
        note = "racing \(runs) runs of \(configuration.steps) updates in the background (Esc stops)"
        return .race(configuration)
    }

    /// Marks the race as stopping; the caller sends `Effect.cancelTraining`.
    public mutating func stop() {
        guard running else { return }
        stopping = true
        note = "stopping after the current update…"
    }

    /// Applies a progress report: the finished runs, each cell's share of its runs, the current run.
    public mutating func apply(_ p: MemoryRaceRunner.Progress) {
        guard running else { return }
        progress = p
        results = p.finished
        fractionDone = p.fractionDone
        let delays = Double(max(1, configuration.delays.count))
        inFlight[p.run] = (p.cell, p.delay, p.steps > 0 ? Double(p.step) / Double(p.steps) : 0)
        inFlight = inFlight.filter { _, run in !p.finished.contains { $0.cell == run.cell && $0.delay == run.delay } }
        let previous = cellFractions
        cellFractions = configuration.cells.enumerated().map { k, cell in
            let done = Double(p.finished.filter { $0.cell == cell }.count)
            let current = inFlight.values.filter { $0.cell == cell }.reduce(0) { $0 + $1.fraction }
            // Reports from parallel runs may arrive a little out of order: a bar never moves back.
            return max(k < previous.count ? previous[k] : 0, min(1, (done + current) / delays))
        }
    }

    /// Applies the final report (finished or cancelled). No other race can have started meanwhile:
    /// `start()` refuses while one runs, and the screen cannot be left until its report arrives.
    public mutating func finish(_ report: MemoryRaceRunner.Report) {
        running = false
        stopping = false
        results = report.results
        cancelled = report.cancelled
        seconds = report.seconds
        progress = nil
        inFlight = [:]
        let delays = Double(max(1, configuration.delays.count))
        cellFractions = configuration.cells.map { cell in Double(report.results.filter { $0.cell == cell }.count) / delays }
        let total = configuration.cells.count * configuration.delays.count
        fractionDone = report.cancelled ? fractionDone : 1
        note = report.cancelled ? "stopped: \(report.results.count) of \(total) runs finished (s starts again)"
            : "finished \(total) runs. " + (longestDelaySummary ?? "") + "  (s runs again)"
    }

    /// Every cell's held-out accuracy at the longest delay with a finished run: `at N=30: RNN 23% · LSTM 25% · GRU 100%`.
    public var longestDelaySummary: String? {
        guard let delay = configuration.delays.filter({ d in results.contains { $0.delay == d } }).max() else { return nil }
        let parts = configuration.cells.compactMap { cell in accuracy(cell: cell, delay: delay).map { "\(cell.displayName) " + percent($0) } }
        return "at N=\(delay): " + parts.joined(separator: " · ")
    }

    private func percent(_ x: Double) -> String { x.isFinite ? "\(Int((x * 100).rounded()))%" : "--%" }

    /// The held-out accuracy of `cell` at `delay`, once that run has finished.
    public func accuracy(cell: CellKind, delay: Int) -> Double? {
        results.first { $0.cell == cell && $0.delay == delay }?.accuracy
    }
}

extension AppState {
    /// The memory race screen, when it is showing.
    public var race: RaceState? {
        if case let .race(r) = screen { return r }
        return nil
    }
}
