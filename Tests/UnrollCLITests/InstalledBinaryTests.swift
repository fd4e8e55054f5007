import Foundation
import Testing

/// The binary needs nothing beside it: lessons and models are built in, and a teacher's folder is laid over them.
@Suite struct InstalledBinaryTests {
    /// An environment with nothing in it: no PATH to a toolchain, no lessons folder, a fresh home.
    static func emptyEnvironment(home: String) -> [String: String] {
        ["PATH": "/nonexistent", "HOME": home]
    }

    static func run(_ arguments: [String], environment: [String: String], cwd: String = "/") throws -> CLI.Result {
        try CLI.run(arguments, replacingEnvironment: environment, cwd: URL(fileURLWithPath: cwd))
    }

    @Test func listShowsEveryLessonFromTheRootWithAnEmptyEnvironment() throws {
        let home = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let r = try Self.run(["list"], environment: Self.emptyEnvironment(home: home))
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        let shipped = try FileManager.default.contentsOfDirectory(atPath: CLI.root.appendingPathComponent("lessons").path)
            .filter { $0.hasSuffix(".md") && $0 != "README.md" }
        #expect(lines.count == shipped.count)
        #expect(lines.first?.hasPrefix("01-dinner-without-memory") == true)
        #expect(!r.stdout.contains("BROKEN"))
    }

    @Test func theLabRunsAShippedModelFromTheRoot() throws {
        let home = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let r = try Self.run(["lab", "book-lstm", "--plain"], environment: Self.emptyEnvironment(home: home))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("step 1: \"Jane\""))
        let lesson = try Self.run(["lesson", "07-lstm", "--plain"], environment: Self.emptyEnvironment(home: home))
        #expect(lesson.status == 0, "\(lesson.stderr)")
        #expect(lesson.stdout.contains("LSTM"))
    }

    @Test func aTeachersFolderAddsLessonsAndModels() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/models", withIntermediateDirectories: true)
        let lesson = """
        ---
        title: My own lesson
        summary: A lesson a teacher wrote.
        minutes: 5
        model: book-lstm
        input: Jane saw Spot
        ---

        ## One

        The built-in model runs on my sentence.

        ```scene
        panels: [gates]
        ```
        """
        try Data(lesson.utf8).write(to: URL(fileURLWithPath: dir + "/90-mine.md"))
        try FileManager.default.copyItem(atPath: CLI.root.appendingPathComponent("lessons/models/book-rnn.json").path,
                                         toPath: dir + "/models/my-rnn.json")
        let env = Self.emptyEnvironment(home: dir)
        for call in [["list", "--lessons", dir], ["list"]] {
            let r = try Self.run(call, environment: call.count == 1 ? env.merging(["UNROLL_LESSONS": dir]) { $1 } : env)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("90-mine"), "\(call)")
            #expect(r.stdout.contains("07-lstm"), "\(call)")
        }
        let lab = try Self.run(["lab", "my-rnn", "--plain", "--lessons", dir], environment: env)
        #expect(lab.status == 0, "\(lab.stderr)")
        let lint = try Self.run(["lint", dir], environment: env)
        #expect(lint.stderr.contains("1 lesson,"), "\(lint.stderr)")
    }

    @Test func aLessonsFolderThatIsNoFolderIsOneLineAndExit64() throws {
        let home = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: home) }
        for call in [["list", "--lessons", "/nonexistent/x"], ["lesson", "07-lstm", "--plain", "--lessons", "/etc/passwd"]] {
            let r = try Self.run(call, environment: Self.emptyEnvironment(home: home))
            #expect(r.status == 64, "\(call)")
            #expect(r.stdout.isEmpty)
            #expect(r.stderr.contains("is not a folder"))
        }
    }
}

/// A fresh temporary folder.
func temporaryFolder() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-cli-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}
