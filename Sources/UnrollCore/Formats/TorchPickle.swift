import Foundation

/// A value of the data-only pickle that `torch.save(model.state_dict())` writes.
///
/// Only data: numbers, strings, tuples, lists, dicts, the few globals a tensor needs (named, never
/// looked up), storages named by persistent id, and tensors rebuilt from them.
indirect enum PickleValue {
    case none
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case tuple([PickleValue], depth: Int)
    case list(PickleList)
    case dict(PickleDict)
    case global(TorchGlobal)
    case storage(TorchStorageReference)
    case tensor(TorchTensorReference)

    /// Nesting depth: 0 for a scalar, one more than the deepest element for a container.
    var depth: Int {
        switch self {
        case let .tuple(_, depth): return depth
        case let .list(list): return list.depth
        case let .dict(dict): return dict.depth
        default: return 0
        }
    }

    /// A short name of the value's kind, for messages.
    var kindName: String {
        switch self {
        case .none: return "None"
        case .bool: return "a boolean"
        case .int: return "an integer"
        case .float: return "a float"
        case .string: return "a string"
        case .tuple: return "a tuple"
        case .list: return "a list"
        case .dict: return "a dict"
        case let .global(g): return g.qualifiedName
        case .storage: return "a storage"
        case .tensor: return "a tensor"
        }
    }
}

/// A list being built (APPEND/APPENDS change it while it is on the stack, as in Python).
final class PickleList {
    var items: [PickleValue] = []
    var depth = 1
    /// Set once it is inside another container: from then on it may not change (no cycles, exact depths).
    var contained = false
}

/// A dict being built (SETITEM/SETITEMS), keys in insertion order.
final class PickleDict {
    var items: [(key: PickleValue, value: PickleValue)] = []
    var depth = 1
    var contained = false
}

/// The only globals a `state_dict` pickle may name. Anything else is refused when named.
enum TorchGlobal: Equatable {
    case orderedDict
    case rebuildTensorV2
    case rebuildParameter
    case storageType(name: String, dtype: TensorDType)
    /// A storage class whose elements are not floating point (`torch.LongStorage`): its tensors are skipped.
    case otherStorageType(name: String)

    var qualifiedName: String {
        switch self {
        case .orderedDict: return "collections.OrderedDict"
        case .rebuildTensorV2: return "torch._utils._rebuild_tensor_v2"
        case .rebuildParameter: return "torch._utils._rebuild_parameter"
        case let .storageType(name, _): return "torch.\(name)"
        case let .otherStorageType(name): return "torch.\(name)"
        }
    }

    /// The storage classes of the floating-point types, by the name `torch.save` writes.
    static let storageTypes: [String: TensorDType] = [
        "DoubleStorage": .float64, "FloatStorage": .float32, "HalfStorage": .float16, "BFloat16Storage": .bfloat16,
    ]

    /// Storage classes PyTorch has whose elements are not floating point (refused by name, with the reason).
    static let otherStorageTypes: Set<String> = [
        "LongStorage", "IntStorage", "ShortStorage", "CharStorage", "ByteStorage", "BoolStorage",
        "ComplexFloatStorage", "ComplexDoubleStorage", "QInt8Storage", "QUInt8Storage", "QInt32Storage", "UntypedStorage",
    ]

    /// PyTorch's dtype name of a non-floating-point storage class, for the warning (`LongStorage` → `int64`).
    static func torchDType(ofStorage name: String) -> String {
        let names = ["LongStorage": "int64", "IntStorage": "int32", "ShortStorage": "int16", "CharStorage": "int8",
                     "ByteStorage": "uint8", "BoolStorage": "bool", "ComplexFloatStorage": "complex64",
                     "ComplexDoubleStorage": "complex128", "QInt8Storage": "qint8", "QUInt8Storage": "quint8", "QInt32Storage": "qint32"]
        return names[name] ?? "torch.\(name)"
    }

    /// The global `module.name` names, or nil when it is not one a `state_dict` needs.
    static func named(module: String, name: String) -> TorchGlobal? {
        switch (module, name) {
        case ("collections", "OrderedDict"): return .orderedDict
        case ("torch._utils", "_rebuild_tensor_v2"): return .rebuildTensorV2
        case ("torch._utils", "_rebuild_parameter"): return .rebuildParameter
        case ("torch", _):
            if let dtype = storageTypes[name] { return .storageType(name: name, dtype: dtype) }
            if otherStorageTypes.contains(name) { return .otherStorageType(name: name) }
            return nil
        default: return nil
        }
    }

    /// What the message says is allowed.
    static let allowedList = "collections.OrderedDict, torch._utils._rebuild_tensor_v2, torch._utils._rebuild_parameter, torch.DoubleStorage/FloatStorage/HalfStorage/BFloat16Storage"
}

/// A storage named by a pickle's persistent id: `('storage', torch.FloatStorage, '0', 'cpu', 15)`.
struct TorchStorageReference: Equatable {
    /// The archive entry `data/KEY` holding its bytes.
    let key: String
    let dtype: TensorDType
    /// Elements in the storage.
    let count: Int
    /// The storage class when its elements are not floating point (`LongStorage`): not read, its tensors skipped.
    var foreign: String? = nil
}

/// A tensor as `torch._utils._rebuild_tensor_v2(storage, offset, size, stride, …)` describes it.
struct TorchTensorReference {
    let storage: TorchStorageReference
    let offset: Int
    let shape: [Int]
    let strides: [Int]
}

/// Why a pickle was refused: the byte offset in `data.pkl` and what was expected.
struct PickleError: Error, Equatable {
    let offset: Int
    let message: String
}

/// A data-only unpickler for the pickles `torch.save(state_dict)` writes (protocols 2–5).
///
/// It understands the opcodes that build numbers, strings, tuples, lists and dicts, memo gets and
/// puts, persistent ids (storages), and `REDUCE`/`BUILD` of exactly the globals in `TorchGlobal`.
/// A pickle naming any other global (`os.system`, `builtins.eval`, …) is refused at that opcode:
/// nothing is imported, looked up or called. Every read is bounds-checked; nesting is at most
/// `maxDepth`; a container may not change once it is inside another (so there are no cycles).
struct TorchPickle {
    /// The deepest nesting accepted.
    static let maxDepth = 32
    /// The largest pickle read (a `state_dict`'s pickle is about 100 bytes per tensor).
    static let maxBytes = 8 << 20

    let bytes: [UInt8]
    private var pos = 0
    private var stack: [PickleValue] = []
    private var marks: [Int] = []
    private var memo: [Int: PickleValue] = [:]

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// Unpickles `bytes` to the value `STOP` returns.
    static func load(_ bytes: [UInt8]) throws(PickleError) -> PickleValue {
        guard bytes.count <= maxBytes else {
            throw PickleError(offset: 0, message: "the pickle is \(bytes.count) bytes, more than the \(maxBytes) a state_dict needs")
        }
        var p = TorchPickle(bytes: bytes)
        return try p.run()
    }

    private func fail(_ message: String, at offset: Int? = nil) -> PickleError {
        PickleError(offset: offset ?? max(0, pos - 1), message: message)
    }

    private mutating func byte() throws(PickleError) -> UInt8 {
        guard pos < bytes.count else { throw fail("ends in the middle of an operation (truncated)", at: bytes.count) }
        defer { pos += 1 }
        return bytes[pos]
    }

    private mutating func take(_ n: Int) throws(PickleError) -> ArraySlice<UInt8> {
        guard n >= 0, n <= bytes.count - pos else { throw fail("ends in the middle of an operation (truncated)", at: bytes.count) }
        defer { pos += n }
        return bytes[pos..<(pos + n)]
    }

    private mutating func uint(_ n: Int) throws(PickleError) -> UInt64 {
        var v: UInt64 = 0
        for (k, b) in try take(n).enumerated() { v |= UInt64(b) << (8 * UInt64(k)) }
        return v
    }

    private mutating func text(_ n: Int) throws(PickleError) -> String {
        let start = pos
        guard let s = String(validating: try take(n), as: UTF8.self) else { throw fail("holds a string that is not UTF-8", at: start) }
        return s
    }

    /// A newline-terminated line (GLOBAL's module and name), at most 200 bytes.
    private mutating func line() throws(PickleError) -> String {
        let start = pos
        var end = pos
        while end < bytes.count, bytes[end] != 0x0A {
            end += 1
            if end - start > 200 { throw fail("names a global longer than 200 bytes", at: start) }
        }
        guard end < bytes.count else { throw fail("ends in the middle of a global name (truncated)", at: bytes.count) }
        guard let s = String(validating: bytes[start..<end], as: UTF8.self) else { throw fail("names a global that is not UTF-8", at: start) }
        pos = end + 1
        return s
    }

    private mutating func pop() throws(PickleError) -> PickleValue {
        guard let v = stack.popLast() else { throw fail("takes a value from an empty stack") }
        if let mark = marks.last, stack.count < mark { throw fail("takes a value from below a MARK") }
        return v
    }

    /// The values above the last MARK, removing them and the mark.
    private mutating func popMark() throws(PickleError) -> [PickleValue] {
        guard let mark = marks.popLast() else { throw fail("needs a MARK, and there is none") }
        let items = Array(stack[mark...])
        stack.removeSubrange(mark...)
        return items
    }

    private mutating func push(_ v: PickleValue) throws(PickleError) {
        guard v.depth <= Self.maxDepth else { throw fail("nests deeper than \(Self.maxDepth) levels") }
        stack.append(v)
    }

    /// Marks a value as inside a container: a list or dict may not change from then on.
    private func contain(_ v: PickleValue) {
        switch v {
        case let .list(l): l.contained = true
        case let .dict(d): d.contained = true
        default: break
        }
    }

    private mutating func tuple(_ items: [PickleValue]) throws(PickleError) {
        items.forEach(contain)
        try push(.tuple(items, depth: 1 + (items.map(\.depth).max() ?? 0)))
    }

    private mutating func append(_ items: [PickleValue]) throws(PickleError) {
        guard case let .list(list)? = stack.last else { throw fail("appends to \(stack.last?.kindName ?? "nothing"), not a list") }
        guard !list.contained else { throw fail("changes a list after it was put in another container") }
        for item in items {
            if case let .list(l) = item, l === list { throw fail("puts a list inside itself") }
            contain(item)
            list.depth = max(list.depth, item.depth + 1)
            guard list.depth <= Self.maxDepth else { throw fail("nests deeper than \(Self.maxDepth) levels") }
            list.items.append(item)
        }
    }

    private mutating func setItems(_ items: [PickleValue]) throws(PickleError) {
        guard items.count % 2 == 0 else { throw fail("sets dict items from an odd number of values") }
        guard case let .dict(dict)? = stack.last else { throw fail("sets items of \(stack.last?.kindName ?? "nothing"), not a dict") }
        guard !dict.contained else { throw fail("changes a dict after it was put in another container") }
        var k = 0
        while k < items.count {
            let key = items[k], value = items[k + 1]
            for v in [key, value] {
                if case let .dict(d) = v, d === dict { throw fail("puts a dict inside itself") }
                contain(v)
                dict.depth = max(dict.depth, v.depth + 1)
            }
            guard dict.depth <= Self.maxDepth else { throw fail("nests deeper than \(Self.maxDepth) levels") }
            dict.items.append((key, value))
            k += 2
        }
    }

    private mutating func memoIndex(_ n: Int) throws(PickleError) -> Int { Int(try uint(n)) }

    private mutating func get(_ index: Int) throws(PickleError) {
        guard let v = memo[index] else { throw fail("gets memo entry \(index), which was never put") }
        try push(v)
    }

    private mutating func put(_ index: Int) throws(PickleError) {
        guard let v = stack.last else { throw fail("memoises from an empty stack") }
        memo[index] = v
    }

    private mutating func run() throws(PickleError) -> PickleValue {
        while true {
            let opcode = try byte()
            switch opcode {
            case 0x80: // PROTO
                let v = try byte()
                guard (2...5).contains(v) else { throw fail("uses pickle protocol \(v) (expected 2 to 5)") }
            case 0x95: _ = try uint(8) // FRAME: a length hint only
            case 0x2E: // STOP
                guard stack.count == 1, marks.isEmpty else { throw fail("stops with \(stack.count) values on the stack (expected 1)") }
                return stack[0]
            case 0x28: marks.append(stack.count) // MARK
            case 0x7D: try push(.dict(PickleDict())) // EMPTY_DICT
            case 0x5D: try push(.list(PickleList())) // EMPTY_LIST
            case 0x29: try push(.tuple([], depth: 1)) // EMPTY_TUPLE
            case 0x4E: try push(.none) // NONE
            case 0x88: try push(.bool(true)) // NEWTRUE
            case 0x89: try push(.bool(false)) // NEWFALSE
            case 0x4B: try push(.int(Int(try uint(1)))) // BININT1
            case 0x4D: try push(.int(Int(try uint(2)))) // BININT2
            case 0x4A: try push(.int(Int(Int32(truncatingIfNeeded: try uint(4))))) // BININT
            case 0x8A: // LONG1
                let n = Int(try byte())
                guard n <= 8 else { throw fail("holds an integer of \(n) bytes (expected at most 8)") }
                var v = try uint(n)
                if n > 0 && n < 8 && v & (1 << (8 * UInt64(n) - 1)) != 0 { v |= ~UInt64(0) << (8 * UInt64(n)) }
                try push(.int(Int(Int64(bitPattern: v))))
            case 0x47: // BINFLOAT, big-endian
                var v: UInt64 = 0
                for b in try take(8) { v = v << 8 | UInt64(b) }
                try push(.float(Double(bitPattern: v)))
            case 0x58: // BINUNICODE
                let n = try uint(4)
                try push(.string(try text(Int(n))))
            case 0x8C: try push(.string(try text(Int(try byte())))) // SHORT_BINUNICODE
            case 0x8D: // BINUNICODE8
                let n = try uint(8)
                guard n <= UInt64(bytes.count) else { throw fail("holds a string longer than the pickle (truncated)") }
                try push(.string(try text(Int(n))))
            case 0x74: try tuple(try popMark()) // TUPLE
            case 0x85: try tuple([try pop()]) // TUPLE1
            case 0x86: let b = try pop(), a = try pop(); try tuple([a, b]) // TUPLE2
            case 0x87: let c = try pop(), b = try pop(), a = try pop(); try tuple([a, b, c]) // TUPLE3
            case 0x6C: // LIST
                let items = try popMark()
                try push(.list(PickleList()))
                try append(items)
            case 0x61: try append([try pop()]) // APPEND
            case 0x65: try append(try popMark()) // APPENDS
            case 0x64: // DICT
                let items = try popMark()
                try push(.dict(PickleDict()))
                try setItems(items)
            case 0x73: let v = try pop(), k = try pop(); try setItems([k, v]) // SETITEM
            case 0x75: try setItems(try popMark()) // SETITEMS
            case 0x71: try put(try memoIndex(1)) // BINPUT
            case 0x72: try put(try memoIndex(4)) // LONG_BINPUT
            case 0x94: try put(memo.count) // MEMOIZE
            case 0x68: try get(try memoIndex(1)) // BINGET
            case 0x6A: try get(try memoIndex(4)) // LONG_BINGET
            case 0x30: _ = try pop() // POP
            case 0x31: _ = try popMark() // POP_MARK
            case 0x32: // DUP
                guard let top = stack.last else { throw fail("duplicates from an empty stack") }
                try push(top)
            case 0x63: // GLOBAL
                let start = pos - 1
                let module = try line(), name = try line()
                try push(.global(try global(module: module, name: name, at: start)))
            case 0x93: // STACK_GLOBAL
                let start = pos - 1
                let name = try pop(), module = try pop()
                guard case let .string(m) = module, case let .string(n) = name else {
                    throw fail("names a global by \(module.kindName) and \(name.kindName), not two strings")
                }
                try push(.global(try global(module: m, name: n, at: start)))
            case 0x51: try push(.storage(try persistentStorage(try pop()))) // BINPERSID
            case 0x52: // REDUCE
                let args = try pop(), callable = try pop()
                try push(try reduce(callable, args))
            case 0x62: // BUILD
                let state = try pop()
                guard let target = stack.last else { throw fail("builds on an empty stack") }
                switch target {
                case .dict, .tensor:
                    // An OrderedDict's `_metadata` (module versions) or a tensor's attributes: not needed.
                    _ = state
                default:
                    throw fail("sets the state of \(target.kindName), which a state_dict does not")
                }
            default:
                let shown = (0x21...0x7E).contains(opcode) ? "'\(Character(Unicode.Scalar(opcode)))' " : ""
                throw fail("uses the pickle operation \(shown)(0x\(String(opcode, radix: 16, uppercase: true))), which a state_dict of tensors does not; nothing was run")
            }
        }
    }

    /// A global a `state_dict` needs; any other is refused by name.
    private func global(module: String, name: String, at offset: Int) throws(PickleError) -> TorchGlobal {
        if let g = TorchGlobal.named(module: module, name: name) { return g }
        let shown = JSONReader.printable("\(module).\(name)")
        if module == "torch", TorchGlobal.otherStorageTypes.contains(name) {
            throw fail("holds a \(shown) tensor (expected float64, float32, float16 or bfloat16 tensors)", at: offset)
        }
        throw fail("names the global \(shown), which a state_dict of tensors does not (allowed: \(TorchGlobal.allowedList)); refused, nothing was imported or run", at: offset)
    }

    /// `('storage', torch.FloatStorage, KEY, LOCATION, COUNT)`.
    private func persistentStorage(_ pid: PickleValue) throws(PickleError) -> TorchStorageReference {
        guard case let .tuple(items, _) = pid, items.count == 5, case .string("storage") = items[0] else {
            throw fail("has a persistent id that is not ('storage', type, key, location, size)")
        }
        var foreign: String? = nil
        let dtype: TensorDType
        switch items[1] {
        case let .global(.storageType(_, d)): dtype = d
        case let .global(.otherStorageType(name)): dtype = .float64; foreign = name
        default: throw fail("has a storage whose type is \(items[1].kindName), not a torch storage class")
        }
        guard case let .string(key) = items[2], !key.isEmpty, key.count <= 64 else {
            throw fail("has a storage whose key is not a short string")
        }
        guard case .string = items[3] else { throw fail("has a storage whose location is not a string") }
        guard case let .int(count) = items[4], count >= 0 else { throw fail("has a storage whose size is not a non-negative integer") }
        return TorchStorageReference(key: key, dtype: dtype, count: count, foreign: foreign)
    }

    /// A call of one of the allowed globals, on data.
    private func reduce(_ callable: PickleValue, _ args: PickleValue) throws(PickleError) -> PickleValue {
        guard case let .global(g) = callable else { throw fail("calls \(callable.kindName), which is not a function") }
        guard case let .tuple(a, _) = args else { throw fail("calls \(g.qualifiedName) with \(args.kindName), not a tuple of arguments") }
        switch g {
        case .orderedDict:
            guard a.isEmpty else { throw fail("calls collections.OrderedDict with arguments (expected none)") }
            return .dict(PickleDict())
        case .rebuildTensorV2:
            // (storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
            guard a.count == 6 || a.count == 7 else {
                throw fail("calls torch._utils._rebuild_tensor_v2 with \(a.count) arguments (expected 6 or 7)")
            }
            guard case let .storage(storage) = a[0] else { throw fail("rebuilds a tensor from \(a[0].kindName), not a storage") }
            guard case let .int(offset) = a[1] else { throw fail("rebuilds a tensor with a storage offset that is \(a[1].kindName)") }
            let shape = try ints(a[2], "size"), strides = try ints(a[3], "stride")
            return .tensor(TorchTensorReference(storage: storage, offset: offset, shape: shape, strides: strides))
        case .rebuildParameter:
            // (data, requires_grad, backward_hooks): an nn.Parameter is its tensor.
            guard a.count == 3, case .tensor = a[0] else { throw fail("calls torch._utils._rebuild_parameter without a tensor") }
            return a[0]
        case .storageType, .otherStorageType:
            throw fail("calls \(g.qualifiedName), which a state_dict does not")
        }
    }

    private func ints(_ v: PickleValue, _ what: String) throws(PickleError) -> [Int] {
        guard case let .tuple(items, _) = v else { throw fail("rebuilds a tensor whose \(what) is \(v.kindName), not a tuple") }
        var out: [Int] = []
        for item in items {
            guard case let .int(n) = item else { throw fail("rebuilds a tensor whose \(what) holds \(item.kindName), not integers") }
            out.append(n)
        }
        return out
    }
}
