import Foundation
import Testing
import UnrollCore

@Suite(.serialized) struct TrainCommandTests {
    @Test func trainPrintsTheSummaryAndWritesAModelTraceReads() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-train-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("gru.json").path
        let r = try CLI.run(["train", "book", "--cell", "gru", "--hidden", "4", "--epochs", "30", "--seed", "3", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONValue.parse(Data(r.stdout.utf8))
        for key in ["task", "cell", "hidden", "epochs", "steps_per_epoch", "loss", "accuracy", "subject_after_saw", "seconds"] {
            #expect(json[key] != nil, "missing \(key)")
        }
        #expect(json["steps_per_epoch"] == .number(199))
        let t = try CLI.run(["trace", out, "--input", "Doug saw Jane ."])
        #expect(t.status == 0, "\(t.stderr)")
    }

    @Test func badOptionsAreUsageErrors() throws {
        #expect(try CLI.run(["train", "chess"]).status == 64)
        #expect(try CLI.run(["train", "book", "--hidden", "0"]).status == 64)
        #expect(try CLI.run(["train", "book", "--cell", "transformer"]).status == 64)
    }

    @Test func helpAndVersion() throws {
        let help = try CLI.run(["--help"])
        #expect(help.status == 0 && help.stdout.contains("trace") && help.stdout.contains("train"))
        let version = try CLI.run(["--version"])
        #expect(version.status == 0 && !version.stdout.isEmpty)
        for sub in ["trace", "train", "bench"] {
            let r = try CLI.run([sub, "--help"])
            #expect(r.status == 0 && r.stdout.contains("USAGE"), "\(sub) --help")
        }
    }
}
