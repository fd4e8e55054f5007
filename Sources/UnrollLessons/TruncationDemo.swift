import UnrollCore

/// Lesson 9's truncated-BPTT demonstration: the children's book trained (`unroll train book`) with
/// the gradient cut after `window` steps, or with full BPTT, and measured on a held-out story.
///
/// The object after "saw" may be any name but the sentence's subject, which was read one step
/// earlier; a model learns to rule it out only if the loss at "saw" can send blame back to the step
/// that read the subject. With `window` = 1 it cannot: each update sees one step.
///
/// ```sh
/// unroll train book --cell lstm --hidden 8 --epochs 800 --bptt 1 --seed 0   # subject_after_saw stays high
/// ```
public struct TruncationDemo: Sendable, Hashable {
    /// What one training run measured on the held-out story.
    public struct Result: Sendable, Equatable {
        /// The share of steps whose arg-max the grammar allows.
        public let accuracy: Double
        /// The largest probability put on the sentence's own subject right after "saw".
        public let subjectAfterSaw: Double
    }

    /// The most steps a window may span in a lesson (a story has 199).
    public static let windows = 1...50
    /// The seeds a lesson may ask for.
    public static let seeds: ClosedRange<UInt64> = 0...99

    public let cell: CellKind
    /// nil: full BPTT.
    public let window: Int?
    public let seed: UInt64
    /// The recipe (`unroll train book`'s defaults): H = 8, 800 epochs of one 50-sentence story, Adam 0.02; one update per epoch (full) or per window (truncated).
    public static let hiddenSize = 8
    public static let epochs = 800
    public static let learningRate = 0.02

    public init(cell: CellKind, window: Int?, seed: UInt64 = 0) {
        self.cell = cell
        self.window = window
        self.seed = seed
    }

    /// Trains and measures.
    ///
    /// - Complexity: `epochs` × 199 token steps forward and backward.
    public func run() -> Result {
        let config = TrainingConfig(epochs: Self.epochs, optimizer: .adam, learningRate: Self.learningRate, bpttWindow: window)
        let report = TrainTask.book.run(.init(cell: cell, hidden: Self.hiddenSize, config: config, seed: seed))
        return Result(accuracy: report.accuracy, subjectAfterSaw: report.subjectAfterSaw ?? 1)
    }
}
