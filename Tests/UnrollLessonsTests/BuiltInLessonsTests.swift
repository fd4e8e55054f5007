import Foundation
import Testing
@testable import UnrollLessons

/// The lessons compiled into the binary are the repository's `lessons/` folder, byte for byte.
@Suite struct BuiltInLessonsTests {
    static let lessonsDirectory = (Fixtures.root as NSString).appendingPathComponent("lessons")

    /// Every non-hidden regular file under `lessons/`, relative to it.
    static func filesOnDisk() -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: lessonsDirectory) else { return [] }
        var found: [String] = []
        while let path = walker.nextObject() as? String {
            let name = (path as NSString).lastPathComponent
            if name.hasPrefix(".") { walker.skipDescendants(); continue }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: lessonsDirectory + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                found.append(path)
            }
        }
        return found.sorted()
    }

    @Test func theTableHoldsEveryFileOfTheFolderAndNothingElse() throws {
        let onDisk = Self.filesOnDisk()
        #expect(onDisk.count > 12)
        let embedded = LessonLibrary.builtIn
        var listed: [String] = []
        for folder in Set(onDisk.map { LessonPath.split($0).folder }) {
            listed += embedded.names(in: folder).map { LessonPath.join(folder, $0) }
        }
        #expect(listed.sorted() == onDisk)
        for path in onDisk {
            let disk = try #require(FileManager.default.contents(atPath: Self.lessonsDirectory + "/" + path))
            #expect(try embedded.read(path, limit: 1 << 26).get() == disk, "lessons/\(path) differs from its built-in copy")
        }
    }

    @Test func theBuiltInLibraryHasEveryShippedLessonWorking() {
        let library = LessonLibrary.load(files: LessonLibrary.builtIn)
        let folder = LessonLibrary.load(directory: Self.lessonsDirectory)
        #expect(library.entries.map(\.id) == folder.entries.map(\.id))
        #expect(library.entries.count >= 12)
        #expect(library.entries.allSatisfy { !$0.isBroken }, "\(library.entries.compactMap(\.firstError))")
        #expect(library.models.names == folder.models.names)
        #expect(library.models.names.contains("book-lstm"))
    }

    @Test func aTeachersFolderAddsALessonAndReplacesOneByFileName() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let own = standardHeader + "\n## Mine\n\nA step of my own.\n"
        try Data(own.utf8).write(to: URL(fileURLWithPath: dir + "/50-mine.md"))
        let replaced = standardHeader.replacingOccurrences(of: "title: T", with: "title: My dinner") + "\n## One\n\nText.\n"
        try Data(replaced.utf8).write(to: URL(fileURLWithPath: dir + "/02-dinner-cycle.md"))
        let library = LessonLibrary.shipped(overlay: dir)
        #expect(library.problem == nil)
        #expect(library.lesson(id: "50-mine")?.title == "T")
        #expect(library.lesson(id: "02-dinner-cycle")?.title == "My dinner")
        #expect(library.lesson(id: "07-lstm") != nil)
        #expect(library.entries.count == LessonLibrary.shipped().entries.count + 1)
        // The teacher's lesson uses a built-in model.
        if case .failure = library.models.load("book-lstm-trained") { Issue.record("the built-in model is not found beside the folder") }
    }

    @Test func anUnreadableFolderIsAProblemNotACrash() {
        let library = LessonLibrary.shipped(overlay: "/nonexistent/unroll-lessons")
        #expect(library.problem?.contains("/nonexistent/unroll-lessons") == true)
    }
}
