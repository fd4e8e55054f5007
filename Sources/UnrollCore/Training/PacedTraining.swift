import Foundation
import Synchronization

/// A `TrainingSession` run on its own thread at a human pace, controlled from another thread.
///
/// The controls (pause, one update, pace, settings, stop) go through a `Mutex`-guarded control
/// block the training thread reads between updates; after every update it leaves a snapshot (the
/// current model and the new `UpdateRecord`s) that the screen takes on its own tick. Neither side
/// ever waits for the other: the screen takes whatever is there, training never blocks on the screen.
/// What the run computes depends only on the session and the settings in force at each update,
/// never on the pace or the pauses.
public final class PacedTraining: Sendable {
    /// The default pace: updates a second.
    public static let defaultPace: Double = 20
    /// The paces `faster()` and `slower()` step through (updates a second; nil: as fast as the core goes).
    public static let paces: [Double?] = [1, 2, 5, 10, 20, 50, 100, 200, nil]

    /// What the controlling thread asks for.
    public struct Control: Sendable, Equatable {
        /// Updates a second (nil: unlimited).
        public var pace: Double?
        public var paused: Bool
        /// Updates to do while paused (`.` asks for one).
        public var pendingSteps: Int
        /// The settings from the next update on.
        public var settings: TrainingSettings
        public var stopped: Bool
    }

    /// What the training thread has done since the screen last looked.
    public struct Snapshot: Sendable {
        /// The model after the latest update.
        public var model: RecurrentModel
        /// The updates done since the last `take()`, oldest first.
        public var records: [UpdateRecord]
        /// Updates done in all.
        public var updates: Int
        /// The training thread has ended (stopped, or `maxUpdates` reached).
        public var finished: Bool

        public init(model: RecurrentModel, records: [UpdateRecord], updates: Int, finished: Bool) {
            self.model = model
            self.records = records
            self.updates = updates
            self.finished = finished
        }
    }

    /// The most records a snapshot keeps while nobody takes them (the oldest go first).
    public static let maxPendingRecords = 100_000

    private let control: Mutex<Control>
    private let latest: Mutex<Snapshot?>
    private let wake = NSCondition()
    private let maxUpdates: Int?

    /// Starts training `session` on a new thread, at `pace` updates a second (nil: unlimited),
    /// paused or not; it ends after `maxUpdates` updates (nil: when stopped).
    public init(_ session: TrainingSession, pace: Double? = PacedTraining.defaultPace, paused: Bool = false, maxUpdates: Int? = nil) {
        control = Mutex(Control(pace: pace.map { max(1, $0) }, paused: paused, pendingSteps: 0, settings: session.settings, stopped: false))
        latest = Mutex(nil)
        self.maxUpdates = maxUpdates
        let thread = Thread { [self] in self.loop(session) }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The controls as they stand.
    public var current: Control { control.withLock { $0 } }

    /// Pauses (true) or resumes (false) training.
    public func setPaused(_ paused: Bool) { change { $0.paused = paused; $0.pendingSteps = 0 } }

    /// Pauses, then does exactly one update.
    public func stepOnce() { change { $0.paused = true; $0.pendingSteps += 1 } }

    /// Sets the pace in updates a second (nil: as fast as the core goes; at least 1).
    public func setPace(_ pace: Double?) { change { $0.pace = pace.map { max(1, $0) } } }

    /// Changes the settings from the next update on.
    public func setSettings(_ settings: TrainingSettings) { change { $0.settings = settings } }

    /// Ends the training thread after its current update.
    public func stop() { change { $0.stopped = true } }

    /// The latest snapshot, with the records since the last take; nil when nothing happened since.
    public func take() -> Snapshot? {
        latest.withLock { box in
            let out = box
            box = nil
            return out
        }
    }

    private func change(_ body: (inout Control) -> Void) {
        control.withLock { body(&$0) }
        wake.lock()
        wake.broadcast()
        wake.unlock()
    }

    /// Waits until `deadline` or until a control changes.
    private func sleep(until deadline: Date) {
        wake.lock()
        _ = wake.wait(until: deadline)
        wake.unlock()
    }

    private func loop(_ start: TrainingSession) {
        var session = start
        var lastUpdate: Date? = nil
        var finished = false
        while !finished {
            let c = control.withLock { $0 }
            if c.stopped { break }
            if let maxUpdates, session.updates >= maxUpdates { break }
            if c.paused && c.pendingSteps == 0 {
                sleep(until: Date().addingTimeInterval(0.05))
                continue
            }
            if !c.paused, let pace = c.pace, let last = lastUpdate {
                let due = last.addingTimeInterval(1 / pace)
                if due > Date() {
                    // A control change (pause, pace, stop) wakes the wait early.
                    sleep(until: due)
                    continue
                }
            }
            // Taken and applied between updates, in one lock: a step asked for is done with the settings of its moment.
            let settings = control.withLock { box -> TrainingSettings? in
                if box.stopped { return nil }
                if box.paused {
                    guard box.pendingSteps > 0 else { return nil }
                    box.pendingSteps -= 1
                }
                return box.settings
            }
            guard let settings else { continue }
            if settings != session.settings { session.settings = settings }
            let record = session.step()
            lastUpdate = Date()
            if let maxUpdates, session.updates >= maxUpdates { finished = true }
            post(session, record, finished: finished)
        }
        if !finished { post(session, nil, finished: true) }
    }

    private func post(_ session: TrainingSession, _ record: UpdateRecord?, finished: Bool) {
        latest.withLock { box in
            var snapshot = box ?? Snapshot(model: session.model, records: [], updates: session.updates, finished: false)
            snapshot.model = session.model
            if let record { snapshot.records.append(record) }
            if snapshot.records.count > Self.maxPendingRecords { snapshot.records.removeFirst(snapshot.records.count - Self.maxPendingRecords) }
            snapshot.updates = session.updates
            snapshot.finished = finished
            box = snapshot
        }
    }
}
