import Foundation
import Testing
import UnrollCore

/// Issue 10, finding 9 (and 18's `--cells ""`): options that used to exhaust memory or abort are refused
/// up front, exit 64, with a message naming the option and its range, and nothing on standard output.
@Suite(.serialized) struct OptionBoundsTests {
    struct Case: Sendable, CustomStringConvertible {
        let arguments: [String]
        let says: String
        var description: String { arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(arguments: ["train", "book", "--epochs", "10000000000"], says: "--epochs must be 1…1000000"),
        Case(arguments: ["train", "dinner", "--epochs", "0"], says: "--epochs must be 1…1000000"),
        Case(arguments: ["bench", "--epochs", "1000000000000"], says: "--epochs must be 1…100000"),
        Case(arguments: ["bench", "--repeats", "1000000000"], says: "--repeats must be 1…10000"),
        Case(arguments: ["analyze", "race", "--batch", "1000000000"], says: "--batch must be 1…4096"),
        Case(arguments: ["analyze", "race", "--batch", "4096", "--delays", "1000"], says: "--batch × (longest delay + 2)"),
        Case(arguments: ["analyze", "race", "--steps", "100000000000"], says: "--steps must be 1…1000000"),
        Case(arguments: ["analyze", "race", "--hidden", "256", "--delays", "10000"], says: "--hidden × (longest delay + 2) must be at most 1000000"),
        Case(arguments: ["train", "race", "--hidden", "1024", "--delay", "10000"], says: "--hidden × (--delay + 2) must be at most 1000000"),
        Case(arguments: ["train", "race", "--cell", "gru", "--forget-bias", "1"], says: "--forget-bias needs --cell lstm"),
        Case(arguments: ["train", "book", "--forget-bias", "1e300"], says: "--forget-bias must be a number in -100…100"),
        Case(arguments: ["analyze", "race", "--forget-bias", "nan"], says: "--forget-bias must be a number in -100…100"),
        Case(arguments: ["analyze", "race", "--threads", "0"], says: "--threads must be 1…256"),
        Case(arguments: ["analyze", "race", "--cells", ""], says: "--cells is empty"),
        Case(arguments: ["analyze", "race", "--cells", " , "], says: "--cells is empty"),
        Case(arguments: ["analyze", "race", "--cells", "rnn,,gru"], says: "--cells: '' is not rnn, lstm or gru"),
        Case(arguments: ["analyze", "vanishing", "--n", "1000", "--samples", "100000"], says: "--n × --samples must be at most 1000000"),
    ]

    @Test(arguments: cases)
    func anOptionBeyondWhatFitsInMemoryIsAUsageError(_ c: Case) throws {
        let r = try CLI.run(c.arguments)
        #expect(r.status == 64, "\(c): \(r.status) \(r.stderr)")
        #expect(r.stderr.contains(c.says), "\(c): \(r.stderr)")
        #expect(r.stdout.isEmpty, "\(c): \(r.stdout)")
    }

    @Test func theLimitsFitInMemory() {
        // The largest accepted requests stay small: loss history, vanishing series, one race batch.
        #expect(TrainingConfig.maxEpochs * 8 <= 8 << 20)
        #expect(SquashComposition.maxPoints * 2 * 8 <= 16 << 20)
        #expect(MemoryRaceRunner.Configuration.maxBatchTokenSteps <= 1 << 20)
        let huge = MemoryRaceRunner.Configuration(cells: Array(repeating: .rnn, count: 1000), delays: Array(repeating: 10_000, count: 100_000),
                                                  steps: 1_000_000, batchSize: 4096)
        #expect(huge.tokenSteps == Int.max, "saturates instead of overflowing")
    }
}
