import Foundation
import Testing
@testable import UnrollCore

/// Seeded mutants of every shipped model file, loaded in-process: never a trap, always a model or a
/// one-line `ModelFileError` naming the file, in bounded time.
///
/// `UNROLL_FUZZ_COUNT` sets the number of mutants (default 1,000 per reader, a few seconds in a debug
/// build); CI's long run sets it higher.
@Suite struct ModelFileFuzzTests {
    static var root: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent() }

    /// The shipped model files: lessons/models (and its shapes), and the reference fixtures.
    static func seeds() throws -> [(name: String, bytes: [UInt8])] {
        var out: [(String, [UInt8])] = []
        for folder in ["lessons/models", "lessons/models/shapes", "Tests/UnrollCoreTests/Fixtures"] {
            let dir = root.appendingPathComponent(folder)
            let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            for file in files.sorted() where file.hasSuffix(".json") && !file.hasSuffix(".case.json") && !file.hasSuffix(".expected.json") {
                out.append((file, Array(try Data(contentsOf: dir.appendingPathComponent(file)))))
            }
        }
        return out
    }

    static var count: Int {
        ProcessInfo.processInfo.environment["UNROLL_FUZZ_COUNT"].flatMap(Int.init) ?? 1000
    }

    /// The kinds of mutation, each applied to a random seed file.
    enum Mutation: Int, CaseIterable {
        case byteFlip, truncation, numberReplacement, deepNesting, duplicateKey, shapeChange, junk, splice
    }

    static let hostileNumbers = ["1e999", "-1e999", "NaN", "Infinity", "-0", "1e19", "9.3e18", "-9.3e18", "1e308", "1.7976931348623157e308",
                                 "4.9e-324", "1e-400", "123456789012345678901234567890", "0x10", "01", "1.", "-", "1e", "true", "null",
                                 "\"1\"", "[]", "{}", "[[1]]", "2147483648", "9223372036854775808", "1e9", "100000", "99999", "0", "-1"]

    static func mutate(_ seed: [UInt8], _ kind: Mutation, _ rng: inout SeededRandom) -> [UInt8] {
        var b = seed
        func at() -> Int { rng.below(max(1, b.count)) }
        /// The ranges of the numbers in the text.
        func numberRanges() -> [Range<Int>] {
            var ranges: [Range<Int>] = []
            var k = 0
            var inString = false
            while k < b.count {
                let c = b[k]
                if c == UInt8(ascii: "\"") { inString.toggle() }
                if !inString, c == UInt8(ascii: "-") || (48...57).contains(c) {
                    let start = k
                    while k < b.count, "-+.eE0123456789".utf8.contains(b[k]) { k += 1 }
                    ranges.append(start..<k)
                    continue
                }
                k += 1
            }
            return ranges
        }
        switch kind {
        case .byteFlip:
            for _ in 0..<(1 + rng.below(4)) where !b.isEmpty { b[at()] = UInt8(truncatingIfNeeded: rng.next()) }
        case .truncation:
            b = Array(b.prefix(rng.below(b.count + 1)))
        case .numberReplacement:
            let ranges = numberRanges()
            for _ in 0..<(1 + rng.below(3)) where !ranges.isEmpty {
                let r = ranges[rng.below(ranges.count)]
                let replacement = Array(hostileNumbers[rng.below(hostileNumbers.count)].utf8)
                if r.upperBound <= b.count { b.replaceSubrange(r, with: replacement) }
                break
            }
        case .deepNesting:
            let depth = [63, 64, 65, 512, 513, 514, 5000][rng.below(7)]
            let k = at()
            b.insert(contentsOf: Array(repeating: UInt8(ascii: "["), count: depth) + Array(repeating: UInt8(ascii: "]"), count: rng.below(2) * depth), at: k)
        case .duplicateKey:
            // Repeat one "key": value member right after itself (or a header key right after the opening brace).
            let text = String(decoding: b, as: UTF8.self)
            let keys = ["\"format\": \"unroll-model\", ", "\"hidden_size\": 3, ", "\"cell\": \"gru\", ", "\"weight_ih_l0\": [[1]], ", "\"vocab\": [], "]
            let insert = keys[rng.below(keys.count)]
            if insert.contains("weight"), let r = text.range(of: "\"state_dict\": {") ?? text.range(of: "\"state_dict\":{") {
                let k = text.utf8.distance(from: text.utf8.startIndex, to: r.upperBound)
                b.insert(contentsOf: Array(insert.utf8), at: k)
            } else if let brace = b.firstIndex(of: UInt8(ascii: "{")) {
                b.insert(contentsOf: Array(insert.utf8), at: brace + 1)
            }
        case .shapeChange:
            let text = String(decoding: b, as: UTF8.self)
            let key = ["\"hidden_size\"", "\"input_size\"", "\"num_layers\"", "\"decoder_input_size\""][rng.below(4)]
            let value = ["100000", "99999", "1000000", "4294967296", "1e300", "0", "2", "16", "17", "3.5", "-4", "65536"][rng.below(12)]
            if let r = text.range(of: key) {
                let start = text.utf8.distance(from: text.utf8.startIndex, to: r.upperBound)
                var k = start
                while k < b.count, b[k] != UInt8(ascii: ","), b[k] != UInt8(ascii: "}") { k += 1 }
                b.replaceSubrange(start..<k, with: Array((": " + value).utf8))
            } else if let brace = b.firstIndex(of: UInt8(ascii: "{")) {
                b.insert(contentsOf: Array("\(key): \(value), ".utf8), at: brace + 1)
            }
        case .junk:
            let junk: [[UInt8]] = [[0xFF], [0xC3], [0x1B, 0x5B, 0x32, 0x4A], [0x00], [0xEF, 0xBB, 0xBF], Array("\\u0000".utf8), Array("\\ud800".utf8),
                                   [0x22], [0x2C], [0x5D], [0x7D], Array(repeating: 0x20, count: 1000)]
            b.insert(contentsOf: junk[rng.below(junk.count)], at: at())
        case .splice:
            guard b.count > 2 else { break }
            let start = at(), length = rng.below(min(400, b.count - start) + 1)
            let piece = Array(b[start..<(start + length)])
            if rng.below(2) == 0 { b.removeSubrange(start..<(start + length)) } else { b.insert(contentsOf: piece, at: at()) }
        }
        return b
    }

    struct Tally {
        var mutants = 0, loaded = 0, refused = 0, problems: [String] = [], slowest = 0.0
    }

    /// Writes each mutant to a file and loads it through `load`.
    static func run(seed: UInt64, count: Int, load: (String) throws -> Void) throws -> Tally {
        let seeds = try seeds()
        #expect(seeds.count >= 10, "found \(seeds.count) shipped model files")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-model-fuzz-\(getpid())-\(seed)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var rng = SeededRandom(seed: seed)
        var tally = Tally()
        let clock = ContinuousClock()
        for k in 0..<count {
            let source = seeds[rng.below(seeds.count)]
            let kind = Mutation.allCases[k % Mutation.allCases.count]
            let mutant = mutate(source.bytes, kind, &rng)
            let path = dir.appendingPathComponent("m\(k % 8).json").path
            try Data(mutant).write(to: URL(fileURLWithPath: path))
            tally.mutants += 1
            let start = clock.now
            do {
                try load(path)
                tally.loaded += 1
            } catch let e as ModelFileError {
                tally.refused += 1
                let text = e.description
                if text.contains("\n") || text.contains("\r") || !text.hasPrefix(path) || text.contains("DecodingError") {
                    tally.problems.append("\(kind) of \(source.name): \(text.debugDescription)")
                }
            } catch {
                tally.problems.append("\(kind) of \(source.name): not a ModelFileError: \(error)")
            }
            let d = clock.now - start
            tally.slowest = max(tally.slowest, Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
        }
        if ProcessInfo.processInfo.environment["UNROLL_FUZZ_REPORT"] != nil {
            print("model fuzz seed \(seed): \(tally.mutants) mutants, \(tally.loaded) loaded, \(tally.refused) refused, \(tally.problems.count) problems, slowest \(tally.slowest) s")
        }
        return tally
    }

    @Test func mutantsOfShippedModelsNeverTrapAndAreRefusedInOneLine() throws {
        let tally = try Self.run(seed: 10, count: Self.count) { path in _ = try ModelFile.load(path: path) }
        #expect(tally.mutants == Self.count)
        #expect(tally.refused > tally.mutants / 2, "most mutants are broken: \(tally.refused) of \(tally.mutants) refused")
        #expect(tally.problems.isEmpty, "\(tally.problems.count) problems, first: \(tally.problems.first ?? "")")
        // Generous (debug build, shared machine): a hang would take far longer.
        #expect(tally.slowest < 5, "slowest mutant took \(tally.slowest) s")
    }

    @Test func mutantsThroughTheShapedReaderNeverTrap() throws {
        let tally = try Self.run(seed: 11, count: Self.count) { path in _ = try ModelFile.load(path: path).tensors }
        #expect(tally.loaded > 0 && tally.refused > 0)
        #expect(tally.problems.isEmpty, "\(tally.problems.count) problems, first: \(tally.problems.first ?? "")")
        #expect(tally.slowest < 5, "slowest mutant took \(tally.slowest) s")
    }
}
