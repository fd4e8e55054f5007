import UnrollCore

/// Runs the memory race synchronously for `App` (on its background thread) and for plain mode,
/// posting progress at most every `interval` seconds, and at once whenever a run finishes.
public enum RaceRunner {
    /// Runs `configuration` to the end or until `cancel` is raised; posts `.raceProgress` throttled
    /// and `.raceFinished` last.
    public static func run(_ configuration: MemoryRaceRunner.Configuration, cancel: CancellationToken, interval: Double = 0.25,
                    post: @escaping (Msg) -> Void) {
        let clock = ContinuousClock()
        var last: ContinuousClock.Instant? = nil
        var finishedPosted = -1
        let report = MemoryRaceRunner.run(configuration, progress: { p in
            let now = clock.now
            let due = last.map { now - $0 >= .milliseconds(Int64(interval * 1000)) } ?? true
            if due || p.finished.count != finishedPosted {
                last = now
                finishedPosted = p.finished.count
                post(.raceProgress(p))
            }
        }, cancel: cancel)
        post(.raceFinished(report))
    }
}
