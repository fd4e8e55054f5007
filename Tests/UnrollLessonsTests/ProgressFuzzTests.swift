import Foundation
import Testing
import UnrollCore
@testable import UnrollLessons

/// Thousands of mutated progress files: wrong types, huge and extreme numbers, NaN, deep nesting,
/// truncation. Loading never traps; it gives a progress whose every field is in range, and a notice
/// whenever it repaired or refused something.
@Suite struct ProgressFuzzTests {
    /// How many mutants: `UNROLL_FUZZ_COUNT` (for a long CI run), else a few thousand.
    static let count = ProcessInfo.processInfo.environment["UNROLL_FUZZ_COUNT"].flatMap { Int($0) }.map { max(1, $0) } ?? 3000

    static let seed = """
    {
      "lastLesson" : "07-lstm",
      "lessons" : {
        "07-lstm" : {
          "answers" : [
            { "correct" : true, "given" : "Jane", "question" : 0, "step" : 4 },
            { "correct" : false, "given" : "0.25", "question" : 1, "step" : 6 }
          ],
          "completed" : false,
          "currentStep" : 6,
          "stepReached" : 8
        },
        "04-squashing" : { "answers" : [], "completed" : true, "currentStep" : 1, "stepReached" : 12 }
      },
      "version" : 1
    }
    """

    /// Values dropped in place of a number, a string, a bool, a list or an object.
    static let values = [
        "-9223372036854775808", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1e300", "-1e300", "1e400",
        "NaN", "nan", "Infinity", "-0", "0.5", "1e-400", "true", "null", "\"\"", "\"\\u001b[2J\"", "\"\\ud800\"", "[]", "{}",
        String(repeating: "[", count: 513), String(repeating: "{\"a\":", count: 600), "[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]",
        "\"" + String(repeating: "x", count: 5000) + "\"", "99999999999999999999999999999999", "0x10", "+1", "01", "1.", ".5",
    ]

    static func mutate(_ text: String, rng: inout SeededRandom) -> String {
        var bytes = Array(text.utf8)
        for _ in 0...rng.below(3) {
            guard !bytes.isEmpty else { bytes = Array("{".utf8); continue }
            let k = rng.below(bytes.count)
            switch rng.below(7) {
            case 0:
                // Replace the value after a ':' with a hostile one.
                let colons = bytes.indices.filter { bytes[$0] == UInt8(ascii: ":") }
                guard let c = colons.randomElement(using: &rng) else { continue }
                var end = c + 1
                while end < bytes.count, ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "\n")].contains(bytes[end]) { end += 1 }
                bytes.replaceSubrange((c + 1)..<end, with: Array((" " + values[rng.below(values.count)]).utf8))
            case 1: bytes = Array(bytes.prefix(k)) // truncation
            case 2: bytes.insert(contentsOf: Array(values[rng.below(values.count)].utf8), at: k)
            case 3: bytes.remove(at: k)
            case 4: bytes[k] = UInt8(rng.below(256)) // any byte, invalid UTF-8 included
            case 5:
                let j = rng.below(bytes.count)
                let (a, b) = (min(k, j), max(k, j))
                bytes.insert(contentsOf: Array(bytes[a..<b]), at: b) // duplicate a stretch (duplicate keys)
            default:
                bytes.swapAt(k, rng.below(bytes.count))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Every field a loaded progress holds is in the range the app relies on.
    static func checkInvariants(_ p: StudyProgress, _ label: String) {
        #expect(p.version == StudyProgress.currentVersion, "\(label)")
        for (id, l) in p.lessons {
            #expect(LessonParser.isValidID(id), "\(label): id \(id.debugDescription)")
            #expect(ProgressFile.stepRange.contains(l.currentStep), "\(label): currentStep \(l.currentStep)")
            #expect((0...ProgressFile.stepRange.upperBound).contains(l.stepReached), "\(label): stepReached \(l.stepReached)")
            #expect(l.answers.count <= LessonProgress.maxAnswers, "\(label)")
            for a in l.answers {
                #expect(ProgressFile.stepRange.contains(a.step) && ProgressFile.questionRange.contains(a.question), "\(label): \(a)")
                #expect(a.given.unicodeScalars.count <= ProgressFile.maxGiven, "\(label)")
            }
        }
        if let last = p.lastLesson { #expect(LessonParser.isValidID(last), "\(label)") }
    }

    @Test func mutatedProgressFilesNeverTrapAndLoadInRange() throws {
        var rng = SeededRandom(seed: 20_261_201)
        var readable = 0, repaired = 0, refused = 0
        for iteration in 0..<Self.count {
            let text = Self.mutate(Self.seed, rng: &rng)
            do {
                let (progress, repairs) = try ProgressFile.read(Data(text.utf8))
                readable += 1
                if !repairs.isEmpty { repaired += 1 }
                Self.checkInvariants(progress, "mutant \(iteration)")
                // Resume arithmetic on whatever was loaded never overflows.
                var p = progress
                for (id, l) in progress.lessons {
                    p.visit(lesson: id, step: l.currentStep + 1)
                    p.record(AnswerRecord(step: l.stepReached + 1, question: 0, given: "x", correct: true), lesson: id)
                }
                _ = p.merged(with: progress)
            } catch {
                refused += 1
                #expect(!error.reason.isEmpty && !error.reason.contains("\n"), "mutant \(iteration)")
            }
        }
        print("progress fuzz: \(Self.count) mutants, \(readable) read (\(repaired) repaired), \(refused) refused, 0 traps")
        #expect(readable > Self.count / 10 && refused > Self.count / 10, "both kinds (read \(readable), refused \(refused))")
    }

    @Test func theStoreLoadsEveryMutantWithANoticeOrCleanly() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = ProgressStore(directory: dir)
        var rng = SeededRandom(seed: 99)
        for iteration in 0..<max(1, Self.count / 10) {
            let text = Self.mutate(Self.seed, rng: &rng)
            try Data(text.utf8).write(to: URL(fileURLWithPath: store.path))
            let loaded = store.load(now: Date(timeIntervalSince1970: 1_700_000_000 + Double(iteration)))
            Self.checkInvariants(loaded.progress, "mutant \(iteration)")
            if let notice = loaded.notice {
                #expect(!notice.contains("\n"), "one line: \(notice)")
            } else {
                // A clean load means the file was fully valid: it reads back the same.
                #expect((try? ProgressFile.read(Data(text.utf8)).repairs.isEmpty) == true, "mutant \(iteration) loaded silently")
            }
            try store.update { $0.visit(lesson: "after", step: 2) }
            #expect(store.load().notice == nil, "what the store writes it reads back cleanly")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".tmp") }.isEmpty)
    }
}
