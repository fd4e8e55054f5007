import Foundation
import Testing
@testable import UnrollCore

/// Seeded mutants of CSV series files, read in-process: never a trap, always values or one line naming the file.
///
/// `UNROLL_FUZZ_COUNT` sets the number of mutants (default 1,000, well under a second in a debug build).
@Suite struct SeriesCSVFuzzTests {
    static var count: Int { ProcessInfo.processInfo.environment["UNROLL_FUZZ_COUNT"].flatMap(Int.init).map { max(1, $0) } ?? 1000 }

    static let seeds: [String] = [
        "date,close,volume\n2024-01-01,10.5,300\n2024-01-02,11.25,280\n2024-01-03,10.75,310\n2024-01-04,12,290\n",
        "t,close\r\n1,-0.5\r\n2,0.25\r\n3,1e-3\r\n4,.5\r\n",
        "name,close\n\"Smith, J\",1\n\"two\nlines\",2\n\"q\"\"uote\",3\n",
    ]

    /// A CSV-aware mutant: a byte-level one, or a quote, delimiter, newline or odd field spliced in.
    static func mutate(_ seed: [UInt8], _ rng: inout SeededRandom) -> [UInt8] {
        if rng.below(2) == 0 { return StateDictFuzzTests.mutate(seed, &rng) }
        var b = seed
        let pieces: [[UInt8]] = ["\"", ",", "\n", "\r", "\r\n", "\"\"", "nan", "inf", "-", "1e999", "0x10", "\u{FEFF}", "close", ",,,", "\u{1B}[2J", "é", "\u{0}"]
            .map { Array($0.utf8) }
        for _ in 0..<(1 + rng.below(3)) {
            let piece = pieces[rng.below(pieces.count)]
            let at = rng.below(b.count + 1)
            if rng.below(3) == 0, at < b.count { b.remove(at: at) } else { b.insert(contentsOf: piece, at: at) }
        }
        return b
    }

    @Test func mutatedCSVFilesNeverTrapAndFailInOneLine() {
        var rng = SeededRandom(seed: 0xC5F)
        var accepted = 0, refused = 0
        for k in 0..<Self.count {
            let seed = Array(Self.seeds[k % Self.seeds.count].utf8)
            let mutant = Self.mutate(seed, &rng)
            do {
                let values = try SeriesCSV.parse(Data(mutant), file: "m.csv", column: "close")
                let finite = values.allSatisfy { $0.isFinite }
                #expect(values.count >= 2 && finite)
                accepted += 1
            } catch {
                let line = error.description
                #expect(line.hasPrefix("m.csv"), "\(line)")
                #expect(!line.contains("\n") && !line.contains("\u{1B}"), "not one safe line: \(line)")
                #expect(line.count < 400, "\(line.count) characters")
                refused += 1
            }
        }
        #expect(accepted + refused == Self.count)
        #expect(accepted > 0 && refused > 0, "accepted \(accepted), refused \(refused)")
    }
}
