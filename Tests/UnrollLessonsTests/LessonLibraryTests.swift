import Foundation
import Testing
@testable import UnrollLessons

@Suite struct LessonLibraryTests {
    /// A lessons folder with the fixture models and the given lesson files.
    func folder(_ files: [String: String]) throws -> String {
        let dir = try temporaryDirectory()
        try FileManager.default.copyItem(atPath: Fixtures.path("models"), toPath: (dir as NSString).appendingPathComponent("models"))
        for (name, text) in files { try Data(text.utf8).write(to: URL(fileURLWithPath: (dir as NSString).appendingPathComponent(name))) }
        return dir
    }

    @Test func loadsTheFixtureLessonsSortedByName() {
        let library = LessonLibrary.load(directory: Fixtures.directory)
        #expect(library.problem == nil)
        #expect(library.entries.map(\.id) == ["dinner-cycle", "example", "gate-lab"])
        #expect(library.entries.allSatisfy { !$0.isBroken })
        #expect(library.lesson(id: "example")?.title == "Who did Doug see?")
        #expect(library.ids == ["dinner-cycle", "example", "gate-lab"])
    }

    @Test func aBrokenLessonNeverHidesTheOthers() throws {
        let dir = try folder([
            "01-good.md": doc("## A\n"),
            "02-bad.md": doc("## A\n```scene\npanels: [nope]\n```\n"),
            "03-good.md": doc("## B\n"),
            "README.md": "# not a lesson",
            "notes.txt": "ignored",
            ".hidden.md": "ignored",
        ])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let library = LessonLibrary.load(directory: dir)
        #expect(library.entries.map(\.id) == ["01-good", "02-bad", "03-good"])
        #expect(library.lessons.map(\.id) == ["01-good", "03-good"])
        let bad = try #require(library.entry(id: "02-bad"))
        #expect(bad.isBroken)
        #expect(bad.title == "02-bad")
        #expect(bad.firstError?.description == "\(dir)/02-bad.md:10:10: unknown panel 'nope' (panels: timeline, vectors, gates, cell, diagram, probs, explain, plot, text)")
    }

    @Test func duplicateIDsAndEscapingLinksAreBroken() throws {
        let dir = try folder([
            "a.md": doc("## A\n"),
            "b.md": standardHeader.replacingOccurrences(of: "title: T", with: "title: T\nid: a") + "\n## A\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let outside = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: outside) }
        let secret = (outside as NSString).appendingPathComponent("secret.md")
        try Data(doc("## A\n").utf8).write(to: URL(fileURLWithPath: secret))
        try FileManager.default.createSymbolicLink(atPath: (dir as NSString).appendingPathComponent("c.md"), withDestinationPath: secret)
        let library = LessonLibrary.load(directory: dir)
        #expect(library.entries.map(\.id) == ["a", "a", "c"])
        #expect(library.entries[1].firstError?.message.contains("lesson id 'a' is also used by") == true)
        #expect(library.entries[2].firstError?.message == "lesson file leads outside the lessons folder (refused)")
    }

    @Test func aMissingFolderIsAProblemNotACrash() {
        let library = LessonLibrary.load(directory: "/nonexistent/lessons")
        #expect(library.entries.isEmpty)
        #expect(library.problem == "cannot read the lessons folder /nonexistent/lessons")
    }

    @Test func lessonFileNames() {
        #expect(LessonLibrary.isLessonFileName("07-lstm.md"))
        #expect(!LessonLibrary.isLessonFileName("README.md"))
        #expect(!LessonLibrary.isLessonFileName("readme.md"))
        #expect(!LessonLibrary.isLessonFileName(".x.md"))
        #expect(!LessonLibrary.isLessonFileName("x.markdown"))
    }
}
