import Foundation
import Testing
@testable import UnrollCore

/// One regression test per hostile model file of issue 10 (findings 1, 3, 11, 12, 14, 18).
@Suite struct ModelFileHardeningTests {
    /// The error decoding `text` gives (single-layer and shaped readers agree), or nil when accepted.
    static func refusal(_ text: String, file: String = "m.json") -> ModelFileError? {
        var single: ModelFileError? = nil
        do { _ = try ModelFile.decode(Data(text.utf8), file: file) } catch { single = error as? ModelFileError }
        return single
    }

    static func shapedRefusal(_ text: String, file: String = "m.json") -> ModelFileError? {
        do {
            _ = try ModelFile.decode(Data(text.utf8), file: file)
            return nil
        } catch { return error as? ModelFileError }
    }

    static func header(cell: String = "rnn", input: String = "1", hidden: String = "1", extra: String = "") -> String {
        #"{"format":"unroll-model","version":1,"cell":"\#(cell)","input_size":\#(input),"hidden_size":\#(hidden)\#(extra),"#
    }

    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-hardening-\(getpid())-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    // Finding 12: 513 `[` trapped inside Foundation's decoder.
    @Test func aFileOf513BracketsIsRefusedWithItsLocation() {
        for n in [512, 513, 514] {
            let e = Self.refusal(String(repeating: "[", count: n))
            #expect(e?.kind == .malformed)
            #expect(e?.line == 1 && e?.column == 65, "\(n): \(String(describing: e))")
            #expect(e?.description.hasPrefix("m.json:1:65: ") == true, "\(String(describing: e))")
            #expect(e?.description.contains("nested deeper than 64") == true)
        }
    }

    // Finding 1: a 12 KB file declaring a huge shape aborted reserving rows × columns.
    @Test func aHugeDeclaredShapeIsRefusedBeforeAnyAllocation() {
        // Over the parameter cap: refused from the header alone.
        let capped = Self.refusal(Self.header(input: "100000", hidden: "100000") + #""state_dict":{"weight_ih_l0":[[1]],"weight_hh_l0":[[1]]}}"#)
        #expect(capped?.message.contains("more than the \(ModelFileLimits.maxParameters)") == true, "\(String(describing: capped))")
        // Over the dimension cap.
        let wide = Self.refusal(Self.header(input: "1e9") + #""state_dict":{}}"#)
        #expect(wide?.key == "input_size" && wide?.message.contains("more than the 100000") == true, "\(String(describing: wide))")
        // Within the caps but not in the data: the shape is checked against what is present.
        let padding = String(repeating: " ", count: 12_000)
        let absent = Self.refusal(Self.header(cell: "lstm", input: "2000", hidden: "1000") + padding
                                  + #""state_dict":{"weight_ih_l0":[[1,2],[3,4]],"weight_hh_l0":[[1]]}}"#)
        #expect(absent?.key == "state_dict.weight_ih_l0" && absent?.message.contains("has 2 rows, expected 4000 × 2000") == true,
                "\(String(describing: absent))")
        // A stack built before its tensors were read: now the tensors are checked first.
        let stack = Self.shapedRefusal(Self.header(cell: "lstm", input: "5", hidden: "500", extra: #","num_layers":4"#)
                                       + #""state_dict":{"weight_ih_l0":[[1,2,3,4,5]],"weight_hh_l0":[[1]]}}"#)
        #expect(stack?.key == "state_dict.weight_ih_l0" && stack?.message.contains("expected 2000 × 5") == true, "\(String(describing: stack))")
        let deep = Self.shapedRefusal(Self.header(cell: "gru", input: "5", hidden: "20000", extra: #","num_layers":16"#) + #""state_dict":{}}"#)
        #expect(deep?.message.contains("more than the \(ModelFileLimits.maxParameters)") == true, "\(String(describing: deep))")
        let encoder = Self.shapedRefusal(Self.header(cell: "rnn", input: "3", hidden: "900", extra: #","shape":"encoder-decoder","decoder_input_size":4"#)
                                         + #""state_dict":{}}"#)
        #expect(encoder?.key == "state_dict.encoder.weight_ih_l0", "\(String(describing: encoder))")
    }

    // Finding 3: a weight ≥ 9.2e18 loaded, then trapped in number formatting.
    @Test func aHugeWeightLoadsAndFormatsWithoutTrapping() throws {
        let text = Self.header(input: "1", hidden: "1") + #""state_dict":{"weight_ih_l0":[[1e19]],"weight_hh_l0":[[-1.7976931348623157e308]]}}"#
        let model = try ModelFile.decode(Data(text.utf8), file: "big.json")
        #expect(model.weightIH(0, 0) == 1e19)
        let trace = model.forward(SequenceInput(vectors: [[1], [1]], inputSize: 1))
        let e = model.explain(.hidden, unit: 0, at: 2, in: trace)
        #expect(e.terms.contains { abs($0.contribution) >= 1e19 || !$0.contribution.isFinite }, "\(e.terms)")
        // Its formatting without trapping is NumberFormatTests.aHugeNumberFormatsWithoutTrapping (the app formats, not the core).
    }

    // Finding 14: duplicate keys, the first silently winning.
    @Test func aDuplicateKeyIsRefusedWithItsLocation() {
        let text = "{\"format\": \"unroll-model\", \"version\": 1, \"cell\": \"rnn\",\n \"input_size\": 1, \"hidden_size\": 1,\n \"hidden_size\": 2,\n \"state_dict\": {}}"
        let e = Self.refusal(text)
        #expect(e?.line == 3 && e?.column == 2 && e?.key == "hidden_size", "\(String(describing: e))")
        #expect(e?.description == "m.json:3:2: hidden_size: not valid JSON: duplicate key \"hidden_size\" (first given at line 2, column 19); each key may appear once")
        let inTensors = Self.refusal(Self.header() + #""state_dict":{"weight_ih_l0":[[1]],"weight_hh_l0":[[1]],"weight_ih_l0":[[2]]}}"#)
        #expect(inTensors?.key == "state_dict.weight_ih_l0" && inTensors?.message.contains("duplicate key") == true)
    }

    // Finding 18: a number out of range read "DecodingError.typeMismatch"; invalid JSON had no location.
    @Test func aNumberBeyondADoubleIsRefusedWithItsLocation() {
        let text = Self.header() + "\n" + #""state_dict":{"weight_ih_l0":[[1e999]],"weight_hh_l0":[[0.5]]}}"#
        let e = Self.refusal(text)
        #expect(e?.line == 2 && e?.column == 32 && e?.key == "state_dict.weight_ih_l0[0][0]", "\(String(describing: e))")
        #expect(e?.message.contains("the number 1e999 is out of the range of a double") == true)
        #expect(e?.description.contains("DecodingError") == false)
    }

    @Test func invalidJSONNamesTheLineTheColumnAndWhatWasExpected() {
        let e = Self.refusal("{\"format\": \"unroll-model\",\n \"version\": 1\n \"cell\": \"rnn\"}")
        #expect(e?.description == "m.json:3:2: not valid JSON: expected ',' or '}' after the value of \"version\", found '\"'", "\(String(describing: e))")
    }

    @Test func aValueOfTheWrongTypeSaysWhatWasExpectedAndFound() {
        let e = Self.refusal(Self.header(hidden: "\"8\"") + #""state_dict":{}}"#)
        #expect(e?.description == "m.json: hidden_size: expected an integer 1…100000, found a string")
        let w = Self.refusal(Self.header() + #""state_dict":{"weight_ih_l0":[["1"]],"weight_hh_l0":[[1]]}}"#)
        #expect(w?.description == "m.json: state_dict.weight_ih_l0[0][0]: expected a number, found a string")
        let v = Self.refusal(Self.header() + #""state_dict":{"weight_ih_l0":{"a":1},"weight_hh_l0":[[1]]}}"#)
        #expect(v?.description == "m.json: state_dict.weight_ih_l0: expected an array of rows, found an object")
        let b = Self.refusal(Self.header() + #""state_dict":{"weight_ih_l0":[[1]],"weight_hh_l0":[[1]],"bias_ih_l0":[[1]]}}"#)
        #expect(b?.key == "state_dict.bias_ih_l0[0]")
    }

    // Finding 11: no size cap; checked by fstat before reading.
    @Test func aFileOverTheSizeCapIsRefusedBeforeReading() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("huge.json").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data("{".utf8)))
        // A sparse file: no disk, and reading it whole would take seconds.
        #expect(truncate(path, off_t(ModelFileLimits.maxFileBytes + 1)) == 0)
        do {
            _ = try ModelFile.load(path: path)
            Issue.record("read a file over the cap")
        } catch {
            let e = error as? ModelFileError
            #expect(e?.kind == .malformed)
            #expect(e?.description == "\(path): the file is \(ModelFileLimits.maxFileBytes + 1) bytes, more than the 64 MiB (\(ModelFileLimits.maxFileBytes) bytes) a model file may be", "\(error)")
        }
        do {
            _ = try ModelFile.load(path: dir.path)
            Issue.record("read a directory")
        } catch {
            #expect((error as? ModelFileError)?.message.contains("not a regular file") == true, "\(error)")
        }
        let fifo = dir.appendingPathComponent("fifo.json").path
        #expect(mkfifo(fifo, 0o600) == 0)
        do {
            _ = try ModelFile.load(path: fifo)
            Issue.record("read a FIFO")
        } catch {
            #expect((error as? ModelFileError)?.message.contains("not a regular file") == true, "\(error)")
        }
        do {
            _ = try ModelFile.load(path: dir.appendingPathComponent("absent.json").path)
            Issue.record("read a missing file")
        } catch {
            #expect((error as? ModelFileError)?.kind == .notFound)
        }
    }

    @Test func everyMessageIsOneLine() {
        let e = ModelFileError(kind: .malformed, file: "m.json", key: "name", message: "line one\nline two\r\nthree")
        #expect(e.description == "m.json: name: line one line two three")
    }
}
