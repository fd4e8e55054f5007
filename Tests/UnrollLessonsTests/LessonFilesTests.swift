import Foundation
import Testing
@testable import UnrollLessons

/// The three lesson trees: a folder (nothing read outside it), the built-in table, and a folder laid over it.
@Suite struct LessonFilesTests {
    static func folder() throws -> String {
        let dir = try temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir + "/models", withIntermediateDirectories: true)
        try Data("# a".utf8).write(to: URL(fileURLWithPath: dir + "/a.md"))
        try Data("{}".utf8).write(to: URL(fileURLWithPath: dir + "/models/m.json"))
        try Data("x".utf8).write(to: URL(fileURLWithPath: dir + "/.hidden.md"))
        return dir
    }

    @Test func aFolderListsItsRegularFilesAndReadsThem() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = FolderLessonFiles(directory: dir)
        #expect(files.names(in: "") == ["a.md"])
        #expect(files.names(in: "models") == ["m.json"])
        #expect(try files.read("models/m.json", limit: 100).get() == Data("{}".utf8))
        #expect(files.displayPath("a.md") == dir + "/a.md")
        guard case let .failure(missing) = files.read("b.md", limit: 100) else { Issue.record("read a missing file"); return }
        #expect(missing.kind == .notFound)
    }

    @Test(arguments: ["../a.md", "/etc/passwd", "models/../a.md", "./a.md", "", "a\u{1B}.md", "models//m.json"])
    func aFolderReadsOnlyPlainRelativePaths(_ path: String) throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        guard case let .failure(e) = FolderLessonFiles(directory: dir).read(path, limit: 100) else {
            Issue.record("read '\(path)'"); return
        }
        #expect(e.kind == .outside)
    }

    @Test func aLinkOutOfItsFolderIsRefusedAndOneInsideIsFollowed() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createSymbolicLink(atPath: dir + "/models/up.json", withDestinationPath: dir + "/a.md")
        try FileManager.default.createSymbolicLink(atPath: dir + "/models/same.json", withDestinationPath: dir + "/models/m.json")
        let files = FolderLessonFiles(directory: dir)
        guard case let .failure(e) = files.read("models/up.json", limit: 100) else { Issue.record("followed a link out of models/"); return }
        #expect(e.kind == .outside)
        #expect(e.message.contains("leads outside"))
        #expect(try files.read("models/same.json", limit: 100).get() == Data("{}".utf8))
    }

    @Test func aFileOverTheLimitIsRefusedWithItsSize() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        guard case let .failure(e) = FolderLessonFiles(directory: dir).read("models/m.json", limit: 1) else { Issue.record("read"); return }
        #expect(e.kind == .tooLarge)
        #expect(e.size == 2)
    }

    @Test func anEmbeddedTreeDecodesBase64AndListsByFolder() throws {
        let tree = EmbeddedLessonFiles(base64: [("a.md", Data("A".utf8).base64EncodedString()),
                                                ("models/m.json", Data("{}".utf8).base64EncodedString()),
                                                ("models/shapes/s.json", Data("[]".utf8).base64EncodedString())])
        #expect(tree.names(in: "") == ["a.md"])
        #expect(tree.names(in: "models") == ["m.json"])
        #expect(tree.names(in: "models/shapes") == ["s.json"])
        #expect(try tree.read("models/shapes/s.json", limit: 10).get() == Data("[]".utf8))
        #expect(tree.displayPath("a.md") == "lessons/a.md")
        guard case .failure = tree.read("models/m.json", limit: 1) else { Issue.record("over the limit"); return }
    }

    @Test func aFolderLaidOverATreeWinsByNameAndAddsTheRest() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let base = EmbeddedLessonFiles(files: ["a.md": Data("built-in".utf8), "z.md": Data("Z".utf8), "models/n.json": Data("[]".utf8)])
        let layered = LayeredLessonFiles(top: FolderLessonFiles(directory: dir), base: base)
        #expect(layered.names(in: "") == ["a.md", "z.md"])
        #expect(layered.names(in: "models") == ["m.json", "n.json"])
        #expect(try layered.read("a.md", limit: 100).get() == Data("# a".utf8))
        #expect(try layered.read("z.md", limit: 100).get() == Data("Z".utf8))
        #expect(layered.displayPath("a.md") == dir + "/a.md")
        #expect(layered.displayPath("z.md") == "lessons/z.md")
    }
}
