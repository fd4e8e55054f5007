import Foundation
import Synchronization
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
        #expect(files.sorted() == [".progress.lock", "progress.json"], "no temporary file is left behind (the lock file stays)")
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

    // MARK: Finding 7: two tutors at once lose nothing

    @Test func twoWritersInterleavingRecordEveryAnswer() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let perWriter = 300
        let failures = Mutex<[String]>([])
        let group = DispatchGroup()
        for writer in 0..<2 {
            group.enter()
            let thread = Thread {
                // Each writer its own store value, as two tutor processes would have.
                let store = ProgressStore(directory: dir)
                for k in 0..<perWriter {
                    do {
                        try store.update { p in
                            p.record(AnswerRecord(step: 1 + k % 10, question: writer, given: "w\(writer)-\(k)", correct: k % 2 == 0), lesson: "lesson-\(writer)")
                            p.visit(lesson: "shared", step: 1 + k % 7)
                        }
                    } catch {
                        failures.withLock { $0.append("\(error)") }
                    }
                }
                group.leave()
            }
            thread.start()
        }
        group.wait()
        #expect(failures.withLock { $0 }.isEmpty)
        let saved = ProgressStore(directory: dir).load()
        #expect(saved.notice == nil)
        for writer in 0..<2 {
            let answers = saved.progress.lessons["lesson-\(writer)"]?.answers ?? []
            #expect(answers.count == perWriter, "writer \(writer): \(answers.count) of \(perWriter) answers recorded")
            let given = answers.map(\.given), expected = (0..<perWriter).map { "w\(writer)-\($0)" }
            let inOrder = given == expected
            #expect(inOrder, "writer \(writer): \(Set(expected).subtracting(given).count) answers lost or reordered")
        }
        #expect(saved.progress.lessons["shared"]?.stepReached == 7)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func saveMergesWithWhatAnotherTutorSavedMeanwhile() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = ProgressStore(directory: dir)
        // Both tutors loaded the same (empty) progress; each saves its own copy.
        var first = store.load().progress, second = first
        first.visit(lesson: "a", step: 4)
        first.record(AnswerRecord(step: 2, question: 0, given: "Jane", correct: true), lesson: "a")
        second.visit(lesson: "a", step: 2)
        second.record(AnswerRecord(step: 1, question: 0, given: "Spot", correct: false), lesson: "a")
        second.complete(lesson: "b")
        try store.save(first)
        try store.save(second)
        let saved = store.load().progress
        let a = try #require(saved.lessons["a"])
        #expect(a.stepReached == 4, "the furthest step of either")
        #expect(a.currentStep == 2, "the last writer's place")
        #expect(Set(a.answers.map(\.given)) == ["Jane", "Spot"], "both answers")
        #expect(saved.lessons["b"]?.completed == true)
        // Saving the same copy again adds nothing twice.
        try store.save(second)
        #expect(store.load().progress.lessons["a"]?.answers.count == 2)
    }

    // MARK: Finding 4: every field is validated on load

    @Test func outOfRangeFieldsAreClampedOnLoadWithANotice() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = ProgressStore(directory: dir)
        let json = """
        {"version": 1, "lastLesson": "a\\u001b]0;x", "lessons": {
          "a": {"currentStep": -9223372036854775808, "stepReached": 1e300, "completed": "yes",
                "answers": [{"step": 1, "question": 0, "given": "x", "correct": true},
                            {"step": -1, "question": 0, "given": "x", "correct": true},
                            {"step": 1, "question": 0, "given": 5, "correct": true}, 7]},
          "b": {"currentStep": 9223372036854775807, "stepReached": -5},
          "c": [], "../evil": {"currentStep": 2}}}
        """
        try Data(json.utf8).write(to: URL(fileURLWithPath: store.path))
        let loaded = store.load()
        let a = try #require(loaded.progress.lessons["a"])
        #expect(a.currentStep == 1)
        #expect(a.stepReached == ProgressFile.stepRange.upperBound)
        #expect(a.completed == false)
        #expect(a.answers == [AnswerRecord(step: 1, question: 0, given: "x", correct: true)])
        let b = try #require(loaded.progress.lessons["b"])
        #expect(b.currentStep == ProgressFile.stepRange.upperBound && b.stepReached == 0)
        #expect(loaded.progress.lessons["c"] == nil && loaded.progress.lessons["../evil"] == nil)
        #expect(loaded.progress.lastLesson == nil, "an id with an escape sequence is dropped")
        let notice = try #require(loaded.notice)
        #expect(notice.hasPrefix("progress file repaired: "), "\(notice)")
        #expect(!notice.contains("\n"))
        #expect(FileManager.default.fileExists(atPath: store.path), "a repairable file is not moved aside")
    }

    // MARK: Finding 15: why progress cannot be saved

    @Test func aStateFolderThatIsAFileIsReportedWithItsPath() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let blocker = (dir as NSString).appendingPathComponent("state")
        try Data("x".utf8).write(to: URL(fileURLWithPath: blocker))
        let store = ProgressStore(directory: (blocker as NSString).appendingPathComponent("unroll"))
        #expect(store.load().notice == "progress is not being saved: \(blocker) is a file, not a folder")
        do {
            try store.update { $0.visit(lesson: "a", step: 1) }
            Issue.record("the update cannot succeed")
        } catch {
            #expect(error.message == "\(blocker) is a file, not a folder")
        }
        let direct = ProgressStore(directory: blocker)
        #expect(throws: ProgressStoreError.self) { try direct.save(StudyProgress()) }
    }

    @Test func aProgressFileThatIsAFolderIsReportedAndNeverDeleted() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = ProgressStore(directory: dir)
        try FileManager.default.createDirectory(atPath: store.path, withIntermediateDirectories: true)
        let inside = (store.path as NSString).appendingPathComponent("keep.txt")
        try Data("mine".utf8).write(to: URL(fileURLWithPath: inside))
        #expect(store.load().notice == "\(store.path) is a folder, not a file; progress starts fresh")
        do {
            try store.update { $0.visit(lesson: "a", step: 1) }
            Issue.record("the update cannot succeed")
        } catch {
            #expect(error.message == "\(store.path) is a folder, not a file")
        }
        #expect(throws: ProgressStoreError.self) { try store.reset() }
        do { try store.reset() } catch {
            #expect(error.localizedDescription == "\(store.path) is a folder, not a file", "one line however it is printed")
        }
        #expect(FileManager.default.fileExists(atPath: inside), "reset never deletes a folder")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".tmp") }.isEmpty)
    }

    @Test(.enabled(if: getuid() != 0, "root writes into read-only folders"))
    func aReadOnlyStateFolderIsReported() throws {
        let dir = try temporaryDirectory()
        defer { chmod(dir, 0o700); try? FileManager.default.removeItem(atPath: dir) }
        chmod(dir, 0o500)
        let store = ProgressStore(directory: dir)
        do {
            try store.update { $0.visit(lesson: "a", step: 1) }
            Issue.record("the update cannot succeed")
        } catch {
            #expect(error.message.hasPrefix("cannot write in \(dir): "), "\(error.message)")
        }
    }

    // MARK: Finding 17: temporary files of a killed tutor

    @Test func staleTemporaryFilesAreRemovedAtStart() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func touch(_ name: String, age: TimeInterval = 0) throws -> String {
            let path = (dir as NSString).appendingPathComponent(name)
            try Data("{".utf8).write(to: URL(fileURLWithPath: path))
            if age > 0 { try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-age)], ofItemAtPath: path) }
            return path
        }
        let me = getpid()
        let deadPid = try touch(".unroll-progress-999999999-1.tmp")
        let oldMine = try touch(".unroll-progress-\(me)-2.tmp", age: 2 * ProgressStore.staleAge)
        let freshMine = try touch(".unroll-progress-\(me)-3.tmp")
        let legacy = try touch(".progress.json.tmp-999999999-4")
        let unrelated = try touch(".other-tool.tmp", age: 2 * ProgressStore.staleAge)
        let store = ProgressStore(directory: dir)
        _ = store.load()
        #expect(!FileManager.default.fileExists(atPath: deadPid), "its tutor is gone")
        #expect(!FileManager.default.fileExists(atPath: oldMine), "older than an hour")
        #expect(!FileManager.default.fileExists(atPath: legacy), "the old name pattern")
        #expect(FileManager.default.fileExists(atPath: freshMine), "a live tutor may be writing it")
        #expect(FileManager.default.fileExists(atPath: unrelated), "only our own names are touched")
        // Our own saves use the pattern the cleaner knows.
        try store.save(StudyProgress(lastLesson: "a"))
        #expect(store.removeStaleTemporaryFiles() == 0)
    }
}
