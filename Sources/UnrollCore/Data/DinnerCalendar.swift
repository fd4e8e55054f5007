/// The dinner cycle seen only through the calendar: lesson 1's feed-forward baseline.
///
/// Each day's input is that day's weekday token (`Mon`…`Sun`) and its target is that day's
/// dinner, which follows the cycle pizza → sushi → waffles and does not depend on the weekday.
/// Because 3 and 7 share no factor, 21 consecutive days pair every weekday with every dish exactly
/// once, so any predictor that sees only the weekday is right on exactly 7 of every 21 days (1/3).
public struct DinnerCalendar: Sendable, Equatable {
    /// The weekday tokens, Monday first.
    public static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// The menu the dinners cycle through.
    public var cycle: DinnerCycle

    public init(cycle: DinnerCycle = DinnerCycle()) {
        self.cycle = cycle
    }

    /// The vocabulary: the dishes first (the output classes, never fed as inputs), then the weekdays.
    ///
    /// Sharing one vocabulary lets the model file name its outputs (a model's `vocab` names the outputs
    /// only when there are as many outputs as input positions).
    public var vocab: [String] { cycle.menu + Self.weekdays }

    /// The vocabulary index of weekday `weekday` (0 = Monday, taken modulo 7).
    public func weekdayToken(_ weekday: Int) -> Int { cycle.menu.count + ((weekday % 7) + 7) % 7 }

    /// `days` consecutive days from weekday `startWeekday` (0 = Monday) with dish `startDish`:
    /// each day's weekday token as input, that day's dinner as target.
    public func example(days: Int, startWeekday: Int = 0, startDish: Int = 0) -> Example {
        let tokens = (0..<days).map { Optional(weekdayToken(startWeekday + $0)) }
        return Example(input: SequenceInput(tokens: tokens, inputSize: vocab.count),
                       targets: cycle.days(days, startingWith: startDish).map { Optional($0) })
    }

    /// The share of days on which the model's arg-max is that day's dinner.
    public func accuracy(_ model: RecurrentModel, days: Int, startWeekday: Int = 0, startDish: Int = 0) -> Double {
        let ex = example(days: days, startWeekday: startWeekday, startDish: startDish)
        let trace = model.forward(ex.input)
        var correct = 0
        for t in 1...trace.steps where trace.predicted(at: t) == ex.targets[t - 1] { correct += 1 }
        return Double(correct) / Double(trace.steps)
    }

    /// A fresh feed-forward network: an `rnn` with PyTorch's seeded initialisation, then `weight_hh_l0`
    /// set to zero (no memory) and the dish-input columns of `weight_ih_l0` set to zero (it is never shown
    /// a dinner, only the weekday).
    public func feedForwardModel(hidden: Int = 4, seed: UInt64 = 0) -> RecurrentModel {
        let V = vocab.count
        var model = RecurrentModel(kind: .rnn, inputSize: V, hiddenSize: hidden, outputSize: V, hasHead: true, vocab: vocab)
        var rng = SeededRandom(seed: seed)
        model.initialise(using: &rng)
        model.scaleRecurrentWeights(by: 0)
        for row in 0..<hidden {
            for dish in cycle.menu.indices { model.parameters[model.layout.weightIH + row * V + dish] = 0 }
        }
        model.name = "dinner feed-forward baseline (seed \(seed))"
        model.description = "A feed-forward guess at tonight's dinner from the weekday alone: an rnn whose weight_hh_l0 "
            + "is held at zero, trained on \(Self.weekdays.first ?? "")…\(Self.weekdays.last ?? "") tokens while the dinners follow "
            + cycle.menu.joined(separator: " -> ") + ". It cannot beat chance."
        return model
    }

    /// The training settings of the baseline: Adam, full sequence, `weight_hh_l0` frozen at zero.
    public static func feedForwardConfig(epochs: Int = 200, learningRate: Double = 0.02) -> TrainingConfig {
        TrainingConfig(epochs: epochs, optimizer: .adam, learningRate: learningRate, frozenTensors: ["weight_hh_l0"])
    }

    /// Trains the baseline on `trainingDays` days starting on a Monday with the menu's first dish.
    ///
    /// The default 63 days (nine weeks, three full 21-day rounds) hold no weekday pattern at all, so the
    /// best the network can do is 1/3 on every dish: its loss tends to ln 3 ≈ 1.0986 per day.
    public func trainFeedForward(hidden: Int = 4, epochs: Int = 200, learningRate: Double = 0.02, trainingDays: Int = 63,
                                 seed: UInt64 = 0, progress: ((TrainingProgress) -> Void)? = nil,
                                 cancel: CancellationToken? = nil) -> (model: RecurrentModel, outcome: TrainingOutcome) {
        var trainer = Trainer(model: feedForwardModel(hidden: hidden, seed: seed),
                              config: Self.feedForwardConfig(epochs: epochs, learningRate: learningRate))
        let batch = [example(days: trainingDays)]
        let outcome = trainer.train(batch: { _ in batch }, progress: progress, cancel: cancel)
        return (trainer.model, outcome)
    }
}
