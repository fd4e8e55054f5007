import Synchronization
import UnrollCore

/// Results of slow analyses, kept by whoever runs the scenes (a `SceneRunner` owns one) rather
/// than by the process: memory-race accuracies by (cell, delay) and loaded shaped models by path.
///
/// Lint and the tutor ask for the same race and the same shaped model many times; two runners
/// (two lesson folders, two tests) never see each other's entries.
public final class AnalysisCache: Sendable {
    private let races = Mutex<[String: Double]>([:])
    private let shapes = Mutex<[String: RecurrentModel]>([:])
    private let truncations = Mutex<[TruncationDemo: TruncationDemo.Result]>([:])
    private let clippings = Mutex<[ClippingDemo: ClippingDemo.Curve]>([:])

    public init() {}

    /// The memory race's recall accuracy for one cell and delay, in the small configuration lessons
    /// use (H = 8, 400 Adam steps of 16, seed 0; the LSTM's forget-gate bias PyTorch's unless given);
    /// computed once per cache.
    public func raceAccuracy(cell: CellKind, delay: Int, seed: UInt64 = 0, forgetBias: Double? = nil) -> Double {
        let key = "\(cell.rawValue)@\(delay)#\(seed)" + (forgetBias.map { "f\($0)" } ?? "")
        if let hit = races.withLock({ $0[key] }) { return hit }
        let config = MemoryRaceRunner.Configuration(cells: [cell], delays: [delay], hiddenSize: 8, steps: 400, batchSize: 16,
                                                    learningRate: 0.02, seed: seed, forgetBias: forgetBias)
        let value = MemoryRaceRunner.run(config).accuracy(cell: cell, delay: delay) ?? 0
        races.withLock { $0[key] = value }
        return value
    }

    /// Lesson 9's book training with BPTT truncated to a window (nil: full); computed once per cache.
    public func truncation(_ demo: TruncationDemo) -> TruncationDemo.Result {
        if let hit = truncations.withLock({ $0[demo] }) { return hit }
        let value = demo.run()
        truncations.withLock { $0[demo] = value }
        return value
    }

    /// Lesson 10's exploding RNN trained with or without clipping; computed once per cache.
    public func clipping(_ demo: ClippingDemo) -> ClippingDemo.Curve {
        if let hit = clippings.withLock({ $0[demo] }) { return hit }
        let value = demo.run()
        clippings.withLock { $0[demo] = value }
        return value
    }

    /// The shaped model loaded under `key`, if any.
    func shapedModel(_ key: String) -> RecurrentModel? { shapes.withLock { $0[key] } }

    /// Keeps a loaded shaped model.
    func keep(shapedModel model: RecurrentModel, _ key: String) { shapes.withLock { $0[key] = model } }
}
