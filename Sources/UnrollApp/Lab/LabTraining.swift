import UnrollCore
import UnrollLessons
import UnrollTUI

/// A live training run as the screen sees it: what it trains on, its settings and pace, and the
/// curves so far (one value per update). The run itself is a `PacedTraining` the app holds; this is
/// the part that is drawn.
public struct LiveTraining: Sendable, Equatable {
    /// What it trains on, as the screen names it ("this sentence", …).
    public var data: String
    public var settings: TrainingSettings
    /// Updates a second (nil: as fast as the core goes).
    public var pace: Double?
    public var paused: Bool
    /// The training thread is alive (false once stopped: the panel stays, the keys return to the lab).
    public var running: Bool
    /// Stopped by a key, its last snapshot not yet taken (the screen keeps ticking for it).
    public var ending = false
    /// Updates done in all (over every run since the model was last reset).
    public var updates: Int
    /// Updates done before the current run (a run started again after `t` stopped it).
    public var offset: Int
    /// Per update: the summed loss of what it trained on, the gradient norm before and after clipping.
    public var losses: [Double] = []
    public var normsBefore: [Double] = []
    public var normsAfter: [Double] = []
    /// The epoch of the latest update.
    public var epoch = 0

    public init(data: String, settings: TrainingSettings, pace: Double? = PacedTraining.defaultPace, paused: Bool = false,
                running: Bool = true, updates: Int = 0) {
        self.data = data
        self.settings = settings
        self.pace = pace
        self.paused = paused
        self.running = running
        self.updates = updates
        offset = updates
    }

    /// Takes the updates of a snapshot.
    mutating func record(_ records: [UpdateRecord]) {
        for r in records {
            losses.append(r.loss)
            normsBefore.append(r.normBefore)
            normsAfter.append(r.normAfter)
            epoch = r.epoch
        }
        updates = offset + (records.last?.update ?? (updates - offset))
    }

    /// "running", "paused" or "stopped".
    public var stateName: String { running ? (paused ? "paused" : "running") : "stopped" }

    /// The pace as shown: "20/s" or "unlimited".
    public var paceName: String { pace.map { "\(Self.setting($0))/s" } ?? "unlimited" }

    /// Settings as shown: "Adam lr 0.02 · clip off · BPTT full".
    public var settingsLine: String { settingsItems.joined(separator: " · ") }

    /// The settings one by one: optimizer and learning rate, clipping, truncation.
    public var settingsItems: [String] {
        let opt = settings.optimizer == .adam ? "Adam" : "SGD"
        let clip = settings.clipNorm.map { "clip ‖g‖≤\(Self.setting($0))" } ?? "clip off"
        let bptt = settings.bpttWindow.map { "BPTT k=\($0)" } ?? "BPTT full"
        return ["\(opt) lr \(Self.setting(settings.learningRate))", clip, bptt]
    }

    /// A setting's value as typed: 0.02, 5, 0.0025 (shortest round-trip digits, no trailing ".0").
    static func setting(_ v: Double) -> String {
        let d = v.description
        return d.hasSuffix(".0") ? String(d.dropLast(2)) : d
    }

    /// The clipping thresholds `c` steps through (nil: off).
    static let clipSteps: [Double?] = [nil, 5, 1, 0.25]
    /// The truncation windows `k` steps through (nil: full BPTT).
    static let windowSteps: [Int?] = [nil, 1, 2, 4, 8]

    /// The next value after `current` in `steps` (wrapping).
    static func next<T: Equatable>(_ current: T, in steps: [T]) -> T {
        let i = steps.firstIndex(of: current) ?? 0
        return steps[(i + 1) % steps.count]
    }

    /// The pace one step faster (`+`) or slower (`-`) along `PacedTraining.paces`.
    static func pace(_ current: Double?, faster: Bool) -> Double? {
        let paces = PacedTraining.paces
        let i = paces.firstIndex(of: current) ?? paces.firstIndex(of: PacedTraining.defaultPace) ?? 0
        return paces[faster ? min(paces.count - 1, i + 1) : max(0, i - 1)]
    }
}

/// A change to the running training the app passes to its `PacedTraining`.
public enum TrainingControl: Sendable, Equatable {
    case paused(Bool)
    case stepOnce
    case pace(Double?)
    case settings(TrainingSettings)
}

/// A training run for the app to start (`Effect.train`).
public struct TrainingStart: Sendable {
    public var session: TrainingSession
    public var pace: Double?
    public var paused: Bool
}

extension LabState {
    /// What `t` trains on here: the scene's `train:` source, else by the model's words (the book's
    /// stories, the dinner cycle, the race), else the lab's own sequence.
    public var trainingSource: TrainingSource {
        if let chosen = trainingChoice, chosen.problem(for: model, hasTargets: hasTargets) == nil { return chosen }
        for source in [TrainingSource.story, .dinner, .race] where source.problem(for: model, hasTargets: hasTargets) == nil { return source }
        return .sentence
    }

    var hasTargets: Bool { targets?.contains { $0 != nil } == true }

    /// The data of `trainingSource`, seeded by `trainingSeed`.
    public func trainingData() -> TrainingData {
        switch trainingSource {
        case .story: return .stories(ChildrensBook(), sentences: 50, seed: trainingSeed)
        case .dinner: return .dinnerCycle(DinnerCycle(menu: model.vocab ?? DinnerCycle().menu))
        case .race: return .race(MemoryRace(delay: 10), batch: 32, seed: trainingSeed)
        case .sentence: return .sentence(Example(input: input, targets: targets ?? []))
        }
    }

    /// The settings a run starts with: Adam; a smaller step on one sentence (so its loss falls over
    /// seconds at the default pace, not in one); a model whose W_hh is
    /// all zero (a feed-forward network) keeps it at zero, so it stays memoryless.
    public func defaultTrainingSettings() -> TrainingSettings {
        let L = model.layout
        let memoryless = model.parameters[L.weightHH..<L.biasIH].allSatisfy { $0 == 0 }
        return TrainingSettings(optimizer: .adam, learningRate: trainingSource == .sentence ? 0.005 : 0.02,
                                frozenTensors: memoryless ? ["weight_hh_l0"] : [])
    }

    /// Starts (or starts again, from the current weights) a paced run.
    mutating func startTraining() -> Effect? {
        guard trainingSource != .sentence || hasTargets else {
            note = "nothing to train on: this sequence has no targets"
            return nil
        }
        let previous = training
        let settings = previous?.settings ?? defaultTrainingSettings()
        var live = LiveTraining(data: trainingData().name, settings: settings, pace: previous?.pace ?? PacedTraining.defaultPace,
                                updates: previous?.updates ?? 0)
        if let previous {
            live.losses = previous.losses
            live.normsBefore = previous.normsBefore
            live.normsAfter = previous.normsAfter
            live.epoch = previous.epoch
        }
        training = live
        if labelsWere == nil, let labels = model.hiddenLabels { labelsWere = labels }
        var start = model
        start.hiddenLabels = nil
        playing = false
        note = "training on \(live.data) from the current weights (t stops, space pauses, . one update)"
        return .train(TrainingStart(session: TrainingSession(model: start, data: trainingData(), settings: settings), pace: live.pace, paused: false))
    }

    /// Re-initialises the weights (seeded by `trainingSeed`), keeping the shape; the labels go.
    mutating func reinitialise() {
        var fresh = model
        var rng = SeededRandom(seed: trainingSeed)
        fresh.initialise(using: &rng)
        if labelsWere == nil, let labels = model.hiddenLabels { labelsWere = labels }
        fresh.hiddenLabels = nil
        training = nil
        setModel(fresh)
        note = "re-initialised (seed \(trainingSeed)): t trains from here, r restores the model the screen opened with"
    }

    /// Takes a snapshot of the running training: the new weights and the updates since the last.
    mutating func takeTraining(_ snapshot: PacedTraining.Snapshot) {
        guard var live = training else { return }
        live.record(snapshot.records)
        if snapshot.finished {
            live.running = false
            live.ending = false
        }
        training = live
        if snapshot.model.layout == model.layout { setModel(snapshot.model) }
    }

    /// A training key pressed while a run exists: the effect it asks of the run, if any.
    mutating func trainingKey(_ command: LabCommand, key: Key) -> [Effect] {
        guard var live = training, live.running else { return [] }
        defer { training = live }
        // Keys sharing a line share a command: the key says which.
        var command = command
        if command == .trainPause && key == .char(".") { command = .trainStep }
        if command == .trainOptimizer && key == .char("c") { command = .trainClip }
        if command == .trainOptimizer && key == .char("k") { command = .trainTruncation }
        switch command {
        case .trainPause:
            live.paused.toggle()
            note = live.paused ? "paused at update \(live.updates): space resumes, . does one update" : "training resumed"
            return [.controlTraining(.paused(live.paused))]
        case .trainStep:
            live.paused = true
            note = "one update (paused: space resumes)"
            return [.controlTraining(.stepOnce)]
        case .trainPace:
            live.pace = LiveTraining.pace(live.pace, faster: key == .char("+") || key == .char("="))
            note = "pace \(live.paceName)"
            return [.controlTraining(.pace(live.pace))]
        case .trainRate:
            let factor = key == .char("]") ? 2.0 : 0.5
            live.settings.learningRate = min(10, max(1e-6, live.settings.learningRate * factor))
        case .trainOptimizer:
            live.settings.optimizer = live.settings.optimizer == .adam ? .sgd : .adam
        case .trainClip:
            live.settings.clipNorm = LiveTraining.next(live.settings.clipNorm, in: LiveTraining.clipSteps)
        case .trainTruncation:
            live.settings.bpttWindow = LiveTraining.next(live.settings.bpttWindow, in: LiveTraining.windowSteps)
        default: return []
        }
        note = "from the next update: " + live.settingsLine
        return [.controlTraining(.settings(live.settings))]
    }

    /// The label of unit `u`: the model's, "was: Doug" once training has changed a labelled model, else "unit u".
    public func unitLabel(_ u: Int) -> String {
        if let labels = model.hiddenLabels, u < labels.count { return labels[u] }
        if let was = labelsWere, u < was.count { return "was: " + was[u] }
        return "unit \(u)"
    }

    /// Whether the screen should tick for the training (running, or its last snapshot still to come).
    public var trainingTicks: Bool { training.map { $0.running || $0.ending } == true }

    /// Stops the run; its last snapshot is still taken.
    mutating func stopTraining() {
        training?.running = false
        training?.ending = true
    }

    /// The file `w` writes: a safe name in the current directory from the lab's title and the update count.
    public var trainedModelFileName: String {
        let slug = String(title.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
            .split(separator: "-").prefix(4).joined(separator: "-")
        return "trained-\(slug.isEmpty ? "model" : slug)-\(training?.updates ?? 0).json"
    }
}

/// The training keys, bound while a run exists (they shadow the keys they share with the screen).
/// Keys that share a line share a command; the key tells which (space pauses, `.` does one update; `o`, `c`, `k`).
func trainingBindings<C: Sendable>(_ wrap: (LabCommand) -> C) -> [KeyBinding<C>] {
    [
        KeyBinding([.char(" "), .char(".")], "training: pause / resume; . one update", group: .change,
                   hint: KeyHint("space", "pause"), command: wrap(.trainPause)),
        KeyBinding([.char("+"), .char("-"), .char("=")], "training pace: faster / slower", group: .change,
                   hint: KeyHint("+/-", "pace"), command: wrap(.trainPace)),
        KeyBinding([.char("["), .char("]")], "learning rate ÷2 / ×2", group: .change, hint: KeyHint("[/]", "lr"), command: wrap(.trainRate)),
        KeyBinding([.char("o"), .char("c"), .char("k")], "o optimizer · c clipping · k BPTT truncation", group: .change,
                   command: wrap(.trainOptimizer)),
        KeyBinding([.char("w")], "write the trained model to a new file", group: .change, hint: KeyHint("w", "write"), command: wrap(.writeModel)),
    ]
}

/// `first`, then `rest` with every key `first` binds taken out (a binding left with none is dropped),
/// so help never lists a key twice.
func shadowing<C: Sendable>(_ first: [KeyBinding<C>], over rest: [KeyBinding<C>]) -> [KeyBinding<C>] {
    let taken = Set(first.flatMap(\.entry.patterns))
    return first + rest.compactMap { b in
        var b = b
        let count = b.entry.patterns.count
        b.entry.patterns.removeAll { taken.contains($0) }
        if b.entry.patterns.count != count { b.entry.hint = nil }
        return b.entry.patterns.isEmpty ? nil : b
    }
}
