import Foundation
import Testing
@testable import UnrollCore

/// The model files the lessons use, read from `lessons/models/` in the repository.
enum ShippedModels {
    /// Every model the lessons ship, by file name without `.json`.
    static let names = ["book-gru", "book-lstm", "book-lstm-trained", "book-rnn", "dinner-feedforward", "dinner-voting",
                        "identity-relu-rnn", "wave-lstm"]

    /// `lessons/models/`: three levels above this file (symlinks resolved) is the repository root.
    static var directory: URL {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("lessons/models")
    }

    /// Loads `NAME.json` with the same validation `unroll trace` applies.
    static func load(_ name: String) throws -> RecurrentModel {
        try ModelFile.load(path: directory.appendingPathComponent("\(name).json").path)
    }
}

/// One forward run of a shipped model, read by word and unit label as a lesson states its checks.
struct LessonRun {
    let model: RecurrentModel
    let trace: Trace

    /// Runs `model` over whitespace-separated tokens (`?` unknown), with clamps in the trace syntax.
    init(_ model: RecurrentModel, _ input: String, targets: String? = nil, clamps: [String] = []) throws {
        self.model = model
        let sequence = try model.parseInput(input)
        let parsedTargets = try targets.map { try model.parseTargets($0, steps: sequence.count) }
        let parsedClamps = try clamps.map { try Clamp.parse($0, kind: model.kind, hiddenSize: model.hiddenSize) }
        trace = model.forward(sequence, targets: parsedTargets, clamps: parsedClamps)
    }

    /// `predicted@t`: the arg-max word.
    func predicted(_ t: Int) -> String { model.vocab![trace.predicted(at: t)] }
    /// `probs@t[word]`.
    func probs(_ t: Int, _ word: String) -> Double { trace.probabilities(at: t)[model.tokenIndex(word)!] }
    /// The index of a unit named by its `hidden_labels` entry or given as a number.
    func unit(_ label: String) -> Int { model.hiddenLabels?.firstIndex(of: label) ?? Int(label)! }
    /// `GATE@t[unit]`.
    func gate(_ g: Gate, _ t: Int, _ label: String) -> Double { trace.gate(g, at: t)![unit(label)] }
    /// `cell@t[unit]` (LSTM).
    func cell(_ t: Int, _ label: String) -> Double { trace.cell(at: t)![unit(label)] }
    /// `hidden@t[unit]`.
    func hidden(_ t: Int, _ label: String) -> Double { trace.hidden(at: t)[unit(label)] }
    /// Unit `label`'s share of word `word`'s logit at step t: head.weight[word, unit] · h_t[unit].
    func logitShare(_ t: Int, _ word: String, _ label: String) -> Double {
        model.headWeight(model.tokenIndex(word)!, unit(label)) * hidden(t, label)
    }
}

@Suite struct ShippedModelTests {
    static let dishes = ["pizza", "sushi", "waffles"]
    static let names = ["Doug", "Jane", "Spot"]

    /// A 50-sentence story for the book models (seed 7).
    static func story() -> [Int] {
        var rng = SeededRandom(seed: 7)
        return ChildrensBook().story(sentences: 50, rng: &rng)
    }

    @Test func everyShippedModelLoads() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: ShippedModels.directory.path)
        #expect(files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted() == ShippedModels.names)
        for name in ShippedModels.names {
            let m = try ShippedModels.load(name)
            // A forecaster (input real, output regression) has no vocabulary; every other model names its outputs.
            #expect(m.vocabCoversOutputs || (m.inputKind == .real && m.outputKind == .regression), "\(name): the vocabulary should name the outputs")
            #expect(m.name != nil && m.description != nil, "\(name)")
        }
    }

    // MARK: identity-relu-rnn (lesson 11)

    /// W_hh = I with ReLU and positive input weights: every unit stays active on any story, so every
    /// factor of the chain ∂h_t/∂h_{t−1} is the identity and the last step's gradient reaches every step whole.
    @Test func identityReluRNNPassesTheGradientBackWhole() throws {
        let m = try ShippedModels.load("identity-relu-rnn")
        let H = m.hiddenSize
        let w = m.recurrentBlock()
        for i in 0..<H { for j in 0..<H { #expect(w[i * H + j] == (i == j ? 1 : 0)) } }
        let input = "Jane saw Spot . Doug saw Jane . Spot saw Doug . Jane saw Spot . Doug saw Jane . Spot saw"
        let run = try LessonRun(m, input)
        for t in 1...run.trace.steps { #expect(run.trace.preActivation(nil, at: t).allSatisfy { $0 > 0 }, "step \(t)") }
        let sequence = try m.parseInput(input)
        let g = GradientDistance(model: m, input: sequence, target: 0)
        for d in 1..<sequence.count { #expect(abs(g.relativeLossGradient(distance: d) - 1) < 1e-12, "distance \(d)") }
    }

    // MARK: dinner-voting (lessons 2 and 3)

    @Test func dinnerVotingWeightsAreRound() throws {
        let m = try ShippedModels.load("dinner-voting")
        #expect(m.kind == .rnn && m.hiddenLabels == Self.dishes && m.vocab == Self.dishes)
        #expect(m.parameters.allSatisfy { $0 == $0.rounded() && abs($0) <= 3 })
    }

    @Test func dinnerVotingFollowsTheCycleForTwelveDays() throws {
        let m = try ShippedModels.load("dinner-voting")
        for start in 0..<3 {
            let days = (0..<12).map { Self.dishes[(start + $0) % 3] }
            let run = try LessonRun(m, days.joined(separator: " "))
            for t in 1...12 {
                let next = Self.dishes[(start + t) % 3]
                #expect(run.predicted(t) == next)
                #expect(run.probs(t, next) > 0.96)
            }
        }
    }

    /// Out of town: the network unrolls its own predictions through unknown days.
    @Test func dinnerVotingUnrollsThroughUnknownDays() throws {
        let m = try ShippedModels.load("dinner-voting")
        let run = try LessonRun(m, "pizza ? ? ? sushi")
        #expect(run.predicted(2) == "waffles" && run.predicted(3) == "pizza" && run.predicted(4) == "sushi")
        #expect(run.probs(4, "sushi") > 0.95)
        #expect(run.predicted(5) == "waffles" && run.probs(5, "waffles") > 0.95)
        // Two weeks away, from every start: still right, still confident.
        for start in 0..<3 {
            let away = try LessonRun(m, Self.dishes[start] + String(repeating: " ?", count: 14))
            for t in 1...15 {
                let next = Self.dishes[(start + t) % 3]
                #expect(away.predicted(t) == next)
                #expect(away.probs(t, next) > 0.95)
            }
        }
    }

    /// Feeding the network its own predictions plays the menu forward.
    @Test func dinnerVotingFedItsOwnPredictionsCycles() throws {
        let m = try ShippedModels.load("dinner-voting")
        var fed = ["waffles"]
        for _ in 0..<8 { fed.append(try LessonRun(m, fed.joined(separator: " ")).predicted(fed.count)) }
        #expect(fed == ["waffles", "pizza", "sushi", "waffles", "pizza", "sushi", "waffles", "pizza", "sushi"])
    }

    /// A wrong dinner misleads exactly one prediction; the next true dinner puts it right.
    @Test func dinnerVotingRecoversFromAWrongDinner() throws {
        let m = try ShippedModels.load("dinner-voting")
        let run = try LessonRun(m, "pizza sushi waffles sushi sushi waffles pizza")
        #expect(run.predicted(4) == "waffles")  // trusts the (wrong) sushi; the truth on day 5 is sushi
        #expect(run.probs(4, "waffles") > 0.9)
        #expect(run.predicted(5) == "waffles" && run.probs(5, "waffles") > 0.95)
        #expect(run.predicted(6) == "pizza" && run.probs(6, "pizza") > 0.96)
        #expect(run.predicted(7) == "sushi")
        // Every position, every wrong dish: only the step right after the wrong dinner is wrong.
        for wrongDay in 1...6 {
            for shift in 1...2 {
                var days = (0..<9).map { $0 % 3 }
                days[wrongDay] = (days[wrongDay] + shift) % 3
                let r = try LessonRun(m, days.map { Self.dishes[$0] }.joined(separator: " "))
                for t in 1...9 {
                    let right = r.predicted(t) == Self.dishes[t % 3]
                    #expect(right == (t != wrongDay + 1), "wrong dinner on day \(wrongDay + 1), step \(t)")
                }
            }
        }
    }

    // MARK: dinner-feedforward (lesson 1)

    @Test func dinnerFeedForwardHasNoMemory() throws {
        let m = try ShippedModels.load("dinner-feedforward")
        #expect(m.kind == .rnn && m.vocab == DinnerCalendar().vocab)
        for r in 0..<m.hiddenSize {
            for c in 0..<m.hiddenSize { #expect(m.weightHH(r, c) == 0) }
            for dish in 0..<3 { #expect(m.weightIH(r, dish) == 0) }
        }
    }

    @Test func dinnerFeedForwardStaysAtChance() throws {
        let m = try ShippedModels.load("dinner-feedforward")
        let cal = DinnerCalendar()
        for w in 0..<7 {
            for d in 0..<3 { #expect(cal.accuracy(m, days: 21, startWeekday: w, startDish: d) == 1.0 / 3) }
        }
        for d in 0..<3 { #expect(cal.accuracy(m, days: 12, startDish: d) <= 0.45) }
        let week = try LessonRun(m, "Mon Tue Wed Thu Fri Sat Sun")
        for t in 1...7 {
            for dish in Self.dishes { #expect(abs(week.probs(t, dish) - 1.0 / 3) < 0.01) }
        }
        let weeks = String(repeating: "Mon Tue Wed Thu Fri Sat Sun ", count: 3)
        let menu = String(repeating: "pizza sushi waffles ", count: 7)
        let scored = try LessonRun(m, weeks, targets: menu)
        #expect(scored.trace.totalLoss! > 23)  // 21 · ln 3 = 23.07: chance
    }

    /// The shipped file is what `DinnerCalendar().trainFeedForward(seed: 0)` gives.
    @Test func dinnerFeedForwardRetrainsFromItsRecipe() throws {
        let shipped = try ShippedModels.load("dinner-feedforward")
        let (model, _) = DinnerCalendar().trainFeedForward(seed: 0)
        #expect(model.name == shipped.name)
        let diff = zip(model.parameters, shipped.parameters).map { abs($0 - $1) }.max() ?? 1
        #expect(diff < 1e-6)
    }

    // MARK: book-rnn (lesson 6)

    @Test func bookRNNPutsTheSubjectBackAfterSaw() throws {
        let m = try ShippedModels.load("book-rnn")
        for subject in Self.names {
            let run = try LessonRun(m, "\(subject) saw")
            #expect(run.probs(2, subject) >= 0.2)
            #expect(abs(run.probs(2, subject) - run.probs(2, "Spot")) < 1e-12)  // every name equally likely
        }
        #expect(try LessonRun(m, "Doug saw").predicted(2) == "Doug")  // "Doug saw Doug": its top choice (a three-way tie)
        let result = ChildrensBook().evaluate(m, story: Self.story())
        #expect(result.subjectAfterSaw > 0.32)
        #expect(result.accuracy < 0.8)
    }

    @Test func bookRNNWritesRunOnSentences() throws {
        let m = try ShippedModels.load("book-rnn")
        let run = try LessonRun(m, "Doug saw Jane saw Spot saw Doug")
        for t in [1, 3, 5, 7] {
            #expect(run.predicted(t) == "saw")
            #expect(run.probs(t, "saw") > 0.6 && run.probs(t, ".") > 0.35)
        }
        for (t, next) in [(2, "Jane"), (4, "Spot"), (6, "Doug")] {
            #expect(run.probs(t, next) > 0.32)
            #expect(run.probs(t, next) >= run.trace.probabilities(at: t).max()! - 1e-12)  // tied for the top choice
        }
        // "Doug saw Doug ." is just as grammatical to it: "." after the object Doug.
        let dd = try LessonRun(m, "Doug saw Doug")
        #expect(dd.probs(3, ".") > 0.35)
    }

    // MARK: book-lstm (lessons 7 and 8)

    @Test func bookLSTMIsTheHandBuiltTable() throws {
        let m = try ShippedModels.load("book-lstm")
        #expect(m.kind == .lstm && m.hiddenLabels == ["Doug", "Jane", "Spot", "saw", "."])
        let H = 5
        for r in 0..<(4 * H) {
            for c in 0..<H {
                let w = m.weightIH(r, c)
                #expect((2 * H..<3 * H).contains(r) ? [-3, 0, 3].contains(w) : abs(w) == 6)
                #expect(m.weightHH(r, c) == 0)
            }
        }
    }

    @Test func bookLSTMWalkThrough() throws {
        let m = try ShippedModels.load("book-lstm")
        let run = try LessonRun(m, "Jane saw Spot . Doug saw")
        #expect(run.predicted(1) == "saw" && run.probs(1, "saw") > 0.9)
        #expect(run.probs(2, "Jane") < 0.05 && run.probs(2, "Doug") > 0.45 && run.probs(2, "Spot") > 0.45)
        #expect(run.predicted(3) == "." && run.probs(3, ".") > 0.9)
        for name in Self.names { #expect(run.probs(4, name) > 0.32) }
        #expect(run.predicted(5) == "saw" && run.probs(5, "saw") > 0.9)
        // Doug: the prediction network votes saw and "not Doug"; selection keeps "not Doug" inside.
        #expect(run.gate(.candidate, 5, "Doug") < -0.99 && run.gate(.candidate, 5, "saw") > 0.99)
        #expect(run.cell(5, "Doug") < -0.98)
        #expect(run.gate(.output, 5, "Doug") < 0.01 && abs(run.hidden(5, "Doug")) < 0.01)
        // saw: forget the saw vote, keep "not Doug"; the new vote for Doug cancels against it.
        #expect(run.gate(.forget, 6, "saw") < 0.01)
        #expect(run.gate(.forget, 6, "Doug") > 0.99)
        #expect(run.gate(.candidate, 6, "Doug") > 0.99)
        #expect(abs(run.cell(6, "Doug")) < 0.01)
        #expect(run.cell(6, "Jane") > 0.99 && run.cell(6, "Spot") > 0.99)
        #expect(run.probs(6, "Doug") < 0.05)
        #expect(run.probs(6, "Doug") < 0.012)
        #expect(run.probs(6, "Jane") > 0.48 && run.probs(6, "Spot") > 0.48)
    }

    @Test func bookLSTMWritesTheBook() throws {
        let m = try ShippedModels.load("book-lstm")
        for subject in Self.names {
            #expect(try LessonRun(m, "\(subject) saw").probs(2, subject) < 0.012)
        }
        let result = ChildrensBook().evaluate(m, story: Self.story())
        #expect(result.accuracy == 1)
        #expect(result.subjectAfterSaw < 0.012)
    }

    /// Gate lab: each clamp changes the prediction where the lesson says.
    @Test func bookLSTMGateLab() throws {
        let m = try ShippedModels.load("book-lstm")
        let input = "Jane saw Spot . Doug saw"
        let free = try LessonRun(m, input)
        // forget = 0 at "saw": the "not Doug" memory is gone, "Doug saw Doug" is back.
        #expect(try LessonRun(m, input, clamps: ["forget=0@6"]).probs(6, "Doug") > 0.32)
        #expect(try LessonRun(m, input, clamps: ["forget[0]=0@6"]).probs(6, "Doug") > 0.32)
        // input = 0 at "Doug": "not Doug" is never stored.
        #expect(try LessonRun(m, input, clamps: ["input=0@5"]).probs(6, "Doug") > 0.32)
        // input = 0 at "saw": nothing new is stored, no name gets a vote.
        let deaf = try LessonRun(m, input, clamps: ["input=0@6"])
        #expect(deaf.probs(6, "Jane") < 0.26 && deaf.probs(6, ".") > 0.24)
        // output = 1 at "saw": the stored "." (for after the object) leaks into the prediction.
        #expect(try LessonRun(m, input, clamps: ["output=1@6"]).probs(6, ".") > 0.33)
        #expect(free.probs(6, ".") < 0.012)
    }

    // MARK: book-lstm-trained (lesson 7) and book-gru (lesson 12)

    @Test func bookLSTMTrainedStory() throws {
        let m = try ShippedModels.load("book-lstm-trained")
        let run = try LessonRun(m, "Jane saw Spot . Doug saw")
        #expect(run.predicted(1) == "saw" && run.predicted(3) == "." && run.predicted(5) == "saw")
        #expect(run.probs(2, "Jane") < 0.05)
        #expect(run.probs(6, "Doug") < 0.006)
        // At "saw" units 0, 3, 5 and 7 are wiped (forget ≤ 0.01); unit 6 keeps what it holds.
        for u in ["0", "3", "5", "7"] { #expect(run.gate(.forget, 6, u) < 0.02) }
        #expect(run.gate(.forget, 6, "6") > 0.99)
        // The subject's own memory unit pushes its logit down: Doug unit 4, Jane unit 6, Spot unit 2.
        #expect(run.logitShare(6, "Doug", "4") < -1.8)
        #expect(try LessonRun(m, "Jane saw Spot . Jane saw").logitShare(6, "Jane", "6") < -2.3)
        #expect(try LessonRun(m, "Jane saw Spot . Spot saw").logitShare(6, "Spot", "2") < -2.1)
        let result = ChildrensBook().evaluate(m, story: Self.story())
        #expect(result.accuracy == 1 && result.subjectAfterSaw < 0.05)
    }

    @Test func bookGRUStory() throws {
        let m = try ShippedModels.load("book-gru")
        let run = try LessonRun(m, "Jane saw Spot . Doug saw")
        #expect(run.predicted(1) == "saw" && run.predicted(3) == "." && run.predicted(5) == "saw")
        #expect(run.probs(2, "Jane") < 0.05)
        #expect(run.probs(6, "Doug") < 0.005)
        // At "saw" units 1, 2, 4, 6 and 7 are overwritten (update ≤ 0.02); unit 5 keeps its value (update ≥ 0.99).
        for u in ["1", "2", "4", "6", "7"] { #expect(run.gate(.update, 6, u) < 0.03) }
        #expect(run.gate(.update, 6, "5") > 0.99)
        // Unit 5 holds the subject's sign through "saw" and pushes Doug's logit down.
        #expect(run.hidden(5, "5") < -0.9 && run.hidden(6, "5") < -0.9)
        #expect(try LessonRun(m, "Jane saw Spot . Jane saw").hidden(6, "5") > 0.9)
        #expect(run.logitShare(6, "Doug", "5") < -1.5)
        let result = ChildrensBook().evaluate(m, story: Self.story())
        #expect(result.accuracy == 1 && result.subjectAfterSaw < 0.02)
    }

    /// The trained files hold what their `unroll train` commands write (seeds 0 and 3); only the description was added.
    @Test func trainedBookModelsRetrainFromTheirRecipes() throws {
        for (name, cell, seed) in [("book-lstm-trained", CellKind.lstm, UInt64(0)), ("book-gru", CellKind.gru, UInt64(3))] {
            let shipped = try ShippedModels.load(name)
            let report = TrainTask.book.run(.init(cell: cell, hidden: 8, config: TrainingConfig(epochs: 800, learningRate: 0.02), seed: seed))
            #expect(report.model.name == shipped.name)
            let diff = zip(report.model.parameters, shipped.parameters).map { abs($0 - $1) }.max() ?? 1
            #expect(diff < 1e-6, "\(name): largest parameter difference \(diff)")
        }
    }
}
