import Foundation
import Testing
import UnrollCore
@testable import unroll

/// Command-line fuzz (issue 10, "keep it so"): seeded mutants of valid command lines (words
/// dropped, duplicated, swapped, garbled; huge numbers, empty strings, Unicode, control
/// characters) through the parser in process, and some through the real binary with standard
/// input /dev/null and standard output a pipe. Asserted: no crash or signal, an exit status in
/// {0, 64, 65, 66}, on an error exactly one line on standard error and nothing on standard output,
/// bounded time. `UNROLL_FUZZ_COUNT=N` runs 10·N parsed and N run (default: 400 parsed, 40 run;
/// a debug build's swift-argument-parser takes ~15 ms a parse, so thousands belong in CI).
@Suite(.serialized) struct CommandLineFuzzTests {
    static var scale: Int { ProcessInfo.processInfo.environment["UNROLL_FUZZ_COUNT"].flatMap(Int.init).map { max(1, $0) } ?? 0 }
    static var parsedCount: Int { scale > 0 ? scale * 10 : 400 }
    static var runCount: Int { scale > 0 ? scale : 40 }

    /// Valid command lines of every command (the parser fuzz does not run them).
    static let valid: [[String]] = [
        [], ["--plain"], ["list"], ["progress"], ["lint", "lessons/07-lstm.md"], ["--help"], ["help", "lab"], ["--version"],
        ["lesson", "07-lstm", "--step", "3", "--plain"], ["lesson", "2", "-s", "1", "--present", "--ascii", "--plain"],
        ["lab", "book-lstm.model.json", "--input", "Jane saw Spot . Doug saw", "--clamp", "forget=0@3", "-t", "2", "--plain"],
        ["trace", "book-lstm.model.json", "--input", "Jane saw Spot . Doug", "--targets", "saw Spot . Doug saw", "--grad", "--pretty"],
        ["trace", "dinner-rnn.model.json", "--input", "pizza ? sushi"],
        ["render", "lab", "book-lstm.model.json", "--input", "Jane saw", "-t", "2", "--size", "80x24", "--format", "ansi", "--colors", "8"],
        ["render", "lesson", "--lesson", "07-lstm", "--lesson-step", "2", "--size", "80x24"],
        ["render", "start", "--size", "60x20", "--ascii"],
        ["gradients", "vanishing", "--scale", "1.5", "--n", "5", "--plain"],
        ["gradients", "vanishing", "--frame", "80x24"],
        ["gradients", "bptt", "--model", "book-lstm.model.json", "--input", "Jane saw Spot", "--plain"],
        ["analyze", "vanishing", "--function", "tanh", "--n", "3", "--samples", "9", "--json"],
        ["analyze", "power", "--cell", "gru", "--hidden", "4", "--steps", "5"],
        ["analyze", "distance", "--cell", "rnn", "--hidden", "4", "--length", "6", "--json"],
        ["train", "dinner", "--epochs", "2", "--hidden", "3"],
        ["analyze", "race", "--delays", "2", "--steps", "2", "--hidden", "2", "--cells", "rnn"],
        ["bench", "--epochs", "1", "--repeats", "1", "--no-race"],
    ]

    /// The command lines that are quick to run (no training beyond a few steps).
    static let runnable: [[String]] = valid.filter { line in
        guard let first = line.first else { return false }  // `unroll` alone would open the start screen: plain here, but slow to read
        return !["bench", "lint", "progress"].contains(first)
    }

    static let hostileWords = [
        "", " ", "-", "--", "---", "-1", "-3", "0", "99999999999999999999", "-99999999999999999999", "1e300", "-1e300",
        "nan", "inf", "0x1", "1.5", "σ→日本🍕", "\u{1B}[2J", "\u{1B}]52;c;aGk=\u{07}", "\u{0}", "\n", "\u{202E}evil",
        "--step", "--lesson-step", "-t", "--clamp", "forget=2", "candidate=-9", "forget=0x1", "--input", "--plain", "--help",
        "--version", "help", "lab", "lesson", "lstm", "frobnicate", "--size", "0x0", "99999x99999", "--frame", "--out",
        "/dev/null", "--json", "--bogus", "=", "--input=", "-tx", "-s", "--model", "race", "bptt", "vanishing",
    ]

    /// One seeded mutant of a valid line.
    static func mutant(_ rng: inout SeededRandom) -> [String] {
        var words = valid[Int(rng.next() % UInt64(valid.count))]
        for _ in 0..<(1 + Int(rng.next() % 3)) {
            let i = words.isEmpty ? 0 : Int(rng.next() % UInt64(words.count))
            let hostile = hostileWords[Int(rng.next() % UInt64(hostileWords.count))]
            switch rng.next() % 7 {
            case 0 where !words.isEmpty: words.remove(at: i)
            case 1 where !words.isEmpty: words.insert(words[i], at: i)
            case 2 where words.count > 1: words.swapAt(i, Int(rng.next() % UInt64(words.count)))
            case 3 where !words.isEmpty: words[i] = hostile
            case 4 where !words.isEmpty:
                var scalars = Array(words[i].unicodeScalars)
                if !scalars.isEmpty, let s = Unicode.Scalar(UInt32(rng.next() % 0x300)) { scalars[Int(rng.next() % UInt64(scalars.count))] = s }
                words[i] = String(String.UnicodeScalarView(scalars))
            case 5 where !words.isEmpty: words[i] = String(words[i].prefix(Int(rng.next() % 4)))
            default: words.insert(hostile, at: min(i + 1, words.count))
            }
        }
        return words
    }

    @Test func mutatedCommandLinesParseOrAreRefusedInOneLine() {
        var rng = SeededRandom(seed: 9)
        var counts: [String: Int] = [:]
        let clock = ContinuousClock()
        let started = clock.now
        for _ in 0..<Self.parsedCount {
            let words = Self.mutant(&rng)
            switch Invocation.parse(words) {
            case .command: counts["parsed", default: 0] += 1
            case let .text(text):
                counts["help", default: 0] += 1
                #expect(!text.isEmpty, "\(words)")
            case let .usageError(line):
                counts["refused", default: 0] += 1
                let shown = TerminalSafe.line(line)
                #expect(shown.hasPrefix("unroll"), "\(words): \(shown)")
                #expect(!shown.contains("\n") && !shown.contains("Usage:"), "\(words): \(shown)")
                #expect(shown.count < 600, "\(words): a long line \(shown.count)")
            }
        }
        print("command-line fuzz (in process): \(Self.parsedCount) mutants: \(counts["parsed"] ?? 0) parsed, \(counts["refused"] ?? 0) refused in one line, \(counts["help"] ?? 0) help/version; 0 crashes")
        #expect((counts["parsed"] ?? 0) > 0 && (counts["refused"] ?? 0) > 0)
        // A hang guard, not a speed goal (speed lives in `unroll bench`): half a second a mutant, about
        // 30× what one takes, so a debug build on a loaded 2-core machine passes and a parser loop does not.
        #expect(clock.now - started < .seconds(Double(Self.parsedCount) * 0.5 + 60))
    }

    @Test func mutatedCommandLinesThroughTheBinaryExitCleanly() throws {
        var rng = SeededRandom(seed: 10)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        var ran = 0
        var statuses: [Int32: Int] = [:]
        defer { print("command-line fuzz (binary): \(ran) mutants, exit statuses \(statuses.sorted { $0.key < $1.key })") }
        while ran < Self.runCount {
            var words = Self.mutant(&rng)
            // Only quick lines run here (the parser fuzz covers the rest); no writing outside scratch.
            guard let first = words.first, Self.runnable.contains(where: { $0.first == first }) else { continue }
            if let i = words.firstIndex(of: "--out"), i + 1 < words.count { words[i + 1] = scratch.appendingPathComponent("out.json").path }
            ran += 1
            let r = try FuzzRun.run(words, scratch: scratch)
            statuses[r.status, default: 0] += 1
            let line = words.map { "'\($0)'" }.joined(separator: " ")
            #expect(r.status < 128 && r.status != 124, "\(line): signal or timeout (status \(r.status))")
            #expect([0, 64, 65, 66].contains(r.status), "\(line): status \(r.status): \(r.stderr)")
            if r.status != 0 {
                #expect(r.stdout.isEmpty, "\(line): standard output on error: \(r.stdout.prefix(200))")
                #expect(r.stderr.filter { $0 == "\n" }.count == 1 && r.stderr.hasPrefix("unroll"), "\(line): \(r.stderr)")
            }
        }
    }
}

/// Runs the binary under `timeout -s KILL` (20 s): a hang shows as status 137, never blocks the suite.
enum FuzzRun {
    static func run(_ arguments: [String], scratch: URL) throws -> CLI.Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        p.arguments = ["-s", "KILL", "20", CLI.binary.path] + arguments
        var env = ProcessInfo.processInfo.environment
        env["XDG_STATE_HOME"] = scratch.path
        env["HOME"] = scratch.path
        p.environment = env
        p.currentDirectoryURL = CLI.fixtures
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        // Read both pipes at once: a full stderr pipe must not stall a child writing stdout.
        nonisolated(unsafe) var errData = Data()
        let reader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        while reader.isExecuting || !reader.isFinished { usleep(1000) }
        return CLI.Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }
}
