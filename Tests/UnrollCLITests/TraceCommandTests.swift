import Foundation
import Testing
import UnrollCore

/// `unroll trace` as the trace format specifies it: output, exit codes, one-line errors.
@Suite(.serialized) struct TraceCommandTests {
    @Test func printsATraceWithGradients() throws {
        let r = try CLI.run(["trace", "book-lstm.model.json", "--input", "Jane saw Spot . Doug", "--targets", "saw Spot . Doug saw", "--grad"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONValue.parse(Data(r.stdout.utf8))
        #expect(json["format"] == .string("unroll-trace"))
        guard case let .array(steps) = json["steps"] else { Issue.record("no steps"); return }
        #expect(steps.count == 5)
        #expect(steps[0]["token"] == .string("Jane"))
        #expect(json["gradients"]?["state_dict"]?["head.bias"] != nil)
        #expect(json["gradients"]?["cell"] != nil)
    }

    @Test func unknownStepsAndNoTargets() throws {
        let r = try CLI.run(["trace", "dinner-rnn.model.json", "--input", "pizza ? ?"])
        #expect(r.status == 0)
        let json = try JSONValue.parse(Data(r.stdout.utf8))
        #expect(json["loss"] == .null)
        guard case let .array(steps) = json["steps"] else { Issue.record("no steps"); return }
        #expect(steps[1]["token"] == .string("?"))
        #expect(steps[1]["input"] == .array([.number(0), .number(0), .number(0)]))
        #expect(steps[2]["target"] == .null && steps[2]["loss"] == .null)
    }

    /// Values may begin with '-': `--input "-0.5 0.25"` and `--input=-0.5` both work.
    @Test func negativeNumbersAreValues() throws {
        let a = try CLI.run(["trace", "series-lstm.model.json", "--input", "-0.5 0.25", "--targets", "-1 ?", "--grad"])
        #expect(a.status == 0, "\(a.stderr)")
        let json = try JSONValue.parse(Data(a.stdout.utf8))
        guard case let .array(steps) = json["steps"] else { Issue.record("no steps"); return }
        #expect(steps[0]["input"] == .array([.number(-0.5)]) && steps[0]["target"] == .array([.number(-1)]))
        #expect(steps[1]["target"] == .null && steps[0]["outputs"] != nil && steps[0]["logits"] == nil)
        let b = try CLI.run(["trace", "series-lstm.model.json", "--input=-0.5"])
        #expect(b.status == 0, "\(b.stderr)")
    }

    @Test func feedPredictionsIsRefusedWhereOutputsAreNotInputs() throws {
        let r = try CLI.run(["trace", "series-lstm.model.json", "--input", "0.5 ?", "--feed-predictions"])
        #expect(r.status == 0, "\(r.stderr)")
        let headless = try CLI.run(["trace", "emb-lstm-book.model.json", "--input", "Jane ?", "--feed-predictions"])
        #expect(headless.status == 0 && headless.stdout.contains("\"fed\""), "\(headless.stderr)")
    }

    struct BadCall: CustomStringConvertible, Sendable {
        let arguments: [String]
        let status: Int32
        let mentions: String
        var description: String { arguments.joined(separator: " ") }
    }

    static let badCalls: [BadCall] = [
        BadCall(arguments: ["trace", "book-lstm.model.json", "--input", "Doug saw Bob"], status: 64, mentions: "Bob"),
        BadCall(arguments: ["trace", "book-lstm.model.json", "--input", "Doug saw", "--targets", "saw"], status: 64, mentions: "--targets"),
        BadCall(arguments: ["trace", "book-lstm.model.json", "--input", "Doug saw", "--clamp", "forgot=0"], status: 64, mentions: "forgot"),
        BadCall(arguments: ["trace", "book-lstm.model.json", "--input", "Doug saw", "--grad"], status: 64, mentions: "--grad"),
        BadCall(arguments: ["trace", "book-lstm.model.json", "--input", "Doug", "--bogus"], status: 64, mentions: "--bogus"),
        BadCall(arguments: ["trace", "dinner-rnn.model.json", "--input", "pizza", "--clamp", "forget=0"], status: 64, mentions: "no gates"),
        BadCall(arguments: ["trace", "no-such-model.json", "--input", "Doug"], status: 66, mentions: "no-such-model.json"),
        BadCall(arguments: ["trace", "book-lstm-story.case.json", "--input", "Doug"], status: 65, mentions: "format"),
    ]

    @Test(arguments: badCalls)
    func errorsExitWithTheRightCodeAndOneLine(_ call: BadCall) throws {
        let r = try CLI.run(call.arguments)
        #expect(r.status == call.status, "\(call): \(r.stderr)")
        #expect(r.stdout.isEmpty, "nothing on standard output on error")
        #expect(r.stderr.contains(call.mentions), "\(call): \(r.stderr)")
        let lines = r.stderr.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        if call.status != 64 || !call.arguments.contains("--bogus") { #expect(lines.count == 1, "one line: \(r.stderr)") }
    }

    @Test func clampStepsPastTheInputAreIgnoredWithAWarning() throws {
        let r = try CLI.run(["trace", "book-lstm.model.json", "--input", "Doug saw", "--clamp", "forget=0@2..9"])
        #expect(r.status == 0)
        #expect(r.stderr.contains("warning") && r.stderr.contains("forget=0@2..9"))
        let json = try JSONValue.parse(Data(r.stdout.utf8))
        guard case let .array(steps) = json["steps"] else { Issue.record("no steps"); return }
        #expect(steps[1]["gates"]?["forget"] == .array(Array(repeating: .number(0), count: 6)))
    }

    @Test func gradientsWithNoTargetStepAreZero() throws {
        let r = try CLI.run(["trace", "book-gru.model.json", "--input", "Doug saw", "--targets", "? ?", "--grad"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONValue.parse(Data(r.stdout.utf8))
        #expect(json["loss"] == .null)
        let flat = flattenNumbers(json["gradients"])
        #expect(!flat.isEmpty && flat.allSatisfy { $0 == 0 })
    }

    @Test func malformedModelFileNamesTheKey() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-cli-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = #"{"format":"unroll-model","version":1,"cell":"gru","input_size":2,"hidden_size":1,"state_dict":{"weight_ih_l0":[[1,2],[3,4]],"weight_hh_l0":[[1],[1],[1]]}}"#
        try bad.write(to: dir.appendingPathComponent("bad.json"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["trace", "bad.json", "--input", "0"], cwd: dir)
        #expect(r.status == 65)
        #expect(r.stderr.contains("bad.json") && r.stderr.contains("state_dict.weight_ih_l0") && r.stderr.contains("expected 3"))
    }
}

/// Every number inside a JSON value.
func flattenNumbers(_ v: JSONValue?) -> [Double] {
    switch v {
    case let .number(d)?: return [d]
    case let .array(items)?: return items.flatMap { flattenNumbers($0) }
    case let .object(members)?: return members.flatMap { flattenNumbers($0.1) }
    default: return []
    }
}
