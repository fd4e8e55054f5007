import Foundation
import Synchronization
import UnrollCore

/// Check functions for lesson 5 (unrolling and its shapes): they run a shaped model (a stack, a
/// bidirectional network, an encoder–decoder) from `lessons/models/shapes/NAME.json` on the scene's input.
///
/// A scene runs a plain model; these functions let a lesson state, and check, what another shape does with
/// the same days. The model is named by its plain name, quoted when it has a dash: `"dinner-both-ways"`.
/// The scene's tokens are matched to the shaped model's vocabulary by word.
public enum ShapeFunctions {
    /// Every shape function, as listed in `CheckFunctions.standard`.
    public static let all: [CheckFunction] = [
        CheckFunction(name: "shape_predicted", arity: 2...2,
                      summary: "shape_predicted(model, t): the arg-max word at step t of a stacked or bidirectional model in models/shapes/ run on the scene's input") { a, ctx in
            let (m, run) = try stackRun(a, ctx)
            let t = try step(a, 1, steps: run.steps)
            return .word(m.outputLabel(run.predicted(at: t)))
        },
        CheckFunction(name: "shape_prob", arity: 3...3,
                      summary: "shape_prob(model, t, word): that model's probability of word at step t") { a, ctx in
            let (m, run) = try stackRun(a, ctx)
            let t = try step(a, 1, steps: run.steps)
            let k = try outputIndex(a, 2, vocab: m.vocabCoversOutputs ? m.vocab : nil, size: m.outputSize)
            return .number(run.probabilities(at: t)[k])
        },
        CheckFunction(name: "bidir_half_prob", arity: 4...4,
                      summary: "bidir_half_prob(model, side, t, word): a bidirectional model's probability of word at step t from one side alone (forward or backward)") { a, ctx in
            let (m, run) = try stackRun(a, ctx)
            guard m.bidirectional else { throw CheckFunctionError("'\(try a.word(0))' is not bidirectional", argument: 0) }
            let side = try a.word(1)
            let direction: Direction
            switch side {
            case "forward": direction = .forward
            case "backward", "reverse": direction = .reverse
            default: throw CheckFunctionError("side should be forward or backward, not '\(side)'", argument: 1)
            }
            let t = try step(a, 2, steps: run.steps)
            let k = try outputIndex(a, 3, vocab: m.vocabCoversOutputs ? m.vocab : nil, size: m.outputSize)
            return .number(m.halfProbabilities(run, direction: direction, at: t)[k])
        },
        CheckFunction(name: "stack_hidden", arity: 4...4,
                      summary: "stack_hidden(model, layer, t, unit): unit u of layer l's hidden state h_t (layers from 0, as in weight_hh_l0; forward direction)") { a, ctx in
            let (m, run) = try stackRun(a, ctx)
            let layer = try a.integer(1)
            guard layer >= 0, layer < m.numLayers else {
                throw CheckFunctionError("layer \(layer) is outside 0…\(m.numLayers - 1)", argument: 1)
            }
            let t = try step(a, 2, steps: run.steps, allowZero: true)
            let u = try unitIndex(a, 3, labels: m.hiddenLabels, size: m.hiddenSize)
            let h = run.hidden(layer: layer, at: t)
            return .number(h[u])
        },
        CheckFunction(name: "param_count", arity: 0...1,
                      summary: "param_count(model): how many weights and biases a model has (no argument: the scene's model); the same for any number of steps") { a, ctx in
            guard a.count == 1 else { return .number(Double(ctx.run.model.layout.count)) }
            return .number(Double(try model(a, 0, ctx).parameterCount))
        },
        CheckFunction(name: "seq2seq", arity: 2...2,
                      summary: "seq2seq(model, k): the k-th word an encoder–decoder writes after reading the scene's input, fed its own guesses") { a, ctx in
            let (m, run) = try decoderRun(a, ctx)
            return .word(m.outputLabel(run.predicted(at: try step(a, 1, steps: run.steps))))
        },
        CheckFunction(name: "seq2seq_prob", arity: 3...3,
                      summary: "seq2seq_prob(model, k, word): its probability of word as the k-th word") { a, ctx in
            let (m, run) = try decoderRun(a, ctx)
            let k = try step(a, 1, steps: run.steps)
            let w = try outputIndex(a, 2, vocab: m.vocabCoversOutputs ? m.vocab : nil, size: m.outputSize)
            return .number(run.probabilities(at: k)[w])
        },
    ]

    /// How many words `seq2seq` lets the decoder write.
    static let maximumWritten = 64

    // MARK: Models

    /// The shaped model named by argument `i`, from the scene's lessons folder.
    static func model(_ a: CheckArguments, _ i: Int, _ ctx: CheckContext) throws(CheckFunctionError) -> RecurrentModel {
        let name = try a.word(i)
        guard ModelStore.isPlainName(name) else {
            throw CheckFunctionError("'\(name)' must be the plain name of a model in lessons/models/shapes/", argument: i)
        }
        guard let store = ctx.models else { throw CheckFunctionError("no lessons folder to load '\(name)' from", argument: i) }
        let shapes = ModelStore(files: store.files, folder: LessonPath.join(store.folder, "shapes"))
        let key = store.files.displayName + "|" + store.files.displayPath(LessonPath.join(shapes.folder, name))
        if let hit = ctx.analyses.shapedModel(key) { return hit }
        let found: (file: String, data: Data)
        switch shapes.data(of: name) {
        case let .success(hit): found = hit
        case let .failure(error): throw CheckFunctionError(error.message, argument: i)
        }
        do {
            let m = try ModelFile.decode(found.data, file: found.file)
            ctx.analyses.keep(shapedModel: m, key)
            return m
        } catch {
            throw CheckFunctionError("model '\(name)' cannot be loaded: \(error)", argument: i)
        }
    }

    /// The scene's input for a model with `vocab` and `inputSize`: tokens matched by word.
    static func input(for ctx: CheckContext, vocab: [String]?, inputSize: Int) throws(CheckFunctionError) -> SequenceInput {
        let run = ctx.run
        if let tokens = run.input.tokens, let sceneVocab = run.model.vocab, let vocab {
            var mapped: [Int?] = []
            for tok in tokens {
                guard let tok else { mapped.append(nil); continue }
                let word = sceneVocab[tok]
                guard let k = vocab.firstIndex(of: word) else {
                    throw CheckFunctionError("the scene's word '\(word)' is not in the model's vocabulary (\(vocab.joined(separator: " ")))")
                }
                mapped.append(k)
            }
            return SequenceInput(tokens: mapped, inputSize: inputSize)
        }
        guard run.input.inputSize == inputSize else {
            throw CheckFunctionError("the scene's inputs have \(run.input.inputSize) values, the model reads \(inputSize)")
        }
        return run.input
    }

    /// A stacked or bidirectional model and its run on the scene's input.
    static func stackRun(_ a: CheckArguments, _ ctx: CheckContext) throws(CheckFunctionError) -> (RecurrentModel, Trace) {
        let m = try model(a, 0, ctx)
        guard !m.isEncoderDecoder else {
            throw CheckFunctionError("'\(try a.word(0))' is an encoder–decoder: use seq2seq", argument: 0)
        }
        return (m, m.forward(try input(for: ctx, vocab: m.vocab, inputSize: m.inputSize)))
    }

    /// An encoder–decoder, and its free run after reading the scene's input (as many words as argument 1 asks).
    static func decoderRun(_ a: CheckArguments, _ ctx: CheckContext) throws(CheckFunctionError) -> (RecurrentModel, Trace) {
        let m = try model(a, 0, ctx)
        guard let encoder = m.encoder else {
            throw CheckFunctionError("'\(try a.word(0))' is not an encoder–decoder", argument: 0)
        }
        guard m.inputSize == m.outputSize else {
            throw CheckFunctionError("'\(try a.word(0))' cannot feed its guesses back (its outputs are not its decoder's inputs)", argument: 0)
        }
        let k = try a.integer(1)
        guard k >= 1, k <= maximumWritten else { throw CheckFunctionError("k should be 1…\(maximumWritten)", argument: 1) }
        return (m, m.generate(try input(for: ctx, vocab: encoder.vocab, inputSize: encoder.inputSize), steps: k))
    }

    // MARK: Arguments

    /// A 1-based step within 1…steps (0 too when `allowZero`).
    static func step(_ a: CheckArguments, _ i: Int, steps: Int, allowZero: Bool = false) throws(CheckFunctionError) -> Int {
        let t = try a.integer(i)
        guard t >= (allowZero ? 0 : 1), t <= steps else {
            throw CheckFunctionError("step \(t) is outside \(allowZero ? 0 : 1)…\(steps)", argument: i)
        }
        return t
    }

    /// An output class: a word of `vocab`, or a class number.
    static func outputIndex(_ a: CheckArguments, _ i: Int, vocab: [String]?, size: Int) throws(CheckFunctionError) -> Int {
        if case let .number(v) = a[i] {
            let k = try a.integer(i)
            guard k >= 0, k < size else { throw CheckFunctionError("class \(formatCheckNumber(v)) is outside 0…\(size - 1)", argument: i) }
            return k
        }
        let w = try a.word(i)
        guard let vocab, let k = vocab.firstIndex(of: w) else {
            throw CheckFunctionError("'\(w)' is not one of the model's outputs\(vocab.map { " (\($0.joined(separator: " ")))" } ?? "")", argument: i)
        }
        return k
    }

    /// A hidden unit: a number from 0 or a hidden label.
    static func unitIndex(_ a: CheckArguments, _ i: Int, labels: [String]?, size: Int) throws(CheckFunctionError) -> Int {
        if case .number = a[i] {
            let u = try a.integer(i)
            guard u >= 0, u < size else { throw CheckFunctionError("unit \(u) is outside 0…\(size - 1)", argument: i) }
            return u
        }
        let w = try a.word(i)
        guard let labels, let u = labels.firstIndex(of: w) else {
            throw CheckFunctionError("'\(w)' names no hidden unit\(labels.map { " (\($0.joined(separator: " ")))" } ?? "")", argument: i)
        }
        return u
    }
}
