import ArgumentParser
import UnrollCore

/// `unroll trace`: runs the core on a model and prints every step as JSON.
struct TraceCommand: ParsableCommand, DocumentedExamples {
    static let examples = ["unroll trace book-lstm --input \"Jane saw Spot . Doug\" --targets \"saw Spot . Doug saw\" --grad",
                           "unroll trace book-rnn --input \"Jane saw ? ?\" --feed-predictions"]

    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Run a model over a sequence and print what happened at every step as JSON.",
        discussion: """
        MODEL is a model file (unroll-model JSON; a PyTorch .pt/.pth or .safetensors state_dict) or the name of a shipped model.
        Exit codes: 64 bad command line, 65 malformed model file, 66 model not found.
        \(CommandExamples.text(examples))
        """
    )

    @Argument(help: "A model file or a shipped model name.")
    var model: String

    // `.unconditional`: a value may begin with '-' (a negative number in a series: --input "-0.5 0.25").
    @Option(parsing: .unconditional,
            help: "Whitespace-separated input tokens from the model's vocab (a \"real\" model: I comma-separated numbers per step); '?' is an unknown step.")
    var input: String

    @Option(parsing: .unconditional,
            help: "One target token per input token (a regression: O comma-separated numbers); '?' means no target at that step.")
    var targets: String?

    @Option(name: .customLong("clamp"), help: "Hold a gate at a value: GATE[UNITS]=VALUE@STEPS (repeatable), e.g. forget=0@3..5.")
    var clamps: [String] = []

    @Flag(help: "Add the gradients of the total loss (needs --targets).")
    var grad = false

    @Flag(help: "Feed each '?' step after the first the previous step's prediction (its predicted token, or a regression's output).")
    var feedPredictions = false

    @Flag(help: "Indent the JSON for reading.")
    var pretty = false

    @OptionGroup(title: "PyTorch files") var stateDict: StateDictOptions

    func run() throws {
        let model = try loadModel(self.model, command: "trace", stateDict: stateDict)
        let sequence: SequenceInput
        var targetIndices: [Int?]? = nil
        var targetVectors: [[Double]?]? = nil
        var parsedClamps: [Clamp] = []
        do {
            sequence = try model.parseInput(input)
            if model.outputKind == .regression {
                targetVectors = try targets.map { try model.parseTargetVectors($0, steps: sequence.count) }
            } else {
                targetIndices = try targets.map { try model.parseTargets($0, steps: sequence.count) }
            }
            for spec in clamps {
                let clamp = try Clamp.parse(spec, cell: model.cell, hiddenSize: model.hiddenSize)
                if let steps = clamp.steps, steps.upperBound > sequence.count {
                    // Well formed, partly outside this input: it holds where the steps exist.
                    warn("trace", "--clamp '\(spec)': steps after \(sequence.count) do not exist in this input and are ignored")
                }
                parsedClamps.append(clamp)
            }
        } catch let e as TokenError {
            throw fail("trace", e.message, code: Exit.usage)
        } catch let e as Clamp.ParseError {
            throw fail("trace", "--clamp: \(e.description)", code: Exit.usage)
        }
        if feedPredictions, let why = model.whyPredictionsCannotBeFed {
            throw fail("trace", "--feed-predictions: this model cannot feed its predictions back (\(why))", code: Exit.usage)
        }
        if grad && targetIndices == nil && targetVectors == nil {
            throw fail("trace", "--grad needs --targets (the gradient is of the loss on the targets)", code: Exit.usage)
        }
        // Targets that are all '?' leave no loss: the gradients are then all zero (as autograd gives for a zero sum).
        let trace = feedPredictions
            ? model.forwardFeedingPredictions(sequence, targets: targetIndices, targetVectors: targetVectors, clamps: parsedClamps)
            : model.forward(sequence, targets: targetIndices, targetVectors: targetVectors, clamps: parsedClamps)
        let gradients = grad ? model.backward(trace) : nil
        print(TraceJSON.encode(trace, model: model, gradients: gradients).serialized(indent: pretty ? 1 : nil))
    }
}
