import UnrollCore

/// Lesson 10's clipping demonstration: a plain RNN on the children's book trained by plain SGD with a
/// learning rate high enough to blow up, once without clipping and once with the gradient's norm
/// clipped to `clip` before each update; the loss and the gradient's norm (before clipping) per update.
///
/// ```sh
/// unroll train book --cell rnn --optimizer sgd --lr 0.3 --epochs 150 --seed 0            # without
/// unroll train book --cell rnn --optimizer sgd --lr 0.3 --epochs 150 --seed 0 --clip 1   # with
/// ```
public struct ClippingDemo: Sendable, Hashable {
    /// One training run: a value per update.
    public struct Curve: Sendable, Equatable {
        /// The summed loss over the update's story.
        public let losses: [Double]
        /// The gradient's norm before clipping.
        public let norms: [Double]

        /// The loss after the last update's story, and the worst loss after the first update.
        public var finalLoss: Double { losses.last ?? .nan }
        /// The largest loss from update 2 on (update 1 is before any training).
        public var worstLoss: Double { losses.dropFirst().max() ?? .nan }
        public var maxNorm: Double { norms.max() ?? .nan }
    }

    /// The clipping thresholds a lesson may ask for.
    public static let clips: ClosedRange<Double> = 0.01...100
    /// The seeds a lesson may ask for.
    public static let seeds: ClosedRange<UInt64> = 0...99
    /// The recipe: H = 8, tanh, SGD at a rate that explodes without clipping.
    public static let hiddenSize = 8
    public static let epochs = 150
    public static let learningRate = 0.3

    /// nil: no clipping.
    public let clip: Double?
    public let seed: UInt64

    public init(clip: Double?, seed: UInt64 = 0) {
        self.clip = clip
        self.seed = seed
    }

    /// Trains and records.
    ///
    /// - Complexity: `epochs` × 199 token steps forward and backward.
    public func run() -> Curve {
        let config = TrainingConfig(epochs: Self.epochs, optimizer: .sgd, learningRate: Self.learningRate, clipNorm: clip)
        var losses: [Double] = [], norms: [Double] = []
        _ = TrainTask.book.run(.init(cell: .rnn, hidden: Self.hiddenSize, config: config, seed: seed)) { p in
            losses.append(p.loss)
            norms.append(p.gradientNorm)
        }
        return Curve(losses: losses, norms: norms)
    }
}
