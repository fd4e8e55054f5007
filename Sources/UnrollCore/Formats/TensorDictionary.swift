import Foundation

/// The element type of a stored tensor: the floating-point types a `state_dict` of a recurrent
/// model holds, each widened to `Double` when read.
public enum TensorDType: String, Sendable, CaseIterable {
    case float64 = "F64"
    case float32 = "F32"
    case float16 = "F16"
    case bfloat16 = "BF16"

    /// Bytes per element.
    public var size: Int {
        switch self {
        case .float64: return 8
        case .float32: return 4
        case .float16, .bfloat16: return 2
        }
    }

    /// PyTorch's name (`torch.float32`), for messages.
    public var torchName: String {
        switch self {
        case .float64: return "float64"
        case .float32: return "float32"
        case .float16: return "float16"
        case .bfloat16: return "bfloat16"
        }
    }

    /// The safetensors names, for messages: "F64, F32, F16 or BF16".
    static var expectedNames: String { "F64, F32, F16 or BF16" }
}

/// One tensor as a file stores it: its element type, shape, strides and offset into a storage of
/// little-endian bytes (shared with other tensors, as PyTorch shares them).
///
/// Built only through `init(file:name:…)`, which checks that every element the shape and strides
/// reach lies inside the storage: reading `values` never goes out of bounds.
public struct StoredTensor: Sendable {
    public let dtype: TensorDType
    /// Extent of each dimension, outermost first.
    public let shape: [Int]
    /// Elements to step per dimension (PyTorch's `stride()`), non-negative.
    public let strides: [Int]
    /// The first element's index in the storage, in elements.
    public let offset: Int
    /// The storage's bytes, little-endian.
    let storage: Data

    /// Elements in the tensor (the product of `shape`).
    public let count: Int

    /// Checks the shape and strides against a storage of `storage.count / dtype.size` elements.
    ///
    /// `what` names the storage in the message when it is too short ("storage data/3").
    init(file: String, name: String, dtype: TensorDType, shape: [Int], strides: [Int], offset: Int,
         storage: Data, what: String) throws(ModelFileError) {
        func fail(_ message: String) -> ModelFileError {
            ModelFileError(kind: .malformed, file: file, key: JSONReader.printable(name), message: message)
        }
        guard shape.count == strides.count else {
            throw fail("has \(shape.count) dimensions but \(strides.count) strides")
        }
        guard shape.count <= 8 else { throw fail("has \(shape.count) dimensions (expected at most 8)") }
        guard shape.allSatisfy({ $0 >= 0 }) else { throw fail("has a negative extent in its shape \(StoredTensor.describe(shape))") }
        guard strides.allSatisfy({ $0 >= 0 }) else { throw fail("has a negative stride") }
        guard offset >= 0 else { throw fail("has a negative storage offset \(offset)") }
        var count = 1
        var last = offset
        for (extent, stride) in zip(shape, strides) {
            let (c, o1) = count.multipliedReportingOverflow(by: extent)
            guard !o1, c <= ModelFileLimits.maxParameters else {
                throw fail("has shape \(StoredTensor.describe(shape)), more than the \(ModelFileLimits.maxParameters) numbers a model file may have")
            }
            count = c
            if extent > 0 {
                let (step, o2) = (extent - 1).multipliedReportingOverflow(by: stride)
                let (end, o3) = last.addingReportingOverflow(step)
                guard !o2, !o3 else { throw fail("reaches past the end of its \(what)") }
                last = end
            }
        }
        let available = storage.count / dtype.size
        if count > 0 && last >= available {
            let needed = last + 1
            throw fail("needs \(needed) \(dtype.torchName) numbers of its \(what) (shape \(StoredTensor.describe(shape)), offset \(offset)), but the \(what) holds only \(available) (\(storage.count) bytes): the storage is shorter than the shape")
        }
        self.dtype = dtype
        self.shape = shape
        self.strides = strides
        self.offset = offset
        self.storage = storage
        self.count = count
    }

    /// The elements in row-major order of `shape`, widened to doubles.
    public var values: [Double] {
        guard count > 0 else { return [] }
        var out = [Double](repeating: 0, count: count)
        storage.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            out.withUnsafeMutableBufferPointer { dst in
                let read = StoredTensor.reader(dtype)
                // Walk the index space row-major; the innermost dimension is a strided run.
                let rank = shape.count
                if rank == 0 { dst[0] = read(raw, offset); return }
                let inner = shape[rank - 1], innerStride = strides[rank - 1]
                var index = [Int](repeating: 0, count: max(0, rank - 1))
                var k = 0
                while k < count {
                    var base = offset
                    for d in 0..<(rank - 1) { base += index[d] * strides[d] }
                    for j in 0..<inner { dst[k + j] = read(raw, base + j * innerStride) }
                    k += inner
                    var d = rank - 2
                    while d >= 0 {
                        index[d] += 1
                        if index[d] < shape[d] { break }
                        index[d] = 0
                        d -= 1
                    }
                }
            }
        }
        return out
    }

    /// Reads element `i` of a little-endian storage as a double.
    static func reader(_ dtype: TensorDType) -> (UnsafeRawBufferPointer, Int) -> Double {
        switch dtype {
        case .float64:
            return { raw, i in Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))) }
        case .float32:
            return { raw, i in Double(Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)))) }
        case .float16:
            return { raw, i in halfToDouble(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: i * 2, as: UInt16.self))) }
        case .bfloat16:
            return { raw, i in
                Double(Float(bitPattern: UInt32(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: i * 2, as: UInt16.self))) << 16))
            }
        }
    }

    /// IEEE 754 binary16 → double, exactly (subnormals, infinities and NaN included).
    static func halfToDouble(_ h: UInt16) -> Double {
        let sign: Double = (h & 0x8000) != 0 ? -1 : 1
        let exponent = Int((h >> 10) & 0x1F)
        let fraction = Double(h & 0x3FF)
        switch exponent {
        case 0: return sign * fraction * 0x1p-24
        case 31: return fraction == 0 ? sign * .infinity : .nan
        default: return sign * (1 + fraction / 1024) * Double(sign: .plus, exponent: exponent - 15, significand: 1)
        }
    }

    /// "5 × 3", "24", "scalar".
    static func describe(_ shape: [Int]) -> String {
        shape.isEmpty ? "scalar" : shape.map(String.init).joined(separator: " × ")
    }

    /// The shape as a message shows it.
    public var shapeDescription: String { StoredTensor.describe(shape) }
}

/// The named tensors of a PyTorch `state_dict` read from a `.pt` or `.safetensors` file, in the file's
/// order, with the string metadata the file carried.
public struct TensorDictionary: Sendable {
    /// The file, for messages.
    public let file: String
    public private(set) var names: [String] = []
    private var byName: [String: StoredTensor] = [:]
    /// String metadata (safetensors `__metadata__`); empty for `.pt`.
    public var metadata: [String: String] = [:]

    public init(file: String) { self.file = file }

    /// Adds a tensor; a second tensor of the same name is refused.
    mutating func add(_ name: String, _ tensor: StoredTensor) throws(ModelFileError) {
        guard byName[name] == nil else {
            throw ModelFileError(kind: .malformed, file: file, key: JSONReader.printable(name), message: "appears twice")
        }
        names.append(name)
        byName[name] = tensor
    }

    public subscript(name: String) -> StoredTensor? { byName[name] }

    /// Tensors that are not floating point (int64 buffers such as BatchNorm's `num_batches_tracked`,
    /// bool masks), left out with their type for a warning: a recurrent model has no use for them.
    public private(set) var skipped: [(name: String, dtype: String)] = []

    /// Leaves a non-floating-point tensor out, remembering it for the warning.
    mutating func skip(_ name: String, dtype: String) { skipped.append((name, dtype)) }

    public var count: Int { names.count }
}
