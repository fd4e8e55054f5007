import ArgumentParser
import Foundation
import Testing
@testable import unroll

/// Issue 9: every example in every `--help` is run, so the help cannot drift from the commands.
@Suite(.serialized) struct HelpExamplesTests {
    /// Every command under `unroll`, depth first.
    static func commands(_ root: ParsableCommand.Type = Unroll.self) -> [ParsableCommand.Type] {
        [root] + root.configuration.subcommands.flatMap { commands($0) }
    }

    /// Every documented example, from the same `examples` lists the help text is built from.
    static let examples: [String] = commands().flatMap { ($0 as? DocumentedExamples.Type)?.examples ?? [] }

    @Test func everyExampleIsInItsHelpAndEveryHelpExampleIsListed() {
        #expect(Self.examples.count >= 15)
        for type in Self.commands() {
            let help = type.helpMessage(columns: 10_000)
            let listed = (type as? DocumentedExamples.Type)?.examples ?? []
            for example in listed { #expect(help.contains(example), "\(type._commandName): \(example) not in its help") }
            // Any help line showing an example must come from the list (no hand-written ones).
            let shown = help.split(separator: "\n").filter { $0.contains("Example") || $0.hasPrefix("          unroll ") }
            for line in shown {
                #expect(listed.contains { line.contains($0) }, "\(type._commandName): '\(line)' is not in its examples list")
            }
        }
    }

    @Test func examplesSplitAsAShellWould() {
        #expect(CommandExamples.words("unroll lab book-lstm --input \"Jane saw Spot . Doug saw\" -t 4")
            == ["unroll", "lab", "book-lstm", "--input", "Jane saw Spot . Doug saw", "-t", "4"])
        #expect(CommandExamples.words("a 'b c' \"d\\\"e\"") == ["a", "b c", "d\"e"])
    }

    @Test(arguments: examples)
    func everyExampleRuns(_ example: String) throws {
        let words = CommandExamples.words(example)
        #expect(words.first == "unroll")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-examples-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let r = try CLI.run(Array(words.dropFirst()), environment: ["XDG_STATE_HOME": scratch.path], cwd: scratch)
        #expect(r.status == 0, "\(example): \(r.stderr)")
        #expect(!r.stdout.isEmpty, "\(example) printed nothing")
        #expect(!r.stderr.contains("error"), "\(example): \(r.stderr)")
        if words.contains("--json") {
            #expect((try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8))) != nil, "\(example): not JSON")
        }
        if words.contains("--out"), let out = words.last {
            let file = scratch.appendingPathComponent(out)
            #expect(FileManager.default.fileExists(atPath: file.path), "\(example) wrote \(out)")
        }
    }

    /// The render example used to ask for `--step 3` (the lab's step) and render lesson step 1.
    @Test func theRenderLessonExampleRendersTheStepItNames() throws {
        guard let example = RenderCommand.examples.first(where: { $0.contains("render lesson") }) else {
            Issue.record("no render lesson example"); return
        }
        let words = Array(CommandExamples.words(example).dropFirst())
        guard let i = words.firstIndex(of: "--lesson-step"), i + 1 < words.count, let step = Int(words[i + 1]) else {
            Issue.record("the example names no --lesson-step"); return
        }
        let r = try CLI.run(words)
        var first = words
        first[i + 1] = "1"
        let one = try CLI.run(first)
        #expect(r.status == 0 && one.status == 0)
        #expect(step != 1 && r.stdout != one.stdout, "step \(step) is not step 1")
        #expect(r.stdout.contains("\(step)/") || r.stdout.contains("step \(step)") || r.stdout.contains("Step \(step)"), "\(r.stdout)")
    }
}
