import Foundation
import Testing
@testable import unroll

/// Finding 8: `--out PATH` never replaces a device, a folder or a fifo, writes through a
/// symlink to its target, and writes atomically beside it.
@Suite(.serialized) struct OutputFileTests {
    let scratch: URL

    init() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { scratch.appendingPathComponent(name).path }

    func kind(_ path: String) -> FileAttributeType? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
    }

    @Test func aFifoOrAFolderIsRefusedAndLeftAsItWas() throws {
        defer { try? FileManager.default.removeItem(at: scratch) }
        #expect(mkfifo(path("pipe"), 0o600) == 0)
        try FileManager.default.createDirectory(atPath: path("folder"), withIntermediateDirectories: false)
        for target in ["pipe", "folder"] {
            #expect(throws: OutputFile.Refusal.self) { try OutputFile.write(Data("x".utf8), to: path(target)) }
        }
        var info = stat()
        #expect(lstat(path("pipe"), &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
        #expect(kind(path("folder")) == .typeDirectory)
        // A symlink to a fifo is refused too (the link is followed to what it names).
        try FileManager.default.createSymbolicLink(atPath: path("to-pipe"), withDestinationPath: "pipe")
        #expect(throws: OutputFile.Refusal.self) { try OutputFile.write(Data("x".utf8), to: path("to-pipe")) }
    }

    @Test func aSymlinkStaysASymlinkAndItsTargetGetsTheBytes() throws {
        defer { try? FileManager.default.removeItem(at: scratch) }
        try Data("old".utf8).write(to: URL(fileURLWithPath: path("model.json")))
        try FileManager.default.createSymbolicLink(atPath: path("link.json"), withDestinationPath: "model.json")
        try OutputFile.write(Data("new".utf8), to: path("link.json"))
        #expect(kind(path("link.json")) == .typeSymbolicLink)
        #expect(try String(contentsOfFile: path("model.json"), encoding: .utf8) == "new")
        // A dangling link: the file it names is created.
        try FileManager.default.createSymbolicLink(atPath: path("dangling.json"), withDestinationPath: "later.json")
        try OutputFile.write(Data("made".utf8), to: path("dangling.json"))
        #expect(try String(contentsOfFile: path("later.json"), encoding: .utf8) == "made")
        // Nothing temporary is left beside them.
        let left = try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter { $0.hasSuffix(".tmp") }
        #expect(left.isEmpty)
    }

    @Test func aLoopOfLinksOrAMissingFolderIsRefused() throws {
        defer { try? FileManager.default.removeItem(at: scratch) }
        try FileManager.default.createSymbolicLink(atPath: path("a"), withDestinationPath: "b")
        try FileManager.default.createSymbolicLink(atPath: path("b"), withDestinationPath: "a")
        #expect(throws: OutputFile.Refusal.self) { try OutputFile.target(path("a")) }
        #expect(throws: OutputFile.Refusal.self) { try OutputFile.target(path("no/such/folder/x.json")) }
        #expect(throws: OutputFile.Refusal.self) { try OutputFile.target("") }
    }

    @Test func trainRefusesAFifoBeforeTrainingAndKeepsIt() throws {
        defer { try? FileManager.default.removeItem(at: scratch) }
        #expect(mkfifo(path("out.fifo"), 0o600) == 0)
        let r = try CLI.run(["train", "dinner", "--epochs", "1", "--out", path("out.fifo")])
        #expect(r.status == 64, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("a fifo is not a regular file") && r.stderr.filter { $0 == "\n" }.count == 1, "\(r.stderr)")
        var info = stat()
        #expect(lstat(path("out.fifo"), &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
    }

    @Test func trainWritesThroughASymlink() throws {
        defer { try? FileManager.default.removeItem(at: scratch) }
        try FileManager.default.createSymbolicLink(atPath: path("latest.json"), withDestinationPath: "run1.json")
        let r = try CLI.run(["train", "dinner", "--epochs", "2", "--out", path("latest.json")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(kind(path("latest.json")) == .typeSymbolicLink)
        let trace = try CLI.run(["trace", path("run1.json"), "--input", "pizza sushi"])
        #expect(trace.status == 0, "the written model loads: \(trace.stderr)")
    }
}
