import Foundation

/// Reads and writes `safetensors` files (`safetensors.torch.save_file(state_dict, path, metadata)`).
///
/// Layout: an 8-byte little-endian header length N, N bytes of JSON header, then the tensors' bytes.
/// The header maps each tensor's name to `{"dtype", "shape", "data_offsets": [begin, end]}` (offsets
/// into the bytes after the header) and may hold `"__metadata__"`, an object of strings; Unroll keeps
/// a model's header fields (vocab, name, …) as a JSON object in its `unroll` string.
public enum SafeTensors {
    /// The safetensors dtypes that are not read as numbers, with their element sizes: such a tensor is
    /// checked like any other (offsets, span), then left out with a warning.
    static let nonFloatSizes: [String: Int] = [
        "I64": 8, "I32": 4, "I16": 2, "I8": 1, "U64": 8, "U32": 4, "U16": 2, "U8": 1, "BOOL": 1,
        "F8_E4M3": 1, "F8_E5M2": 1,
    ]

    /// The largest header read (the safetensors library's own cap).
    static let maxHeaderBytes = 100_000_000

    /// The tensors and metadata of a `.safetensors` file's bytes; `file` names it in errors.
    public static func read(_ data: Data, file: String) throws(ModelFileError) -> TensorDictionary {
        func fail(_ key: String?, _ message: String, line: Int? = nil, column: Int? = nil) -> ModelFileError {
            ModelFileError(kind: .malformed, file: file, key: key, message: message, line: line, column: column)
        }
        let bytes = [UInt8](data)
        guard bytes.count >= 8 else {
            throw fail(nil, "\(bytes.count) bytes, too short for a safetensors file (expected an 8-byte header length, then a JSON header)")
        }
        var length: UInt64 = 0
        for k in 0..<8 { length |= UInt64(bytes[k]) << (8 * UInt64(k)) }
        guard length <= UInt64(bytes.count - 8) else {
            throw fail("header", "declares \(length) bytes of header, longer than the \(bytes.count - 8) bytes the file has after its length (truncated, or not a safetensors file)")
        }
        guard length <= UInt64(maxHeaderBytes) else {
            throw fail("header", "declares \(length) bytes of header, more than the \(maxHeaderBytes) a safetensors header may have")
        }
        let headerLength = Int(length)
        guard headerLength >= 2, bytes[8] == UInt8(ascii: "{") else {
            throw fail("header", "expected a JSON object after the 8-byte length (not a safetensors file)")
        }
        let root: JSONNode
        do {
            root = try bytes.withUnsafeBufferPointer { all throws(JSONSyntaxError) in
                try JSONReader.parse(UnsafeBufferPointer(rebasing: all[8..<(8 + headerLength)]), maxDepth: 8)
            }
        } catch {
            throw fail(error.path.isEmpty ? "header" : "header \(error.path)", "not valid JSON: \(error.message)", line: error.line, column: error.column)
        }
        guard case let .object(members) = root else { throw fail("header", "expected a JSON object, found \(root.typeName)") }
        let dataStart = 8 + headerLength
        let dataLength = bytes.count - dataStart
        let payload = data.subdata(in: (data.startIndex + dataStart)..<data.endIndex)

        var out = TensorDictionary(file: file)
        var ranges: [(begin: Int, end: Int, name: String)] = []
        for member in members {
            let name = member.key
            let key = JSONReader.printable(name)
            if name == "__metadata__" {
                guard case let .object(items) = member.value else {
                    throw fail("__metadata__", "expected an object of strings, found \(member.value.typeName)")
                }
                for item in items {
                    guard case let .string(s) = item.value else {
                        throw fail("__metadata__.\(JSONReader.printable(item.key))", "expected a string, found \(item.value.typeName)")
                    }
                    out.metadata[item.key] = s
                }
                continue
            }
            guard case .object = member.value else { throw fail(key, "expected {\"dtype\", \"shape\", \"data_offsets\"}, found \(member.value.typeName)") }
            guard case let .string(dtypeName)? = member.value["dtype"] else { throw fail("\(key).dtype", "missing (expected \(TensorDType.expectedNames))") }
            let foreignSize = SafeTensors.nonFloatSizes[dtypeName]
            guard let dtype = TensorDType(rawValue: dtypeName) ?? (foreignSize != nil ? .float64 : nil) else {
                throw fail("\(key).dtype", "unknown dtype \(ModelFile.describe(.string(dtypeName))) (expected \(TensorDType.expectedNames): Unroll reads floating-point tensors)")
            }
            let elementSize = foreignSize ?? dtype.size
            let shape = try integers(member.value["shape"], key: "\(key).shape", file: file, allowEmpty: true)
            let offsets = try integers(member.value["data_offsets"], key: "\(key).data_offsets", file: file, allowEmpty: false)
            guard offsets.count == 2 else { throw fail("\(key).data_offsets", "expected [begin, end], found \(offsets.count) numbers") }
            let (begin, end) = (offsets[0], offsets[1])
            guard begin <= end else { throw fail("\(key).data_offsets", "begins at \(begin), after its end \(end)") }
            guard end <= dataLength else {
                throw fail("\(key).data_offsets", "ends at byte \(end), past the \(dataLength) bytes of data after the header (out of range)")
            }
            var count = 1
            for extent in shape {
                let (c, o) = count.multipliedReportingOverflow(by: extent)
                guard !o, c <= ModelFileLimits.maxParameters else {
                    throw fail("\(key).shape", "has more than the \(ModelFileLimits.maxParameters) numbers a model file may have")
                }
                count = c
            }
            guard end - begin == count * elementSize else {
                throw fail("\(key).data_offsets", "span \(end - begin) bytes, expected \(count * elementSize) for shape \(StoredTensor.describe(shape)) of \(dtypeName)")
            }
            ranges.append((begin, end, name))
            if foreignSize != nil {
                out.skip(name, dtype: dtypeName)
                continue
            }
            var strides = [Int](repeating: 1, count: shape.count)
            var step = 1
            for d in stride(from: shape.count - 1, through: 0, by: -1) {
                strides[d] = step
                step *= max(1, shape[d])
            }
            let storage = payload.subdata(in: (payload.startIndex + begin)..<(payload.startIndex + end))
            try out.add(name, try StoredTensor(file: file, name: name, dtype: dtype, shape: shape, strides: strides, offset: 0,
                                               storage: storage, what: "data"))
        }
        ranges.sort { ($0.begin, $0.end) < ($1.begin, $1.end) }
        for (a, b) in zip(ranges, ranges.dropFirst()) where a.end > b.begin && b.end > b.begin {
            throw fail("\(JSONReader.printable(b.name)).data_offsets",
                       "bytes \(b.begin)..<\(b.end) overlap \(JSONReader.printable(a.name))'s \(a.begin)..<\(a.end)")
        }
        return out
    }

    /// A JSON array of non-negative integers.
    static func integers(_ v: JSONNode?, key: String, file: String, allowEmpty: Bool) throws(ModelFileError) -> [Int] {
        func fail(_ message: String) -> ModelFileError { ModelFileError(kind: .malformed, file: file, key: key, message: message) }
        guard let v else { throw fail("missing (expected an array of non-negative integers)") }
        if case let .array(items) = v, items.isEmpty, allowEmpty { return [] }
        guard case let .numbers(block) = v, block.shape.count == 1 else {
            throw fail("expected an array of non-negative integers, found \(v.typeName)")
        }
        var out: [Int] = []
        for d in block.values {
            guard d >= 0, d == d.rounded(), d < 0x1p53 else { throw fail("expected non-negative integers, found \(d)") }
            out.append(Int(d))
        }
        return out
    }

    /// The model as a safetensors file: every tensor of its layout as F64 under the JSON names, and its
    /// header fields (everything of the JSON model file but `format`, `version` and `state_dict`) as a JSON
    /// object in the metadata key `unroll`.
    public static func encode(_ model: RecurrentModel) -> Data {
        var header: [(String, JSONValue)] = []
        if case let .object(members) = ModelFile.encode(model) {
            let fields = members.filter { !["format", "version", "state_dict"].contains($0.0) }
            header.append(("__metadata__", .object([("unroll", .string(JSONValue.object(fields).serialized()))])))
        }
        var offset = 0
        let tensors = model.networkTensors
        var starts: [Int] = []
        for t in tensors {
            starts.append(offset)
            let shape: [Double] = t.columns.map { [Double(t.rows), Double($0)] } ?? [Double(t.rows)]
            header.append((t.name, .object([
                ("dtype", .string("F64")), ("shape", .numbers(shape)),
                ("data_offsets", .numbers([Double(offset), Double(offset + t.count * 8)])),
            ])))
            offset += t.count * 8
        }
        var text = Array(JSONValue.object(header).serialized().utf8)
        // Padded with spaces to a multiple of 8, as the safetensors library writes it (aligned data).
        while text.count % 8 != 0 { text.append(UInt8(ascii: " ")) }
        var out = Data()
        out.reserveCapacity(8 + text.count + offset)
        var length = UInt64(text.count).littleEndian
        withUnsafeBytes(of: &length) { out.append(contentsOf: $0) }
        out.append(contentsOf: text)
        let parameters = model.networkParameters
        var payload = [UInt8](repeating: 0, count: offset)
        payload.withUnsafeMutableBytes { raw in
            for (t, start) in zip(tensors, starts) {
                for k in 0..<t.count {
                    raw.storeBytes(of: parameters[t.offset + k].bitPattern.littleEndian, toByteOffset: start + k * 8, as: UInt64.self)
                }
            }
        }
        out.append(contentsOf: payload)
        return out
    }
}
