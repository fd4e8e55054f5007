import Foundation
import Testing
import UnrollCore

/// Finding 10: a model whose name, vocabulary and labels hold escape sequences (OSC 52 writes
/// the clipboard, ESC [2J clears the screen) never gets them to the terminal, in any mode.
@Suite(.serialized) struct TerminalInjectionTests {
    static let osc52 = "\u{1B}]52;c;aGVsbG8=\u{07}"
    static let clear = "\u{1B}[2J"

    /// The book LSTM with a hostile name, first vocabulary word and first hidden label.
    func hostileModel(in folder: URL) throws -> String {
        let source = try Data(contentsOf: CLI.fixtures.appendingPathComponent("book-lstm.model.json"))
        guard var json = try JSONSerialization.jsonObject(with: source) as? [String: Any],
              var vocab = json["vocab"] as? [String] else { throw CocoaError(.fileReadCorruptFile) }
        json["name"] = "evil\(Self.osc52)name\(Self.clear)"
        vocab[0] = "Do\(Self.clear)ug"
        json["vocab"] = vocab
        json["hidden_labels"] = ["u\(Self.osc52)0", "u1", "u2", "u3", "u4", "u5"]
        let path = folder.appendingPathComponent("evil.model.json").path
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: path))
        return path
    }

    func hasControls(_ text: String) -> Bool {
        text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
    }

    @Test func noEscapeFromAModelFileReachesStandardOutputOrError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-evil-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = try hostileModel(in: folder)
        let runs: [[String]] = [
            ["lab", model, "--input", "saw Spot", "--plain"],
            ["lab", model, "--input", "saw Spot"],  // not a terminal: the plain transcript
            ["render", "lab", model, "--input", "saw Spot", "--size", "120x40"],
            ["render", "lab", model, "--input", "saw Spot", "--size", "120x40", "--format", "ansi"],
            ["lab", model, "--input", "Bob", "--plain"],  // a one-line error quoting the vocabulary
            ["trace", model, "--input", "Bob"],
            ["gradients", "bptt", "--model", model, "--input", "saw Spot", "--plain"],
            ["analyze", "power", "--model", model, "--steps", "3"],
            ["analyze", "distance", "--model", model, "--input", "saw Spot"],
            ["lab", "/no/such\u{1B}]0;title\u{07}.json", "--plain"],  // a path in an error message
        ]
        for arguments in runs {
            let r = try CLI.run(arguments, cwd: folder)
            let ansi = arguments.contains("ansi")
            // ANSI frames carry SGR colour codes (ESC [ … m) only; nothing else may be an escape.
            let stdout = ansi ? r.stdout.replacingOccurrences(of: #"\u{1B}\[[0-9;]*m"#, with: "", options: .regularExpression) : r.stdout
            #expect(!hasControls(stdout), "\(arguments.joined(separator: " ")): a control character on standard output")
            #expect(!hasControls(r.stderr), "\(arguments.joined(separator: " ")): a control character on standard error: \(r.stderr)")
            #expect(!r.stdout.contains("\u{1B}]52") && !r.stderr.contains("\u{1B}]52"))
        }
        let plain = try CLI.run(["lab", model, "--input", "saw Spot", "--plain"], cwd: folder)
        #expect(plain.stdout.contains("evil\\u{1B}]52;c;aGVsbG8=\\u{7}name\\u{1B}[2J"), "the name stays readable, escaped: \(plain.stdout.prefix(300))")
    }
}
