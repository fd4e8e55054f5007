import Foundation
import Testing
@testable import UnrollCore

/// Seeded mutants of `.pt` and `.safetensors` files, loaded in-process: never a trap, always a model
/// or a one-line `ModelFileError` naming the file, each in bounded time.
///
/// `UNROLL_FUZZ_COUNT` sets the number of mutants per kind of file (default 1,000, about a second
/// each in a debug build); CI's long run sets it higher.
@Suite struct StateDictFuzzTests {
    static var count: Int { ProcessInfo.processInfo.environment["UNROLL_FUZZ_COUNT"].flatMap(Int.init) ?? 1000 }

    /// The committed `.pt` and `.safetensors` fixtures.
    static func seeds(_ ext: String) throws -> [[UInt8]] {
        try FileManager.default.contentsOfDirectory(atPath: Fixtures.directory.path).sorted().filter { $0.hasSuffix(ext) }
            .map { Array(try Data(contentsOf: Fixtures.directory.appendingPathComponent($0))) }
    }

    /// A file-level mutant: flipped bytes, a cut, a spliced run, a changed little-endian field.
    static func mutate(_ seed: [UInt8], _ rng: inout SeededRandom) -> [UInt8] {
        var b = seed
        guard !b.isEmpty else { return b }
        switch rng.below(5) {
        case 0:
            for _ in 0..<(1 + rng.below(4)) { b[rng.below(b.count)] = UInt8(truncatingIfNeeded: rng.next()) }
        case 1:
            b = Array(b[..<rng.below(b.count)])
        case 2:
            let from = rng.below(b.count), to = rng.below(b.count), n = min(1 + rng.below(64), b.count - max(from, to))
            if n > 0 { b.replaceSubrange(to..<(to + n), with: b[from..<(from + n)]) }
        case 3:
            // A 2-, 4- or 8-byte field set to an edge value (0, all ones, a huge length).
            let width = [2, 4, 8][rng.below(3)]
            let at = rng.below(max(1, b.count - width))
            let value: UInt64 = [0, .max, 1 << 31, UInt64(b.count), UInt64(b.count) + 1][rng.below(5)]
            for k in 0..<min(width, b.count - at) { b[at + k] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(k))) }
        default:
            let at = rng.below(b.count)
            b.insert(contentsOf: (0..<(1 + rng.below(16))).map { _ in UInt8(truncatingIfNeeded: rng.next()) }, at: at)
        }
        return b
    }

    /// A `.pt` whose pickle (not the zip) is mutated, re-zipped with correct checksums: the unpickler's turn.
    static func pickleMutant(_ rng: inout SeededRandom) -> [UInt8] {
        let shapes: [(String, [Int])] = [("emb.weight", [4, 2]), ("lstm.weight_ih_l0", [8, 2]), ("lstm.weight_hh_l0", [8, 2]),
                                         ("lstm.bias_ih_l0", [8]), ("fc.weight", [4, 2]), ("fc.bias", [4])]
        var entries: [(name: String, key: String, count: Int, shape: [Int])] = []
        var storages: [(String, [UInt8])] = []
        for (k, (name, shape)) in shapes.enumerated() {
            let count = shape.reduce(1, *)
            entries.append((name, String(k), count, shape))
            storages.append((String(k), float32Bytes((0..<count).map { _ in rng.uniform(-1, 1) })))
        }
        var pickle = PickleWriter.stateDict(entries)
        let opcodes: [UInt8] = [0x28, 0x74, 0x85, 0x86, 0x87, 0x52, 0x62, 0x51, 0x71, 0x68, 0x75, 0x73, 0x61, 0x65, 0x5D, 0x7D, 0x29, 0x2E, 0x30, 0x31, 0x32, 0x93, 0x94, 0x8A, 0x4A, 0x4B]
        for _ in 0..<(1 + rng.below(3)) {
            let at = rng.below(pickle.count)
            switch rng.below(3) {
            case 0: pickle[at] = opcodes[rng.below(opcodes.count)]
            case 1: pickle[at] = UInt8(truncatingIfNeeded: rng.next())
            default: pickle.insert(opcodes[rng.below(opcodes.count)], at: at)
            }
        }
        if rng.below(4) == 0, !storages.isEmpty {
            let k = rng.below(storages.count)
            storages[k].1 = Array(storages[k].1.prefix(rng.below(storages[k].1.count + 1)))
        }
        return TestZip.torch(pickle: pickle, storages: storages, byteorder: rng.below(8) == 0 ? "big" : "little")
    }

    /// A `.safetensors` whose JSON header is mutated (the length kept right): the header reader's turn.
    static func headerMutant(_ seed: [UInt8], _ rng: inout SeededRandom) -> [UInt8] {
        guard seed.count >= 8 else { return seed }
        let n = (0..<8).reduce(0) { $0 | Int(seed[$1]) << (8 * $1) }
        guard n <= seed.count - 8 else { return seed }
        var header = Array(seed[8..<(8 + n)])
        let data = Array(seed[(8 + n)...])
        let pieces: [String] = ["0", "1", "99999999999", "-1", "[]", "{}", "\"F16\"", "\"BF16\"", "\"U8\"", ",", "]", "\"", "null", "1e400", "[0,0]"]
        for _ in 0..<(1 + rng.below(3)) {
            let at = rng.below(max(1, header.count))
            let piece = Array(pieces[rng.below(pieces.count)].utf8)
            if rng.below(2) == 0, at + piece.count <= header.count { header.replaceSubrange(at..<(at + piece.count), with: piece) }
            else { header.insert(contentsOf: piece, at: at) }
        }
        return safetensorsBytes(header: String(decoding: header, as: UTF8.self), data: data)
    }

    /// What loading a mutant gave.
    enum Outcome { case model, locatedError, other }

    /// Loads a mutant: a model, or one located line; times the slowest.
    static func check(_ bytes: [UInt8], kind: ModelFileKind, file: String, slowest: inout Double) -> Outcome {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { slowest = max(slowest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9) }
        do {
            _ = try ModelFile.decode(Data(bytes), file: file, kind: kind)
            return .model
        } catch {
            let d = error.description
            return d.hasPrefix(file + ":") && !d.contains("\n") && error.kind == .malformed ? .locatedError : .other
        }
    }

    @Test func mutatedTorchFilesNeverTrap() throws {
        let seeds = try Self.seeds(".pt")
        #expect(seeds.count >= 5)
        var rng = SeededRandom(seed: 0x70_7A)
        var slowest = 0.0, bad = 0, accepted = 0
        for k in 0..<Self.count {
            let bytes = k % 2 == 0 ? Self.mutate(seeds[rng.below(seeds.count)], &rng) : Self.pickleMutant(&rng)
            switch Self.check(bytes, kind: .torch, file: "mutant.pt", slowest: &slowest) {
            case .model: accepted += 1
            case .locatedError: break
            case .other: bad += 1
            }
        }
        #expect(bad == 0, "\(bad) of \(Self.count) mutants gave no located error")
        // Generous: a mutant of a few KB takes microseconds; 2 s means a hang.
        #expect(slowest < 2, "slowest mutant took \(slowest) s")
        print("fuzz .pt: \(Self.count) mutants, \(accepted) still valid models, slowest \(String(format: "%.4f", slowest)) s")
    }

    @Test func mutatedSafetensorsNeverTrap() throws {
        var seeds = try Self.seeds(".safetensors")
        seeds.append(Array(SafeTensors.encode(try Fixtures.model("book-lstm.model.json"))))
        seeds.append(Array(SafeTensors.encode(try Fixtures.model("peephole-lstm-book.model.json"))))
        var rng = SeededRandom(seed: 0x57)
        var slowest = 0.0, bad = 0, accepted = 0
        for k in 0..<Self.count {
            let seed = seeds[rng.below(seeds.count)]
            let bytes = k % 2 == 0 ? Self.mutate(seed, &rng) : Self.headerMutant(seed, &rng)
            switch Self.check(bytes, kind: .safetensors, file: "mutant.safetensors", slowest: &slowest) {
            case .model: accepted += 1
            case .locatedError: break
            case .other: bad += 1
            }
        }
        #expect(bad == 0, "\(bad) of \(Self.count) mutants gave no located error")
        #expect(slowest < 2, "slowest mutant took \(slowest) s")
        print("fuzz .safetensors: \(Self.count) mutants, \(accepted) still valid models, slowest \(String(format: "%.4f", slowest)) s")
    }
}
