import Foundation
import Testing
@testable import UnrollCore

/// The hand-written JSON reader: values, exact numbers, compact blocks, bounded depth, located errors.
@Suite struct JSONReaderTests {
    /// The error a text gives, or nil when it parses.
    static func syntaxError(_ text: String, maxDepth: Int = JSONReader.defaultMaxDepth) -> JSONSyntaxError? {
        do {
            _ = try JSONReader.parse(Data(text.utf8), maxDepth: maxDepth)
            return nil
        } catch {
            return error
        }
    }

    @Test func readsEveryKindOfValue() throws {
        let text = #"{"s": "a\"b\\c\/\n\u00e9\ud83d\ude00", "t": true, "f": false, "n": null, "x": -0.5e1, "e": [], "o": {}}"#
        let root = try JSONReader.parse(Data(text.utf8))
        #expect(root["s"] == .string("a\"b\\c/\né😀"))
        #expect(root["t"] == .bool(true) && root["f"] == .bool(false) && root["n"] == .null)
        #expect(root["x"] == .number(-5))
        #expect(root["e"] == .array([]) && root["o"] == .object([]))
        guard case let .object(members) = root else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["s", "t", "f", "n", "x", "e", "o"], "keys keep the file's order")
    }

    @Test func rectangularNumberArraysAreCompactBlocks() throws {
        let root = try JSONReader.parse(Data(#"{"m": [[1, 2, 3], [4, 5, 6]], "v": [7], "r": [[1], [2, 3]], "mixed": [1, "a"]}"#.utf8))
        #expect(root["m"] == .numbers(NumberBlock(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])))
        #expect(root["v"] == .numbers(NumberBlock(shape: [1], values: [7])))
        // Ragged and mixed arrays stay general, each compact part still a block.
        #expect(root["r"] == .array([.numbers(NumberBlock(shape: [1], values: [1])), .numbers(NumberBlock(shape: [2], values: [2, 3]))]))
        #expect(root["mixed"] == .array([.number(1), .string("a")]))
        // The same values as JSONValue, blocks expanded.
        #expect(root["m"]?.jsonValue == .array([.array([.number(1), .number(2), .number(3)]), .array([.number(4), .number(5), .number(6)])]))
    }

    @Test func aRaggedRowAfterEqualOnesKeepsEveryNumber() throws {
        let root = try JSONReader.parse(Data("[[1,2],[3,4],[5,6,7],[8,9]]".utf8))
        guard case let .array(rows) = root else { Issue.record("expected a general array, got \(root)"); return }
        #expect(rows.compactMap { if case let .numbers(b) = $0 { return b.values } else { return nil } } == [[1, 2], [3, 4], [5, 6, 7], [8, 9]])
    }

    /// The core must agree with PyTorch to 1e-12, so parsing is exact: bit-identical to `Double(String)`.
    @Test func numbersReadBitIdenticalToDoubleFromString() throws {
        var rng = SeededRandom(seed: 2024)
        var texts: [String] = []
        for _ in 0..<4000 {
            // Random finite doubles in their shortest form, and with 17 significant digits.
            var d = Double(bitPattern: rng.next())
            while !d.isFinite { d = Double(bitPattern: rng.next()) }
            texts.append(d.description.replacingOccurrences(of: "+", with: ""))
            texts.append(String(format: "%.17g", d))
            // Weights as PyTorch writes them.
            texts.append("\(rng.uniform(-3, 3))")
        }
        for _ in 0..<4000 {
            // Random digit strings: 1…30 digits, a point somewhere, an exponent −340…320.
            let n = 1 + rng.below(30)
            var s = rng.below(2) == 0 ? "-" : ""
            var digits = String(1 + rng.below(9))
            for _ in 1..<n { digits += String(rng.below(10)) }
            let point = rng.below(n + 1)
            if point > 0 && point < n {
                digits.insert(".", at: digits.index(digits.startIndex, offsetBy: point))
            }
            s += digits
            if rng.below(3) > 0 { s += "e\(rng.below(661) - 340)" }
            texts.append(s)
        }
        texts += ["0", "-0", "0.0", "1e-400", "4.9406564584124654e-324", "2.2250738585072014e-308", "1.7976931348623157e308",
                  "9007199254740993", "0.1", "1e22", "1e23", "123456789012345678901234567890e-10"]
        var compared = 0
        for text in texts {
            guard let expected = Double(text) else { Issue.record("Double(\(text)) is nil"); continue }
            let json = "[\(text)]"
            if expected.isInfinite {
                #expect(Self.syntaxError(json)?.message.contains("out of the range") == true, "\(text)")
                continue
            }
            let root = try JSONReader.parse(Data(json.utf8))
            guard case let .numbers(block) = root, let got = block.values.first else { Issue.record("\(text): \(root)"); continue }
            #expect(got.bitPattern == expected.bitPattern, "\(text): \(got) ≠ \(expected)")
            compared += 1
        }
        #expect(compared > 15_000)
    }

    @Test func nestingIsBoundedBeforeItCanTrap() {
        let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(Self.syntaxError(ok) == nil)
        for depth in [65, 512, 513, 514, 100_000] {
            let e = Self.syntaxError(String(repeating: "[", count: depth))
            #expect(e?.message.contains("nested deeper than 64") == true, "\(depth)")
            #expect(e?.line == 1 && e?.column == 65, "\(depth): \(String(describing: e))")
        }
        #expect(Self.syntaxError(String(repeating: "{\"a\":", count: 70))?.message.contains("nested deeper") == true)
    }

    @Test func aDuplicateKeyIsRefusedWithBothLocations() {
        let e = Self.syntaxError("{\"a\": 1,\n  \"b\": {\"c\": 2,\n  \"c\": 3}}")
        #expect(e?.line == 3 && e?.column == 3)
        #expect(e?.path == "b.c")
        #expect(e?.message.contains("duplicate key \"c\" (first given at line 2, column 9)") == true, "\(String(describing: e))")
        // Many keys: the dictionary path finds duplicates too.
        let many = "{" + (0..<40).map { "\"k\($0)\": \($0)" }.joined(separator: ", ") + ", \"k7\": 0}"
        #expect(Self.syntaxError(many)?.message.contains("duplicate key \"k7\"") == true)
    }

    struct Broken: Sendable, CustomStringConvertible {
        let text: String
        let line: Int
        let column: Int
        let says: String
        var description: String { text }
    }

    static let broken: [Broken] = [
        Broken(text: "", line: 1, column: 1, says: "expected a value, found the end of the file"),
        Broken(text: "{\"a\": 1,}", line: 1, column: 9, says: "expected a key"),
        Broken(text: "[1, 2,]", line: 1, column: 7, says: "expected a value"),
        Broken(text: "{\n  \"a\" 1}", line: 2, column: 7, says: "expected ':' after the key \"a\", found '1'"),
        Broken(text: "[1 2]", line: 1, column: 4, says: "expected ',' or ']' after an array element, found '2'"),
        Broken(text: "{\"a\": [1, 2}", line: 1, column: 12, says: "expected ',' or ']'"),
        Broken(text: "[01]", line: 1, column: 2, says: "leading zeros"),
        Broken(text: "[1.]", line: 1, column: 4, says: "expected a digit after the decimal point"),
        Broken(text: "[1e]", line: 1, column: 4, says: "expected a digit in the exponent"),
        Broken(text: "[-]", line: 1, column: 3, says: "expected a digit after '-'"),
        Broken(text: "[NaN]", line: 1, column: 2, says: "expected a value"),
        Broken(text: "[Infinity]", line: 1, column: 2, says: "expected a value"),
        Broken(text: "[tru]", line: 1, column: 2, says: "expected a value"),
        Broken(text: "[\"abc]", line: 1, column: 2, says: "not closed"),
        Broken(text: "[\"a\tb\"]", line: 1, column: 4, says: "control character"),
        Broken(text: "[\"\\x\"]", line: 1, column: 3, says: "expected an escape"),
        Broken(text: "[\"\\ud800\"]", line: 1, column: 3, says: "low surrogate"),
        Broken(text: "{} x", line: 1, column: 4, says: "expected the end of the file"),
        Broken(text: "{\"é\": 1e999}", line: 1, column: 7, says: "the number 1e999 is out of the range of a double"),
        Broken(text: "[1,\n -1e400]", line: 2, column: 2, says: "out of the range"),
        Broken(text: "[\"\u{7f}\u{1b}]\"", line: 1, column: 4, says: "control character (0x1B)"),
    ]

    @Test(arguments: broken)
    func everySyntaxErrorHasALineAColumnAndWhatWasExpected(_ b: Broken) {
        guard let e = Self.syntaxError(b.text) else { Issue.record("accepted \(b.text.debugDescription)"); return }
        #expect(e.line == b.line && e.column == b.column, "\(b.text.debugDescription): \(e)")
        #expect(e.message.contains(b.says), "\(b.text.debugDescription): \(e)")
        #expect(!e.description.contains("\n"))
    }

    @Test func invalidUTF8InAStringIsRefused() {
        var bytes = Array("{\"name\": \"ab".utf8)
        bytes += [0xFF, 0xC3]
        bytes += Array("\"}".utf8)
        do {
            _ = try JSONReader.parse(Data(bytes))
            Issue.record("accepted invalid UTF-8")
        } catch {
            #expect(error.message.contains("not UTF-8") && error.path == "name" && error.column == 13, "\(error)")
        }
    }

    @Test func theErrorPathNamesTheElement() {
        let e = Self.syntaxError(#"{"state_dict": {"weight_hh_l0": [[1, 2], [3, 1e999]]}}"#)
        #expect(e?.path == "state_dict.weight_hh_l0[1][1]", "\(String(describing: e))")
    }

    @Test func aByteOrderMarkIsSkipped() throws {
        let root = try JSONReader.parse(Data([0xEF, 0xBB, 0xBF] + Array("[1]".utf8)))
        #expect(root == .numbers(NumberBlock(shape: [1], values: [1])))
    }

    @Test func keysInMessagesShowNoControlCharacters() {
        let e = Self.syntaxError(#"{"a\u001b]0;x\u0007": 1, "a\u001b]0;x\u0007": 2}"#)
        #expect(e?.message.contains("duplicate key \"a\\u{1B}]0;x\\u{7}\"") == true, "\(String(describing: e))")
        #expect(e?.description.unicodeScalars.contains { $0.value < 0x20 } == false)
        #expect(JSONReader.printable(String(repeating: "x", count: 100)).count == 61)
    }
}

/// What `unroll trace` prints carries nothing a terminal would act on, and reads back the same.
@Suite struct JSONValueOutputTests {
    @Test func controlsDeleteC1AndBidiOverridesAreEscapedAndRoundTrip() throws {
        let hostile = "a\u{1B}]52;c;SGVsbG8=\u{07}b\u{7F}c\u{9B}2Jd\u{202E}e\u{2066}f"
        let text = JSONValue.array([.string(hostile)]).serialized()
        #expect(text.unicodeScalars.allSatisfy { !TerminalSafe.isUnsafe($0) }, "\(text)")
        #expect(text.contains("\\u001b") && text.contains("\\u007f") && text.contains("\\u009b") && text.contains("\\u202e"))
        let back = try JSONValue.parse(Data(text.utf8))
        #expect(back == .array([.string(hostile)]))
    }
}
