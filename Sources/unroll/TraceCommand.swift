import ArgumentParser
import UnrollCore

/// `unroll trace`: runs the core on a model and prints every step as JSON.
struct TraceCommand: ParsableCommand, DocumentedExamples {
    static let examples = ["unroll trace book-lstm --input \"Jane saw Spot . Doug\" --targets \"saw Spot . Doug saw\" --grad"]

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

    @Option(help: "Whitespace-separated input tokens from the model's vocab; '?' is an unknown step.")
    var input: String

    @Option(help: "One target token per input token; '?' means no target at that step.")
    var targets: String?

    @Option(name: .customLong("clamp"), help: "Hold a gate at a value: GATE[UNITS]=VALUE@STEPS (repeatable), e.g. forget=0@3..5.")
    var clamps: [String] = []

    @Flag(help: "Add the gradients of the total loss (needs --targets).")
    var grad = false

    @Flag(help: "Indent the JSON for reading.")
    var pretty = false

    @OptionGroup(title: "PyTorch files") var stateDict: StateDictOptions

    func run() throws {
        let model = try loadModel(self.model, command: "trace", stateDict: stateDict)
        let sequence: SequenceInput
        let targetIndices: [Int?]?
        var parsedClamps: [Clamp] = []
        do {
            sequence = try model.parseInput(input)
            targetIndices = try targets.map { try model.parseTargets($0, steps: sequence.count) }
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
        if grad && targetIndices == nil {
            throw fail("trace", "--grad needs --targets (the gradient is of the loss on the targets)", code: Exit.usage)
        }
        // Targets that are all '?' leave no loss: the gradients are then all zero (as autograd gives for a zero sum).
        let trace = model.forward(sequence, targets: targetIndices, clamps: parsedClamps)
        let gradients = grad ? model.backward(trace) : nil
        print(TraceJSON.encode(trace, model: model, gradients: gradients).serialized(indent: pretty ? 1 : nil))
    }
}
