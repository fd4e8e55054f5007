import Foundation
import Testing
import UnrollCore

/// `unroll convert` and PyTorch files on the command line: `trace` and `convert` take `.pt` and
/// `.safetensors`; a broken one is one line on standard error, exit 65, nothing on standard output.
@Suite(.serialized) struct ConvertCommandTests {
    static func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-convert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// JSON → safetensors → JSON through the binary gives the same file, byte for byte.
    @Test func jsonToSafetensorsToJSONIsExactThroughTheBinary() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        for model in ["book-lstm.model.json", "peephole-lstm-book.model.json", "dinner-rnn.model.json"] {
            let st = dir.appendingPathComponent("m.safetensors").path, back = dir.appendingPathComponent("m.json").path
            let a = try CLI.run(["convert", model, st])
            #expect(a.status == 0 && a.stdout.hasPrefix("wrote "), "\(a.stderr)")
            let b = try CLI.run(["convert", st, back])
            #expect(b.status == 0, "\(b.stderr)")
            let original = try ModelFile.encode(ModelFile.load(path: CLI.fixtures.appendingPathComponent(model).path)).serialized(indent: 1) + "\n"
            #expect(try String(contentsOfFile: back, encoding: .utf8) == original, "\(model)")
        }
    }

    @Test func traceReadsAPTFileWithItsSidecarAndWarnsOfIgnoredTensors() throws {
        let r = try CLI.run(["trace", "sd-rnn-relu-strided.pt", "--input", "a b c d", "--targets", "b c d a", "--grad"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONValue.parse(Data(r.stdout.utf8))
        #expect(json["cell"] == .string("rnn"))
        // The gradients use the JSON names whatever the file called the tensors.
        let names = json["gradients"]?["state_dict"].map { v -> [String] in if case let .object(m) = v { return m.map(\.0) } else { return [] } }
        #expect(names == ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0", "head.weight", "head.bias"])
        #expect(r.stderr.contains("warning") && r.stderr.contains("model.scale.running_mean"), "\(r.stderr)")
    }

    @Test func theVocabOptionSettlesAFileWithoutOne() throws {
        let r = try CLI.run(["trace", "sd-gru-half-big.pt", "--input", "x z", "--vocab", "x y z"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try JSONValue.parse(Data(r.stdout.utf8))["vocab"] == .array([.string("x"), .string("y"), .string("z")]))
        let wrong = try CLI.run(["trace", "sd-gru-half-big.pt", "--input", "x", "--vocab", "x y"])
        #expect(wrong.status == 65 && wrong.stdout.isEmpty)
        #expect(wrong.stderr.contains("--vocab") && wrong.stderr.split(separator: "\n").count == 1, "\(wrong.stderr)")
    }

    struct BadCall: CustomStringConvertible, Sendable {
        let arguments: [String]
        let status: Int32
        let mentions: [String]
        var description: String { arguments.joined(separator: " ") }
    }

    static let badCalls: [BadCall] = [
        BadCall(arguments: ["trace", "evil-os-system.pt", "--input", "a"], status: 65, mentions: ["evil-os-system.pt", "posix.system", "refused"]),
        BadCall(arguments: ["convert", "evil-eval.pt", "/tmp/x.json"], status: 65, mentions: ["evil-eval.pt", "__builtin__.eval"]),
        BadCall(arguments: ["trace", "bad-truncated.pt", "--input", "a"], status: 65, mentions: ["bad-truncated.pt", "truncated"]),
        BadCall(arguments: ["trace", "bad-short-storage.pt", "--input", "a"], status: 65, mentions: ["bad-short-storage.pt", "bytes, expected"]),
        BadCall(arguments: ["trace", "bad-missing-whh.pt", "--input", "a"], status: 65, mentions: ["lstm.weight_hh_l0", "missing"]),
        BadCall(arguments: ["trace", "no-such.pt", "--input", "a"], status: 66, mentions: ["no-such.pt"]),
        BadCall(arguments: ["trace", "book-lstm.model.json", "--input", "Doug", "--head", "fc"], status: 64, mentions: ["--head", ".pt"]),
        BadCall(arguments: ["trace", "sd-gru-half-big.pt", "--input", "0", "--nonlinearity", "sigmoid"], status: 64, mentions: ["sigmoid"]),
        BadCall(arguments: ["convert", "book-lstm.model.json", "out.pt"], status: 64, mentions: [".json or .safetensors"]),
    ]

    @Test(arguments: badCalls)
    func badInputIsOneLineAndNothingOnStandardOutput(_ call: BadCall) throws {
        let r = try CLI.run(call.arguments)
        #expect(r.status == call.status, "\(call): \(r.stderr)")
        #expect(r.stdout.isEmpty, "\(call) printed \(r.stdout)")
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1 || call.status == 64, "\(call): \(r.stderr)")
        for word in call.mentions { #expect(r.stderr.contains(word), "\(call): \(r.stderr)") }
    }
}
