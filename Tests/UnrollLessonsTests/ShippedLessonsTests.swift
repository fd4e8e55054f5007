import Foundation
import Testing
@testable import UnrollLessons

/// Every shipped lesson (`lessons/*.md`) must lint clean against the shipped models, curriculum rules included.
@Suite struct ShippedLessonsTests {
    static let lessonsDirectory = (Fixtures.root as NSString).appendingPathComponent("lessons")

    static var shippedFiles: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: lessonsDirectory)) ?? []
        return names.filter(LessonLibrary.isLessonFileName).sorted()
    }

    static let library = LessonLibrary.load(directory: lessonsDirectory)

    @Test(arguments: shippedFiles)
    func lintsClean(_ name: String) throws {
        let entry = try #require(Self.library.entries.first { ($0.file as NSString).lastPathComponent == name })
        let problems = Linter().lint(entry, in: Self.library)
        #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
        #expect(!(entry.lesson?.header.isDraft ?? true), "a shipped lesson is not a draft")
    }

    @Test(arguments: ["dinner-cycle.md", "example.md", "gate-lab.md"])
    func fixtureLessonsLintWithoutErrors(_ name: String) {
        let report = Linter().lint(paths: [Fixtures.path(name)])
        #expect(report.errorCount == 0, "\(report.diagnostics)")
    }
}
