/// Training a one-step-ahead forecaster on a series (`unroll train wave`, `unroll train csv`): a
/// `"real"` → `"regression"` model (I = O = 1) learns x_{t+1} from x_1…x_t by mean squared error.
///
/// The series is standardised for training (mean and standard deviation of its training part) and the
/// scaling is then folded into the weights (`weight_ih_l0`, `bias_ih_l0`, `head.weight`, `head.bias`), so
/// the written model reads and predicts the series in its own units. The last `heldOutFraction` of the
/// series is never trained on: the report measures the one-step error there against the naive forecast
/// "tomorrow as today".
public struct SeriesTraining: Sendable {
    /// Options of one run.
    public struct Options: Sendable {
        public var cell: CellKind
        public var hidden: Int
        public var config: TrainingConfig
        public var seed: UInt64
        /// Training windows are this many steps long (full BPTT inside each).
        public var window: Int
        /// Windows per update (a seeded sample when the series has more).
        public var batchSize: Int
        /// The fraction of the series held out at its end.
        public var heldOutFraction: Double
        public var nonlinearity: Nonlinearity

        public init(cell: CellKind = .lstm, hidden: Int = 16, config: TrainingConfig, seed: UInt64 = 0, window: Int = 48,
                    batchSize: Int = 16, heldOutFraction: Double = 0.2, nonlinearity: Nonlinearity = .tanh) {
            self.cell = cell
            self.hidden = hidden
            self.config = config
            self.seed = seed
            self.window = window
            self.batchSize = batchSize
            self.heldOutFraction = heldOutFraction
            self.nonlinearity = nonlinearity
        }
    }

    /// Why a series cannot be trained on.
    public struct SeriesError: Error, Equatable, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// What one run reports.
    public struct Report: Sendable {
        public let task: String
        public let cell: CellKind
        public let hidden: Int
        public let epochs: Int
        public let stepsPerEpoch: Int
        /// The last epoch's summed loss (standardised units).
        public let loss: Double
        /// The one-step mean squared error on the held-out end, in the series' units.
        public let heldOutMSE: Double
        /// The same for the naive forecast x̂_{t+1} = x_t.
        public let naiveMSE: Double
        public let trainingSteps: Int
        public let heldOutSteps: Int
        public let seconds: Double
        public let cancelled: Bool
        public let model: RecurrentModel

        /// The report as the JSON object `unroll train` prints.
        public var json: JSONValue {
            .object([
                ("task", .string(task)), ("cell", .string(cell.rawValue)), ("hidden", .number(Double(hidden))),
                ("epochs", .number(Double(epochs))), ("steps_per_epoch", .number(Double(stepsPerEpoch))),
                ("loss", .number(loss)), ("series_train", .number(Double(trainingSteps))),
                ("series_held_out", .number(Double(heldOutSteps))),
                ("held_out_mse", .number(heldOutMSE)), ("naive_mse", .number(naiveMSE)), ("seconds", .number(seconds)),
            ])
        }
    }

    public let series: [Double]
    /// Names the run (`wave`, `csv`) in the report and the model's name.
    public let task: String

    public init(series: [Double], task: String) {
        self.series = series
        self.task = task
    }

    /// Where the held-out end begins (0-based), leaving at least 2 steps on each side.
    public func split(_ fraction: Double) -> Int {
        let n = series.count
        let held = min(max(0, Int((Double(n) * fraction).rounded())), n - 2)
        return max(2, n - held)
    }

    /// Trains a fresh, seeded model and measures it on the held-out end.
    public func run(_ options: Options, description: String? = nil, progress: ((TrainingProgress) -> Void)? = nil,
                    cancel: CancellationToken? = nil) throws(SeriesError) -> Report {
        guard series.count >= 3 else { throw SeriesError(description: "the series has \(series.count) values, expected at least 3") }
        guard series.allSatisfy(\.isFinite) else { throw SeriesError(description: "the series holds a value that is not a finite number") }
        let cut = split(options.heldOutFraction)
        let train = Array(series[0..<cut])
        let mean = train.reduce(0, +) / Double(train.count)
        var variance = 0.0
        for v in train { variance += (v - mean) * (v - mean) }
        let sd0 = (variance / Double(train.count)).squareRoot()
        let sd = sd0 > 1e-12 && sd0.isFinite ? sd0 : 1
        let z = train.map { ($0 - mean) / sd }

        // Windows of `window` inputs and their next values, overlapping by half.
        let W = max(1, min(options.window, z.count - 1))
        var starts: [Int] = []
        var s = 0
        while s + W < z.count { starts.append(s); s += max(1, W / 2) }
        if starts.last != z.count - 1 - W { starts.append(z.count - 1 - W) }
        let windows = starts.map { start -> Example in
            var input = SequenceInput(values: Array(z[start..<(start + W)]), inputSize: 1)
            input.unknownSteps = nil
            return Example(input: input, targets: [Int?](repeating: nil, count: W),
                           targetVectors: (start..<(start + W)).map { [z[$0 + 1]] })
        }

        var initRNG = SeededRandom(seed: options.seed)
        var dataRNG = SeededRandom(seed: options.seed &* 0x2545_F491_4F6C_DD1D &+ 1)
        var model = RecurrentModel(kind: options.cell, inputSize: 1, hiddenSize: options.hidden, outputSize: 1, hasHead: true,
                                   nonlinearity: options.nonlinearity)
        model.inputKind = .real
        model.outputKind = .regression
        model.initialise(using: &initRNG)
        var trainer = Trainer(model: model, config: options.config)
        let batch = max(1, options.batchSize)
        let perEpoch = min(batch, windows.count)
        let clock = ContinuousClock()
        let started = clock.now
        let outcome = trainer.train(batch: { _ in
            guard windows.count > batch else { return windows }
            return (0..<batch).map { _ in windows[dataRNG.below(windows.count)] }
        }, progress: progress, cancel: cancel)
        let elapsed = clock.now - started
        var trained = SeriesTraining.unstandardised(trainer.model, mean: mean, sd: sd)
        trained.name = "\(task) \(options.cell.rawValue) (seed \(options.seed))"
        trained.description = description

        // One step ahead over the whole series; score the held-out end.
        let all = trained.forward(SequenceInput(values: series, inputSize: 1))
        var mse = 0.0, naive = 0.0
        let scored = (cut - 1)..<(series.count - 1)
        for i in scored {
            let y = all.outputs(at: i + 1)[0]
            mse += (y - series[i + 1]) * (y - series[i + 1])
            naive += (series[i] - series[i + 1]) * (series[i] - series[i + 1])
        }
        let n = Double(max(1, scored.count))
        return Report(task: task, cell: options.cell, hidden: options.hidden, epochs: outcome.epochsRun,
                      stepsPerEpoch: perEpoch * W, loss: outcome.finalLoss, heldOutMSE: mse / n, naiveMSE: naive / n,
                      trainingSteps: cut, heldOutSteps: series.count - cut,
                      seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18,
                      cancelled: outcome.cancelled, model: trained)
    }

    /// A model trained on z = (x − mean) / sd, rewritten to read x and predict in x's units:
    /// W_ih ← W_ih / sd, b_ih ← b_ih − W_ih · mean / sd (layer 0), head.weight ← sd · head.weight,
    /// head.bias ← sd · head.bias + mean. The same numbers come out, up to rounding.
    public static func unstandardised(_ model: RecurrentModel, mean: Double, sd: Double) -> RecurrentModel {
        var m = model
        let L = m.layout, I = m.inputSize, GH = L.gateRows
        for r in 0..<GH {
            var shift = 0.0
            for j in 0..<I {
                let w = m.parameters[L.weightIH + r * I + j]
                shift += w * mean / sd
                m.parameters[L.weightIH + r * I + j] = w / sd
            }
            m.parameters[L.biasIH + r] -= shift
        }
        if L.hasHead {
            for k in 0..<(m.outputSize * L.featureSize) { m.parameters[L.headWeight + k] *= sd }
            for k in 0..<m.outputSize { m.parameters[L.headBias + k] = m.parameters[L.headBias + k] * sd + mean }
        }
        return m
    }
}
