import Foundation
import ZIPFoundation

/// Reads `torch.save(model.state_dict(), "m.pt")`: the zip PyTorch writes since 1.6, read as data.
///
/// Layout: `ARCHIVE/data.pkl` (the pickle: a dict of tensors, see `TorchPickle`), `ARCHIVE/data/KEY`
/// (each storage's raw bytes), `ARCHIVE/byteorder` (`little` or `big`; absent in older files, then
/// little), and `version` and other entries that are not needed. The zip container is read with
/// ZIPFoundation, after `ZipBounds` has checked that every offset it will seek to lies inside the
/// bytes (its in-memory reader traps on a seek past the end).
public enum TorchZip {
    /// The most bytes all extracted entries together may hold (the storages of `maxParameters` doubles).
    static let maxExtractedBytes = ModelFileLimits.maxParameters * 8 + (8 << 20)

    /// The tensors of a `.pt` file's bytes; `file` names it in errors.
    public static func read(_ data: Data, file: String) throws(ModelFileError) -> TensorDictionary {
        func fail(_ key: String?, _ message: String) -> ModelFileError {
            ModelFileError(kind: .malformed, file: file, key: key, message: message)
        }
        let head = [UInt8](data.prefix(4))
        if head.count >= 2, head[0] == 0x80, (2...5).contains(head[1]) {
            throw fail(nil, "a legacy torch.save file (a bare pickle, before PyTorch 1.6): expected the zip format; save it again with a recent PyTorch")
        }
        guard head == [0x50, 0x4B, 0x03, 0x04] else {
            throw fail(nil, "not a PyTorch .pt file (expected a zip archive, as torch.save writes, starting with PK)")
        }
        let entries: [ZipBounds.Entry]
        do { entries = try ZipBounds.check(data) } catch { throw fail(nil, "not a readable zip archive: \(error.message)") }

        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch {
            throw fail(nil, "not a readable zip archive (\(error))")
        }
        var byPath: [String: Entry] = [:]
        for entry in archive {
            guard byPath[entry.path] == nil else { throw fail(JSONReader.printable(entry.path), "appears twice in the archive") }
            byPath[entry.path] = entry
        }
        guard byPath.count == entries.count else {
            throw fail(nil, "the zip directory lists \(entries.count) entries but only \(byPath.count) can be read (truncated or corrupt)")
        }
        let pickles = byPath.keys.filter { path in
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            return parts.count == 2 && parts[1] == "data.pkl" && !parts[0].isEmpty
        }.sorted()
        guard let pklPath = pickles.first else {
            throw fail(nil, "holds no ARCHIVE/data.pkl (expected the layout torch.save writes: ARCHIVE/data.pkl, ARCHIVE/data/0, …)")
        }
        guard pickles.count == 1 else {
            throw fail(nil, "holds \(pickles.count) archives (\(pickles.map(JSONReader.printable).joined(separator: ", "))); expected one")
        }
        let prefix = String(pklPath.dropLast("data.pkl".count))
        var budget = maxExtractedBytes

        func extract(_ path: String, limit: Int) throws(ModelFileError) -> Data {
            guard let entry = byPath[path] else { throw fail(JSONReader.printable(path), "missing from the archive") }
            guard entry.type == .file else { throw fail(JSONReader.printable(path), "is not a file in the archive") }
            let declared = entry.uncompressedSize
            guard declared <= UInt64(min(limit, budget)) else {
                throw fail(JSONReader.printable(path), "declares \(declared) bytes, more than the \(min(limit, budget)) it may have")
            }
            var out = Data()
            out.reserveCapacity(Int(declared))
            let cap = min(limit, budget)
            do {
                let crc = try archive.extract(entry, skipCRC32: false) { chunk in
                    guard out.count + chunk.count <= cap else { throw ZipBounds.Failure(message: "more than \(cap) bytes") }
                    out.append(chunk)
                }
                guard out.count == Int(declared) else {
                    throw ZipBounds.Failure(message: "holds \(out.count) bytes, the directory says \(declared) (truncated)")
                }
                guard crc == entry.checksum else { throw ZipBounds.Failure(message: "fails its CRC-32 check (corrupt)") }
            } catch let e as ZipBounds.Failure {
                throw fail(JSONReader.printable(path), e.message)
            } catch {
                throw fail(JSONReader.printable(path), "cannot be read (\(error)): truncated or corrupt")
            }
            budget -= out.count
            return out
        }

        var bigEndian = false
        if byPath[prefix + "byteorder"] != nil {
            let order = try extract(prefix + "byteorder", limit: 16)
            switch String(decoding: order, as: UTF8.self) {
            case "little": bigEndian = false
            case "big": bigEndian = true
            default: throw fail(JSONReader.printable(prefix + "byteorder"), "expected \"little\" or \"big\"")
            }
        }
        let pickleBytes = try extract(pklPath, limit: TorchPickle.maxBytes)
        let root: PickleValue
        do { root = try TorchPickle.load([UInt8](pickleBytes)) } catch {
            throw fail("\(JSONReader.printable(pklPath)) byte \(error.offset)", error.message)
        }
        var tensors: [(String, TorchTensorReference)] = []
        var visits = 0
        try flatten(root, prefix: "", into: &tensors, visits: &visits, file: file, pickle: pklPath)

        var storages: [String: (TorchStorageReference, Data)] = [:]
        var out = TensorDictionary(file: file)
        for (name, ref) in tensors {
            let s = ref.storage
            if let foreign = s.foreign {
                out.skip(name, dtype: TorchGlobal.torchDType(ofStorage: foreign))
                continue
            }
            let data: Data
            if let (known, bytes) = storages[s.key] {
                guard known.dtype == s.dtype else {
                    throw fail(JSONReader.printable(name), "reads storage \(JSONReader.printable(s.key)) as \(s.dtype.torchName), another tensor as \(known.dtype.torchName)")
                }
                data = bytes
            } else {
                let (bytes, o) = s.count.multipliedReportingOverflow(by: s.dtype.size)
                guard !o, bytes <= budget else {
                    throw fail(JSONReader.printable(name), "its storage declares \(s.count) numbers, more than a model file may have")
                }
                var raw = try extract(prefix + "data/" + s.key, limit: max(bytes, 1) + (1 << 20))
                if raw.count < bytes {
                    throw fail(JSONReader.printable(name), "its storage data/\(JSONReader.printable(s.key)) holds \(raw.count) bytes, expected \(bytes) for \(s.count) \(s.dtype.torchName) numbers (truncated)")
                }
                if bigEndian { raw = swapped(raw, size: s.dtype.size) }
                storages[s.key] = (s, raw)
                data = raw
            }
            let tensor = try StoredTensor(file: file, name: name, dtype: s.dtype, shape: ref.shape, strides: ref.strides,
                                          offset: ref.offset, storage: data.prefix(s.count * s.dtype.size),
                                          what: "storage data/\(JSONReader.printable(s.key))")
            try out.add(name, tensor)
        }
        return out
    }

    /// The tensors of a (possibly nested) dict, named by their dotted key paths (`model.lstm.weight_ih_l0`).
    static func flatten(_ v: PickleValue, prefix: String, into out: inout [(String, TorchTensorReference)],
                        visits: inout Int, file: String, pickle: String) throws(ModelFileError) {
        visits += 1
        guard visits <= 100_000 else {
            throw ModelFileError(kind: .malformed, file: file, key: JSONReader.printable(pickle), message: "holds more than 100000 values (expected a state_dict)")
        }
        switch v {
        case let .tensor(t):
            out.append((prefix, t))
        case let .dict(d):
            for (key, value) in d.items {
                let name: String
                switch key {
                case let .string(s): name = s
                case let .int(n): name = String(n)
                default: continue
                }
                try flatten(value, prefix: prefix.isEmpty ? name : "\(prefix).\(name)", into: &out, visits: &visits, file: file, pickle: pickle)
            }
        default:
            if prefix.isEmpty {
                throw ModelFileError(kind: .malformed, file: file, key: JSONReader.printable(pickle),
                                     message: "holds \(v.kindName), expected a dict of tensors (torch.save(model.state_dict(), path))")
            }
        }
    }

    /// The bytes with each `size`-byte element reversed (big-endian storage → little-endian).
    static func swapped(_ data: Data, size: Int) -> Data {
        guard size > 1 else { return data }
        var out = [UInt8](data)
        var k = 0
        while k + size <= out.count {
            out[k..<(k + size)].reverse()
            k += size
        }
        return Data(out)
    }
}

/// Checks a zip archive's directory before ZIPFoundation reads it: every offset ZIPFoundation seeks
/// to (central directory, local headers, data, data descriptors) lies within the bytes, and no entry
/// needs ZIP64 (a model file is at most 64 MiB). Only a guard: reading and inflating is ZIPFoundation's.
enum ZipBounds {
    struct Failure: Error { let message: String }

    /// One entry of the central directory, as checked.
    struct Entry {
        let name: [UInt8]
        let dataOffset: Int
        let compressedSize: Int
    }

    static func check(_ data: Data) throws(Failure) -> [Entry] {
        let b = [UInt8](data)
        let n = b.count
        func u16(_ at: Int) -> Int { Int(b[at]) | Int(b[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        func u64(_ at: Int) -> UInt64 { UInt64(u32(at)) | UInt64(u32(at + 4)) << 32 }
        guard n >= 22 else { throw Failure(message: "\(n) bytes, too short for a zip (truncated)") }
        // The end-of-central-directory record: the last one within the 64 KiB a comment may take.
        var eocd = -1
        var index = 22
        while index <= min(n, 22 + 0xFFFF) {
            let at = n - index
            if u32(at) == 0x0605_4B50 { eocd = at; break }
            index += 1
        }
        guard eocd >= 0 else { throw Failure(message: "no end of central directory (truncated)") }
        guard eocd + 22 + u16(eocd + 20) <= n else { throw Failure(message: "the archive comment runs past the end (truncated)") }
        var entries = UInt64(u16(eocd + 10))
        var cdOffset = UInt64(u32(eocd + 16))
        // ZIP64 end of central directory (PyTorch writes one): its values replace the record's.
        if eocd > 20 + 56 {
            let locator = eocd - 20, record = locator - 56
            if u32(locator) == 0x0706_4B50, u32(record) == 0x0606_4B50, u16(record + 14) >= 45 {
                entries = u64(record + 32)
                cdOffset = u64(record + 48)
            }
        }
        guard cdOffset <= UInt64(eocd) else { throw Failure(message: "the central directory starts past its end (truncated)") }
        guard entries <= UInt64(n / 46) else { throw Failure(message: "the directory claims \(entries) entries, more than the file can hold") }
        var at = Int(cdOffset)
        var out: [Entry] = []
        for _ in 0..<Int(entries) {
            guard at + 46 <= n, u32(at) == 0x0201_4B50 else { throw Failure(message: "the central directory is cut short (truncated)") }
            let versionNeeded = u16(at + 6), flags = u16(at + 8), method = u16(at + 10)
            let compressed = u32(at + 20), uncompressed = u32(at + 24)
            let nameLength = u16(at + 28), extraLength = u16(at + 30), commentLength = u16(at + 32)
            let local = u32(at + 42)
            let end = at + 46 + nameLength + extraLength + commentLength
            guard end <= n else { throw Failure(message: "the central directory is cut short (truncated)") }
            guard versionNeeded & 0xFF < 45, !hasZIP64Field(b, from: at + 46 + nameLength, count: extraLength) else {
                throw Failure(message: "a ZIP64 entry (not needed for a model file of at most 64 MiB)")
            }
            guard flags & 1 == 0 else { throw Failure(message: "an encrypted entry") }
            guard method == 0 || method == 8 else { throw Failure(message: "an entry compressed with method \(method) (expected stored or deflate)") }
            guard local + 30 <= n, u32(local) == 0x0403_4B50 else { throw Failure(message: "a local header lies outside the file (truncated)") }
            let localName = u16(local + 26), localExtra = u16(local + 28)
            guard local + 30 + localName + localExtra <= n else { throw Failure(message: "a local header is cut short (truncated)") }
            guard !hasZIP64Field(b, from: local + 30 + localName, count: localExtra) else {
                throw Failure(message: "a ZIP64 entry (not needed for a model file of at most 64 MiB)")
            }
            let dataOffset = local + 30 + localName + localExtra
            let size = method == 0 ? uncompressed : compressed
            guard dataOffset + compressed <= n, dataOffset + size <= n else { throw Failure(message: "an entry's data runs past the end (truncated)") }
            if flags & 8 != 0, dataOffset + size + 12 > n { throw Failure(message: "an entry's data descriptor lies past the end (truncated)") }
            out.append(Entry(name: Array(b[(at + 46)..<(at + 46 + nameLength)]), dataOffset: dataOffset, compressedSize: compressed))
            at = end
        }
        return out
    }

    /// Whether an extra-field block holds a ZIP64 extended-information field (id 1), walked as ZIPFoundation walks it.
    static func hasZIP64Field(_ b: [UInt8], from start: Int, count: Int) -> Bool {
        var offset = 0
        while offset < count - 4 {
            let id = Int(b[start + offset]) | Int(b[start + offset + 1]) << 8
            let size = Int(b[start + offset + 2]) | Int(b[start + offset + 3]) << 8
            let next = offset + 4 + size
            guard next <= count else { return false }
            if id == 1 { return true }
            offset = next
        }
        return false
    }
}
