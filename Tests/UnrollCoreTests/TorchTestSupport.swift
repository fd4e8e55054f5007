import Foundation
@testable import UnrollCore

/// A minimal writer of stored (uncompressed) zip archives, for tests that need a `.pt` with a pickle
/// of their own (the reader under test is ZIPFoundation's; this only writes).
enum TestZip {
    static let crcTable: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = crcTable[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }

    static func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
    static func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * UInt32($0))) & 0xFF) } }

    /// The archive of `entries` (path, bytes), stored.
    static func archive(_ entries: [(String, [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        for (path, data) in entries {
            let name = Array(path.utf8)
            let crc = crc32(data)
            let offset = UInt32(out.count)
            out += le32(0x0403_4B50) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21)
            out += le32(crc) + le32(UInt32(data.count)) + le32(UInt32(data.count)) + le16(name.count) + le16(0) + name + data
            central += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21)
            central += le32(crc) + le32(UInt32(data.count)) + le32(UInt32(data.count)) + le16(name.count) + le16(0) + le16(0)
            central += le16(0) + le16(0) + le32(0) + le32(offset) + name
        }
        let cdOffset = UInt32(out.count)
        out += central
        out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(entries.count) + le16(entries.count)
        out += le32(UInt32(central.count)) + le32(cdOffset) + le16(0)
        return out
    }

    /// A `.pt` archive: `archive/data.pkl` = `pickle`, with `storages` as `archive/data/KEY`.
    static func torch(pickle: [UInt8], storages: [(String, [UInt8])], byteorder: String? = "little") -> [UInt8] {
        var entries: [(String, [UInt8])] = [("archive/data.pkl", pickle)]
        if let byteorder { entries.append(("archive/byteorder", Array(byteorder.utf8))) }
        for (key, bytes) in storages { entries.append(("archive/data/\(key)", bytes)) }
        entries.append(("archive/version", Array("3\n".utf8)))
        return archive(entries)
    }
}

/// Builds pickles opcode by opcode, as `torch.save` writes them (protocol 2).
struct PickleWriter {
    var bytes: [UInt8] = [0x80, 2]

    mutating func op(_ code: UInt8) { bytes.append(code) }
    mutating func string(_ s: String) {
        let u = Array(s.utf8)
        bytes.append(0x58)
        bytes += TestZip.le32(UInt32(u.count)) + u
    }
    mutating func int(_ n: Int) {
        if (0..<256).contains(n) { bytes += [0x4B, UInt8(n)] } else { bytes.append(0x4A); bytes += TestZip.le32(UInt32(bitPattern: Int32(n))) }
    }
    mutating func global(_ module: String, _ name: String) { bytes.append(0x63); bytes += Array("\(module)\n\(name)\n".utf8) }
    mutating func tuple(_ build: (inout PickleWriter) -> Void) { op(0x28); build(&self); op(0x74) }

    /// `_rebuild_tensor_v2(('storage', torch.TYPE, KEY, 'cpu', COUNT), offset, shape, stride, False, OrderedDict())`.
    mutating func tensor(storage key: String, type: String = "FloatStorage", count: Int, offset: Int = 0, shape: [Int], stride: [Int]? = nil) {
        let strides = stride ?? shape.indices.map { d in shape[(d + 1)...].reduce(1, *) }
        global("torch._utils", "_rebuild_tensor_v2")
        tuple { p in
            p.tuple { q in
                q.string("storage"); q.global("torch", type); q.string(key); q.string("cpu"); q.int(count)
            }
            p.op(0x51) // BINPERSID
            p.int(offset)
            p.tuple { q in for s in shape { q.int(s) } }
            p.tuple { q in for s in strides { q.int(s) } }
            p.op(0x89) // NEWFALSE
            p.global("collections", "OrderedDict"); p.op(0x29); p.op(0x52)
        }
        op(0x52) // REDUCE
    }

    /// A whole `state_dict` pickle: `{name: tensor}` in order (each tensor's storage its own key).
    static func stateDict(_ tensors: [(name: String, key: String, count: Int, shape: [Int])], type: String = "FloatStorage") -> [UInt8] {
        var p = PickleWriter()
        p.op(0x7D) // EMPTY_DICT
        p.op(0x28) // MARK
        for t in tensors {
            p.string(t.name)
            p.tensor(storage: t.key, type: type, count: t.count, shape: t.shape)
        }
        p.op(0x75) // SETITEMS
        p.op(0x2E) // STOP
        return p.bytes
    }
}

/// float32 little-endian bytes of `values`.
func float32Bytes(_ values: [Double]) -> [UInt8] {
    values.flatMap { v in TestZip.le32(Float(v).bitPattern) }
}

/// A safetensors file from a header (JSON text) and the data after it.
func safetensorsBytes(header: String, data: [UInt8], declaredLength: UInt64? = nil) -> [UInt8] {
    let h = Array(header.utf8)
    let n = declaredLength ?? UInt64(h.count)
    return (0..<8).map { UInt8((n >> (8 * UInt64($0))) & 0xFF) } + h + data
}

/// A `.pt` of a small state_dict: `tensors` as float32, named and shaped, values seeded.
func torchFile(_ tensors: [(String, [Int])], seed: UInt64 = 1) -> [UInt8] {
    var rng = SeededRandom(seed: seed)
    var entries: [(name: String, key: String, count: Int, shape: [Int])] = []
    var storages: [(String, [UInt8])] = []
    for (k, (name, shape)) in tensors.enumerated() {
        let count = shape.reduce(1, *)
        entries.append((name, String(k), count, shape))
        storages.append((String(k), float32Bytes((0..<count).map { _ in rng.uniform(-0.5, 0.5) })))
    }
    return TestZip.torch(pickle: PickleWriter.stateDict(entries), storages: storages)
}

/// The model a `.pt` / `.safetensors` byte string gives, or its error.
func loadStateDict(_ bytes: [UInt8], kind: ModelFileKind = .torch, file: String = "m.pt", sidecar: String? = nil,
                   hints: StateDictHints = StateDictHints()) throws(ModelFileError) -> LoadedModel {
    try ModelFile.decode(Data(bytes), file: file, kind: kind, sidecar: sidecar.map { ("m.json", Data($0.utf8)) }, hints: hints)
}
