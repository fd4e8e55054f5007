import Foundation
import Testing

/// Finding 16, 18 and issue 9 ("first contact"): a bad command line is one line on standard
/// error, exit 64, nothing on standard output; the usage only with `--help`.
@Suite(.serialized) struct UsageErrorTests {
    struct BadLine: CustomStringConvertible, Sendable {
        let arguments: [String]
        let status: Int32
        let mentions: [String]
        var description: String { arguments.joined(separator: " ") }
        init(_ arguments: [String], _ status: Int32 = 64, mentions: [String]) {
            self.arguments = arguments
            self.status = status
            self.mentions = mentions
        }
    }

    static let badLines: [BadLine] = [
        BadLine(["frobnicate"], mentions: ["unroll: unknown command 'frobnicate'", "lesson", "--help"]),
        BadLine(["lesosn", "07-lstm"], mentions: ["did you mean 'lesson'?"]),
        BadLine(["help", "bogus"], mentions: ["unroll help: unknown command 'bogus'"]),
        BadLine(["--version", "extra"], mentions: ["--version"]),
        BadLine(["analyze", "frob"], mentions: ["unroll analyze: unknown command 'frob'", "vanishing"]),
        BadLine(["analyze"], mentions: ["unroll analyze:", "race"]),
        BadLine(["trace", "--inptu", "x"], mentions: ["unknown option '--inptu'", "did you mean '--input'?"]),
        BadLine(["trace"], mentions: ["unroll trace:", "<model>"]),
        BadLine(["lesson", "07-lstm", "--step", "-3"], mentions: ["--step -3", "numbered from 1"]),
        BadLine(["lesson", "07-lstm", "--step", "0"], mentions: ["--step 0 is outside 1…"]),
        BadLine(["lesson", "07-lstm", "--step", "999", "--plain"], mentions: ["--step 999 is outside 1…"]),
        BadLine(["render", "lesson", "--lesson", "07-lstm", "--lesson-step", "0"], mentions: ["--lesson-step 0 is outside 1…"]),
        BadLine(["render", "lesson", "--lesson", "07-lstm", "--lesson-step", "999"], mentions: ["--lesson-step 999 is outside 1…"]),
        BadLine(["lab", "book-lstm", "-t", "-2", "--plain"], mentions: ["-t -2", "numbered from 1"]),
        BadLine(["lab", "book-lstm", "--clamp", "forget=0x1", "--plain"], mentions: ["forget=0x1", "decimal"]),
        BadLine(["lab", "book-lstm", "--clamp", "forget=1.5", "--plain"], mentions: ["0…1"]),
        BadLine(["trace", "book-lstm", "--input", "Doug saw", "--clamp", "candidate=-2"], mentions: ["-1…1"]),
        BadLine(["render", "lab"], mentions: ["unroll render:", "MODEL"]),
        BadLine(["--plain", "bogus"], mentions: ["unroll:", "bogus"]),
        BadLine(["--plian"], mentions: ["unknown option '--plian'", "did you mean '--plain'?"]),
        BadLine(["lesson", "lstm"], 66, mentions: ["no lesson 'lstm'", "did you mean '07-lstm'?"]),
    ]

    @Test(arguments: badLines)
    func aBadCommandLineIsOneLineOnStandardErrorAndNothingOnStandardOutput(_ line: BadLine) throws {
        let r = try CLI.run(line.arguments)
        #expect(r.status == line.status, "\(line): \(r.stderr)")
        #expect(r.stdout.isEmpty, "\(line): nothing on standard output, got \(r.stdout.prefix(200))")
        #expect(r.stderr.hasSuffix("\n") && r.stderr.filter { $0 == "\n" }.count == 1, "\(line): one line: \(r.stderr)")
        #expect(!r.stderr.contains("Usage:") && !r.stderr.contains("unroll start"), "\(line): no usage, no hidden command: \(r.stderr)")
        for text in line.mentions { #expect(r.stderr.contains(text), "\(line): expected '\(text)' in \(r.stderr)") }
    }

    @Test func helpAndVersionPrintOnStandardOutputAndSucceed() throws {
        for arguments in [["--help"], ["-h"], ["help"], ["help", "lab"], ["help", "--help"], ["help", "analyze", "race"], ["lab", "--help"], ["--version"], ["analyze", "--help"]] {
            let r = try CLI.run(arguments)
            #expect(r.status == 0, "\(arguments): \(r.stderr)")
            #expect(!r.stdout.isEmpty && r.stderr.isEmpty, "\(arguments)")
        }
        let top = try CLI.run(["--help"])
        #expect(top.stdout.contains("USAGE: unroll") && top.stdout.contains("lesson"))
        #expect(!top.stdout.contains("unroll start"), "the hidden start command stays hidden")
    }

    @Test func theTutorSaysWhenStandardOutputIsNotATerminal() throws {
        let r = try CLI.run(["lab", "book-lstm", "--input", "Jane saw Spot ."])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr == "unroll: standard output is not a terminal: printing the plain transcript; run it in a terminal for the full-screen tutor\n")
        #expect(r.stdout.contains("step 1: \"Jane\""))
        let quiet = try CLI.run(["lab", "book-lstm", "--input", "Jane saw Spot .", "--plain"])
        #expect(quiet.stderr.isEmpty, "--plain asked for it: nothing to explain")
    }
}
