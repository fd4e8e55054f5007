import ArgumentParser
import Foundation
import UnrollCore

/// `unroll convert IN OUT`: writes any accepted model (JSON, `.pt`/`.pth`, `.safetensors`, a shipped
/// name) as a `.json` or `.safetensors` model file.
struct ConvertCommand: ParsableCommand, DocumentedExamples {
    static let examples = ["unroll convert book-lstm book-lstm.safetensors"]

    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Write a model (JSON, PyTorch .pt/.pth, .safetensors, or a shipped name) as .json or .safetensors.",
        discussion: """
        The kind of OUT is its extension. A .safetensors file holds every tensor as float64 under the JSON names \
        (weight_ih_l0, head.weight, …) and the header fields (vocab, name, …) in its metadata key "unroll"; \
        JSON → safetensors → JSON gives the same numbers exactly.
        Exit codes: 64 bad command line, 65 malformed model file, 66 model not found, 73 cannot write OUT.
        \(CommandExamples.text(examples))
        """
    )

    @Argument(help: "The model to read: a model file or a shipped model name.")
    var input: String

    @Argument(help: "The file to write: NAME.json or NAME.safetensors.")
    var output: String

    @OptionGroup(title: "PyTorch files") var stateDict: StateDictOptions

    /// The kind OUT's extension asks for.
    var outputKind: ModelFileKind? {
        let kind = ModelFileKind(path: output)
        if kind == .safetensors { return kind }
        return output.lowercased().hasSuffix(".json") ? .json : nil
    }

    func validate() throws {
        if outputKind == nil {
            throw ValidationError("OUT '\(output)' must end in .json or .safetensors (the kinds convert writes)")
        }
    }

    func run() throws {
        do { _ = try OutputFile.target(output) } catch { throw fail("convert", "OUT \(error.description)", code: Exit.usage) }
        let model = try loadModel(input, command: "convert", stateDict: stateDict)
        let data: Data
        switch outputKind {
        case .safetensors?: data = SafeTensors.encode(model)
        default: data = Data((ModelFile.encode(model).serialized(indent: 1) + "\n").utf8)
        }
        do { try OutputFile.write(data, to: output) } catch {
            throw fail("convert", "cannot write \(output): \(error)", code: 73)
        }
        let head = model.layout.hasHead ? ", O = \(model.outputSize)" : ""
        print("wrote \(TerminalSafe.line(output)): \(model.cell.displayName), I = \(model.inputSize), H = \(model.hiddenSize)\(head), \(model.parameters.count) parameters")
    }
}
