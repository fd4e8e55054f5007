import Foundation
import Testing
import UnrollCore

/// `unroll train wave|csv|text` and `unroll lab series`: a user's own series and text, end to end.
@Suite(.serialized) struct OwnDataCommandTests {
    static let examples = CLI.root.appendingPathComponent("examples")

    func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-own-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    func write(_ text: String, _ name: String, in dir: URL) throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// A refusal: one line on standard error naming what it should, nothing on standard output.
    func expectRefusal(_ r: CLI.Result, status: Int32, mentions: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status == status, "\(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stdout.isEmpty, sourceLocation: sourceLocation)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(r.stderr)", sourceLocation: sourceLocation)
        for m in mentions { #expect(r.stderr.contains(m), "no '\(m)' in \(r.stderr)", sourceLocation: sourceLocation) }
    }

    @Test func trainWaveWritesTheSameForecasterForTheSameSeed() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.json").path, b = dir.appendingPathComponent("b.json").path
        let r = try CLI.run(["train", "wave", "--hidden", "4", "--epochs", "40", "--seed", "2", "--out", a])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONValue.parse(Data(r.stdout.utf8))
        for key in ["task", "held_out_mse", "naive_mse", "series_train", "series_held_out"] { #expect(json[key] != nil, "missing \(key)") }
        #expect(r.stderr.contains("epoch 40/40"), "progress on standard error: \(r.stderr)")
        _ = try CLI.run(["train", "wave", "--hidden", "4", "--epochs", "40", "--seed", "2", "--out", b])
        #expect(try Data(contentsOf: URL(fileURLWithPath: a)) == Data(contentsOf: URL(fileURLWithPath: b)))
        let model = try ModelFile.load(path: a)
        #expect(model.inputKind == .real && model.outputKind == .regression && model.hiddenSize == 4)
        #expect(model.description?.contains("unroll train wave") == true)
        let t = try CLI.run(["trace", a, "--input", "0.1 0.5 ? ?", "--feed-predictions"])
        #expect(t.status == 0, "\(t.stderr)")
    }

    @Test func trainCSVLearnsTheNamedColumnOfTheExample() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("t.json").path
        let csv = Self.examples.appendingPathComponent("temperature.csv").path
        let r = try CLI.run(["train", "csv", csv, "--column", "temperature", "--hidden", "6", "--epochs", "150", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONValue.parse(Data(r.stdout.utf8))
        guard case let .number(mse)? = json["held_out_mse"], case let .number(naive)? = json["naive_mse"] else {
            Issue.record("no mse in \(r.stdout)"); return
        }
        #expect(mse < naive, "a trained forecaster beats tomorrow-as-today: \(mse) vs \(naive)")
        #expect(json["series_train"] == .number(96) && json["series_held_out"] == .number(24))
    }

    @Test func badCSVFilesAreOneLineAndExit65() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = try write("day,temp\n1,2\n2,3\n", "m.csv", in: dir)
        expectRefusal(try CLI.run(["train", "csv", missing, "--column", "close"]), status: 65, mentions: ["m.csv:1", "'day', 'temp'"])
        let word = try write("day,close\n1,2\n2,three\n", "w.csv", in: dir)
        expectRefusal(try CLI.run(["train", "csv", word, "--column", "close"]), status: 65, mentions: ["w.csv:3", "'three'"])
        let empty = try write("", "e.csv", in: dir)
        expectRefusal(try CLI.run(["train", "csv", empty, "--column", "close"]), status: 65, mentions: ["e.csv", "empty"])
        expectRefusal(try CLI.run(["train", "csv", dir.appendingPathComponent("none.csv").path, "--column", "x"]), status: 66, mentions: ["none.csv"])
        expectRefusal(try CLI.run(["train", "csv", missing]), status: 64, mentions: ["--column"])
        expectRefusal(try CLI.run(["train", "wave", missing]), status: 64, mentions: ["takes no file"])
    }

    @Test func trainTextWritesAModelTheLabContinues() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("story.json").path
        let text = Self.examples.appendingPathComponent("story.txt").path
        let r = try CLI.run(["train", "text", text, "--level", "word", "--hidden", "12", "--epochs", "120", "--seed", "1", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("epoch 120/120"))
        let model = try ModelFile.load(path: out)
        #expect(model.vocab?.contains("Spot") == true && model.vocab?.contains(".") == true && model.vocabCoversOutputs)
        let greedy = try CLI.run(["lab", out, "--input", "Jane saw", "--continue", "4", "--plain"])
        #expect(greedy.status == 0, "\(greedy.stderr)")
        #expect(greedy.stdout.contains("continues (greedy, fed its own words): "))
        let sampledA = try CLI.run(["lab", out, "--input", "Jane saw", "--continue", "6", "--temperature", "1.5", "--seed", "4", "--plain"])
        let sampledB = try CLI.run(["lab", out, "--input", "Jane saw", "--continue", "6", "--temperature", "1.5", "--seed", "4", "--plain"])
        #expect(sampledA.status == 0 && sampledA.stdout == sampledB.stdout, "the same seed, the same words")
        #expect(sampledA.stdout.contains("sampled at temperature 1.50, seed 4"), "\(sampledA.stdout.suffix(200))")
    }

    @Test func emptyAndBinaryTextFilesAreRefused() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let empty = try write("  \n", "e.txt", in: dir)
        expectRefusal(try CLI.run(["train", "text", empty]), status: 65, mentions: ["e.txt", "empty"])
        let binary = dir.appendingPathComponent("b.txt")
        try Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0xFF]).write(to: binary)
        expectRefusal(try CLI.run(["train", "text", binary.path]), status: 65, mentions: ["b.txt", "binary"])
        expectRefusal(try CLI.run(["train", "text"]), status: 64, mentions: ["FILE"])
    }

    @Test func theSeriesLabForecastsTheShippedWave() throws {
        let r = try CLI.run(["lab", "series", "--plain"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("wave lstm (seed 0)"))
        #expect(r.stdout.contains("(its own previous prediction), predicted next value"))
        #expect(r.stdout.contains("forecast from step 48: 23 steps"))
        let csv = Self.examples.appendingPathComponent("temperature.csv").path
        let c = try CLI.run(["lab", "series", "--csv", csv, "--column", "temperature", "--observe", "30", "--horizon", "10", "--plain"])
        #expect(c.status == 0, "\(c.stderr)")
        #expect(c.stdout.contains("step 40:") && !c.stdout.contains("step 41:"))
    }

    @Test func theSeriesLabRefusesWhatCannotForecast() throws {
        expectRefusal(try CLI.run(["lab", "series", "book-lstm", "--plain"]), status: 64, mentions: ["not a forecaster"])
        expectRefusal(try CLI.run(["lab", "series", "--bogus"]), status: 64, mentions: ["lab series"])
        expectRefusal(try CLI.run(["lab", "series", "--csv", "x.csv"]), status: 64, mentions: ["--column"])
        expectRefusal(try CLI.run(["lab", "wave-lstm", "--input", "0.1 0.2", "--continue", "3", "--plain"]), status: 64, mentions: ["--continue"])
        let help = try CLI.run(["lab", "series", "--help"])
        #expect(help.status == 0 && help.stdout.contains("--horizon"))
    }

    @Test(arguments: ["unroll lab series --plain", "unroll lab series wave-lstm --observe 36 --horizon 36 --plain"])
    func theSeriesLabExamplesRun(_ example: String) throws {
        let words = example.split(separator: " ").map(String.init)
        let r = try CLI.run(Array(words.dropFirst()))
        #expect(r.status == 0 && !r.stdout.isEmpty, "\(example): \(r.stderr)")
    }
}
