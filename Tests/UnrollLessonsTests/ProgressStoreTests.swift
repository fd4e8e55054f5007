import Foundation
import Testing
@testable import UnrollLessons

@Suite struct ProgressStoreTests {
    @Test func theFolderFollowsXDGStateHome() {
        #expect(ProgressStore.defaultDirectory(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/unroll")
        #expect(ProgressStore.defaultDirectory(environment: ["HOME": "/h"]) == "/h/.local/state/unroll")
        #expect(ProgressStore.defaultDirectory(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"]) == "/h/.local/state/unroll",
                "a relative XDG_STATE_HOME is ignored, as the spec says")
        #expect(ProgressStore(environment: ["XDG_STATE_HOME": "/s"]).path == "/s/unroll/progress.json")
    }

    @Test func savesAndLoadsAtomically() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = ProgressStore(directory: (dir as NSString).appendingPathComponent("deep/unroll"))
        #expect(store.load().progress == StudyProgress())
        var p = StudyProgress()
        p.visit(lesson: "07-lstm", step: 4)
        p.record(AnswerRecord(step: 4, question: 0, given: "Jane", correct: true), lesson: "07-lstm")
        try store.save(p)
        let loaded = store.load()
        #expect(loaded.notice == nil)
        #expect(loaded.progress == p)
        let files = try FileManager.default.contentsOfDirectory(atPath: store.directory)
        #expect(files == ["progress.json"], "no temporary file is left behind")
        let json = try String(contentsOfFile: store.path, encoding: .utf8)
        #expect(json.contains("\"version\" : 1"))
        #expect(json.contains("\"stepReached\" : 4"))
        let notice = try store.update { $0.complete(lesson: "07-lstm") }
        #expect(notice == nil)
        #expect(store.load().progress.lessons["07-lstm"]?.completed == true)
    }

    @Test(arguments: ["{not json", "{\"version\": 99, \"lessons\": {}}", "[]", ""])
    func aCorruptFileIsMovedAsideAndTheStudentStartsFresh(_ content: String) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = ProgressStore(directory: dir)
        try Data(content.utf8).write(to: URL(fileURLWithPath: store.path))
        let other = (dir as NSString).appendingPathComponent("keep.txt")
        try Data("mine".utf8).write(to: URL(fileURLWithPath: other))
        let loaded = store.load(now: Date(timeIntervalSince1970: 1_700_000_000))
        #expect(loaded.progress == StudyProgress())
        let notice = try #require(loaded.notice)
        #expect(notice.contains("moved to \(store.path).corrupt-1700000000"))
        let aside = try String(contentsOfFile: store.path + ".corrupt-1700000000", encoding: .utf8)
        #expect(aside == content, "the corrupt file is kept, not lost")
        #expect(!FileManager.default.fileExists(atPath: store.path))
        #expect(try String(contentsOfFile: other, encoding: .utf8) == "mine", "nothing else is touched")
        // The next save works and the next load is clean.
        try store.save(StudyProgress(lastLesson: "x"))
        #expect(store.load().notice == nil)
    }

    @Test func resetDeletesOnlyTheProgressFile() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = ProgressStore(directory: dir)
        try store.reset()
        try store.save(StudyProgress(lastLesson: "a"))
        try store.reset()
        #expect(!FileManager.default.fileExists(atPath: store.path))
        #expect(FileManager.default.fileExists(atPath: dir))
    }

    @Test func saveFailsCleanlyWhenTheFolderCannotBeCreated() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let blocker = (dir as NSString).appendingPathComponent("file")
        try Data().write(to: URL(fileURLWithPath: blocker))
        let store = ProgressStore(directory: (blocker as NSString).appendingPathComponent("unroll"))
        #expect(throws: (any Error).self) { try store.save(StudyProgress()) }
    }
}
