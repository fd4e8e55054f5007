#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A JSON value as `JSONReader` returns it: rectangular arrays of numbers kept compact.
///
/// An array whose elements are all numbers, or all arrays of one and the same compact shape, is a
/// `NumberBlock` (a flat `[Double]` and a shape), never one enum case per number: a `state_dict`
/// matrix of a million weights costs eight megabytes, not sixty.
public enum JSONNode: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    /// An array that is not a rectangular block of numbers (empty, mixed, ragged, or of other values).
    case array([JSONNode])
    /// Members in the file's order; keys are distinct (the reader refuses duplicates).
    case object([JSONMember])
    /// A non-empty rectangular array of numbers, any depth.
    case numbers(NumberBlock)

    /// The member `key` of an object.
    public subscript(key: String) -> JSONNode? {
        if case let .object(members) = self { return members.first { $0.key == key }?.value }
        return nil
    }

    /// A short name of the value's type, for messages ("expected a number, found a string").
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array, .numbers: return "an array"
        case .object: return "an object"
        }
    }

    /// The elements of an array (a block's rows or numbers as nodes); nil when not an array.
    public var elements: [JSONNode]? {
        switch self {
        case let .array(items): return items
        case let .numbers(block): return block.elements
        default: return nil
        }
    }

    /// The node of a `JSONValue`: arrays of numbers (and rectangular arrays of such) become blocks, as
    /// `JSONReader` makes them; the first of duplicate keys is kept.
    public init(_ value: JSONValue) {
        switch value {
        case .null: self = .null
        case let .bool(b): self = .bool(b)
        case let .number(d): self = .number(d)
        case let .string(s): self = .string(s)
        case let .object(members):
            var seen = Set<String>()
            self = .object(members.compactMap { key, v in seen.insert(key).inserted ? JSONMember(key: key, value: JSONNode(v)) : nil })
        case let .array(items):
            let nodes = items.map(JSONNode.init)
            if !nodes.isEmpty, nodes.allSatisfy({ if case .number = $0 { return true } else { return false } }) {
                self = .numbers(NumberBlock(shape: [nodes.count], values: nodes.map { if case let .number(d) = $0 { return d } else { return 0 } }))
            } else if case let .numbers(first)? = nodes.first,
                      nodes.allSatisfy({ if case let .numbers(b) = $0 { return b.shape == first.shape } else { return false } }) {
                var values: [Double] = []
                values.reserveCapacity(nodes.count * first.values.count)
                for case let .numbers(b) in nodes { values += b.values }
                self = .numbers(NumberBlock(shape: [nodes.count] + first.shape, values: values))
            } else {
                self = .array(nodes)
            }
        }
    }

    /// The same value as a `JSONValue` (blocks expanded to arrays of numbers).
    public var jsonValue: JSONValue {
        switch self {
        case .null: return .null
        case let .bool(b): return .bool(b)
        case let .number(d): return .number(d)
        case let .string(s): return .string(s)
        case let .array(items): return .array(items.map(\.jsonValue))
        case let .object(members): return .object(members.map { ($0.key, $0.value.jsonValue) })
        case let .numbers(block): return block.jsonValue
        }
    }
}

/// One member of a JSON object.
public struct JSONMember: Sendable, Equatable {
    public let key: String
    public let value: JSONNode
}

/// A rectangular array of numbers: `values` in row-major order, `shape` outermost first.
public struct NumberBlock: Sendable, Equatable {
    /// Extent of each level, outermost first; every extent ≥ 1, the product is `values.count`.
    public let shape: [Int]
    public let values: [Double]

    /// The outermost level's elements, as nodes.
    public var elements: [JSONNode] {
        guard shape.count > 1 else { return values.map { .number($0) } }
        let inner = Array(shape.dropFirst())
        let n = values.count / Swift.max(1, shape[0])
        return (0..<shape[0]).map { k in .numbers(NumberBlock(shape: inner, values: Array(values[(k * n)..<((k + 1) * n)]))) }
    }

    var jsonValue: JSONValue {
        guard shape.count > 1 else { return .array(values.map { .number($0) }) }
        return .array(elements.map(\.jsonValue))
    }
}

/// Why a text is not JSON: where (line and column, 1-based; the JSON path when inside a value) and
/// what was expected.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public let line: Int
    /// Characters (not bytes) from the start of the line, 1-based.
    public let column: Int
    /// The JSON path of the value being read (`state_dict.weight_hh_l0[3]`), empty at the top.
    public let path: String
    public let message: String

    public var description: String {
        "line \(line), column \(column)\(path.isEmpty ? "" : " (\(path))"): \(message)"
    }
}

/// A strict, fast JSON reader (RFC 8259) written for model files.
///
/// Why not Foundation: `JSONSerialization`/`JSONDecoder` trap at a nesting depth of 513, keep the
/// first of two duplicate keys silently, report no line or column, and read about 3 MB/s with some
/// 60 bytes of memory per number. Swift has no well-kept streaming JSON parser on the package mirror,
/// so Unroll has its own:
///
/// - nesting is bounded (`maxDepth`, default 64) and checked before descending, so no input recurses deeply;
/// - a duplicate object key is refused naming the key, its line and column, and the first one's;
/// - every error gives line, column, the JSON path and what was expected;
/// - numbers are exact: Clinger's fast path (at most 2⁵³ and |exponent| ≤ 22, one correctly rounded
///   IEEE operation) or else the C library's correctly rounded `strtod` in the C locale, so every
///   number reads bit-identical to `Double(String)`; a number beyond the range of a double (`1e999`)
///   is refused with its location;
/// - rectangular arrays of numbers are stored as a `NumberBlock` (flat doubles and a shape).
///
/// ```swift
/// let root = try JSONReader.parse(Data(#"{"w": [[1, 2], [3, 4]]}"#.utf8))
/// root["w"]   // .numbers(NumberBlock(shape: [2, 2], values: [1, 2, 3, 4]))
/// ```
public enum JSONReader {
    /// The default bound on nested arrays and objects.
    public static let defaultMaxDepth = 64

    /// Parses a complete JSON text (one value, white space around it; a UTF-8 byte-order mark is skipped).
    public static func parse(_ data: Data, maxDepth: Int = defaultMaxDepth) throws(JSONSyntaxError) -> JSONNode {
        let result: Result<JSONNode, JSONSyntaxError> = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            return Result { () throws(JSONSyntaxError) in try parse(bytes, maxDepth: maxDepth) }
        }
        return try result.get()
    }

    /// Parses a complete JSON text from bytes.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int = defaultMaxDepth) throws(JSONSyntaxError) -> JSONNode {
        var parser = Parser(bytes: bytes, maxDepth: maxDepth)
        let previous = uselocale(cLocale)
        defer { if previous != nil { uselocale(previous) } }
        do {
            return try parser.document()
        } catch {
            throw parser.located(error)
        }
    }

    /// A key from a file as a message may show it: control and other invisible characters written as
    /// `\u{1B}`, at most 60 characters; nothing from a file reaches a terminal raw.
    public static func printable(_ text: String) -> String {
        var out = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= 60 { return out + "…" }
            let p = scalar.properties.generalCategory
            switch p {
            case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default:
                out.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return out
    }

    /// The C locale, so `strtod` reads "0.5" the same whatever `LC_NUMERIC` the terminal set.
    nonisolated(unsafe) static let cLocale = newlocale(Int32(1) << LC_NUMERIC, "C", nil)
}

extension JSONReader {
    /// An error before it is located: the byte offset, the message, and a path when not the current one.
    struct Failure: Error {
        let offset: Int
        let message: String
        var path: String? = nil
    }

    /// What reading one value gives: a finished node, a bare number, or a compact block whose
    /// numbers are the tail of `scratch` from `start`.
    enum Parsed {
        case node(JSONNode)
        case number(Double)
        case block(start: Int, shape: [Int])
    }

    struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        let maxDepth: Int
        var pos = 0
        var depth = 0
        /// Numbers of the compact arrays being read.
        var scratch: [Double] = []
        /// The path to the value being read: a key, or nil with the index in `indices`.
        var keys: [String?] = []
        var indices: [Int] = []

        init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
            self.bytes = bytes
            self.maxDepth = maxDepth
        }

        mutating func document() throws(Failure) -> JSONNode {
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { pos = 3 }
            skipWhitespace()
            let value = try node(from: try value())
            skipWhitespace()
            guard pos == bytes.count else { throw Failure(offset: pos, message: "expected the end of the file after the JSON value, found \(found())") }
            return value
        }

        // MARK: Values

        mutating func value() throws(Failure) -> Parsed {
            guard pos < bytes.count else { throw Failure(offset: pos, message: "expected a value, found the end of the file") }
            switch bytes[pos] {
            case UInt8(ascii: "["): return try array()
            case UInt8(ascii: "{"): return .node(try object())
            case UInt8(ascii: "\""): return .node(.string(try string()))
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
            case UInt8(ascii: "t"): try literal("true"); return .node(.bool(true))
            case UInt8(ascii: "f"): try literal("false"); return .node(.bool(false))
            case UInt8(ascii: "n"): try literal("null"); return .node(.null)
            default:
                throw Failure(offset: pos, message: "expected a value (a number, string, array, object, true, false or null), found \(found())")
            }
        }

        /// A parsed value as a node, taking a block's numbers out of `scratch`.
        mutating func node(from parsed: Parsed) -> JSONNode {
            switch parsed {
            case let .node(n): return n
            case let .number(d): return .number(d)
            case let .block(start, shape):
                // A whole tensor (the common case) is handed over without a copy; a nested one is copied out.
                if start == 0 {
                    let values = scratch
                    scratch = []
                    return .numbers(NumberBlock(shape: shape, values: values))
                }
                let values = Array(scratch[start...])
                scratch.removeSubrange(start...)
                return .numbers(NumberBlock(shape: shape, values: values))
            }
        }

        mutating func enter() throws(Failure) {
            guard depth < maxDepth else {
                // No path: it would be the 64 enclosing levels.
                throw Failure(offset: pos, message: "arrays and objects nested deeper than \(maxDepth) levels", path: "")
            }
            depth += 1
        }

        mutating func array() throws(Failure) -> Parsed {
            try enter()
            pos += 1
            skipWhitespace()
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") {
                pos += 1
                depth -= 1
                return .node(.array([]))
            }
            let start = scratch.count
            // Compact while every element is a number (elementShape []) or a block of elementShape.
            var elementShape: [Int]? = nil
            var generic: [JSONNode]? = nil
            var count = 0
            keys.append(nil)
            indices.append(0)
            while true {
                indices[indices.count - 1] = count
                let element = try value()
                if generic != nil {
                    generic?.append(node(from: element))
                } else {
                    switch element {
                    case let .number(d):
                        if count == 0 { elementShape = [] }
                        if elementShape == [] { scratch.append(d) } else {
                            generic = materialise(start: start, count: count, shape: elementShape ?? [])
                            generic?.append(.number(d))
                        }
                    case let .block(blockStart, shape):
                        if count == 0 { elementShape = shape }
                        if elementShape != shape {
                            // The odd block is the tail of scratch from blockStart; the earlier ones precede it.
                            let tail = node(from: .block(start: blockStart, shape: shape))
                            generic = materialise(start: start, count: count, shape: elementShape ?? [])
                            generic?.append(tail)
                        }
                    case let .node(n):
                        generic = materialise(start: start, count: count, shape: elementShape ?? [])
                        generic?.append(n)
                    }
                }
                count += 1
                skipWhitespace()
                guard pos < bytes.count else {
                    throw Failure(offset: pos, message: "expected ',' or ']' after an array element, found the end of the file")
                }
                let b = bytes[pos]
                pos += 1
                if b == UInt8(ascii: ",") { skipWhitespace(); continue }
                if b == UInt8(ascii: "]") { break }
                pos -= 1
                throw Failure(offset: pos, message: "expected ',' or ']' after an array element, found \(found())")
            }
            keys.removeLast()
            indices.removeLast()
            depth -= 1
            if let generic { return .node(.array(generic)) }
            return .block(start: start, shape: [count] + (elementShape ?? []))
        }

        /// The first `count` compact elements (numbers, or blocks of `shape`) from `start` as nodes,
        /// removing them from `scratch`.
        mutating func materialise(start: Int, count: Int, shape: [Int]) -> [JSONNode] {
            var out: [JSONNode] = []
            out.reserveCapacity(count + 1)
            if shape.isEmpty {
                for k in 0..<count { out.append(.number(scratch[start + k])) }
            } else {
                let n = shape.reduce(1, *)
                for k in 0..<count {
                    let from = start + k * n
                    out.append(.numbers(NumberBlock(shape: shape, values: Array(scratch[from..<(from + n)]))))
                }
            }
            scratch.removeSubrange(start...)
            return out
        }

        mutating func object() throws(Failure) -> JSONNode {
            try enter()
            pos += 1
            skipWhitespace()
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") {
                pos += 1
                depth -= 1
                return .object([])
            }
            var members: [JSONMember] = []
            var keyOffsets: [Int] = []
            var index: [String: Int]? = nil
            while true {
                guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else {
                    let after = members.isEmpty ? "'{'" : "','"
                    throw Failure(offset: pos, message: "expected a key (a string in double quotes) after \(after), found \(found())")
                }
                let keyOffset = pos
                let key = try string()
                // Linear search while small; a dictionary once an object has many members.
                var first: Int? = nil
                if let index { first = index[key] } else {
                    first = members.firstIndex { $0.key == key }
                    if members.count >= 16 {
                        var d: [String: Int] = [:]
                        for (k, m) in members.enumerated() { d[m.key] = k }
                        index = d
                    }
                }
                if let first {
                    let (line, column) = location(of: keyOffsets[first])
                    throw Failure(offset: keyOffset,
                                  message: "duplicate key \"\(JSONReader.printable(key))\" (first given at line \(line), column \(column)); each key may appear once",
                                  path: pathString(appending: key))
                }
                skipWhitespace()
                guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else {
                    throw Failure(offset: pos, message: "expected ':' after the key \"\(key)\", found \(found())")
                }
                pos += 1
                skipWhitespace()
                keys.append(key)
                indices.append(0)
                let value = node(from: try value())
                keys.removeLast()
                indices.removeLast()
                index?[key] = members.count
                members.append(JSONMember(key: key, value: value))
                keyOffsets.append(keyOffset)
                skipWhitespace()
                guard pos < bytes.count else {
                    throw Failure(offset: pos, message: "expected ',' or '}' after the value of \"\(key)\", found the end of the file")
                }
                let b = bytes[pos]
                pos += 1
                if b == UInt8(ascii: ",") { skipWhitespace(); continue }
                if b == UInt8(ascii: "}") { break }
                pos -= 1
                throw Failure(offset: pos, message: "expected ',' or '}' after the value of \"\(key)\", found \(found())")
            }
            depth -= 1
            return .object(members)
        }

        mutating func literal(_ word: StaticString) throws(Failure) {
            let n = word.utf8CodeUnitCount
            let w = word.utf8Start
            let start = pos
            for k in 0..<n {
                guard pos + k < bytes.count, bytes[pos + k] == w[k] else {
                    throw Failure(offset: start, message: "expected a value (true, false or null?), found \(found())")
                }
            }
            pos += n
        }

        // MARK: Strings

        mutating func string() throws(Failure) -> String {
            let open = pos
            pos += 1
            let start = pos
            // Fast path: no escapes.
            while pos < bytes.count {
                let b = bytes[pos]
                if b == UInt8(ascii: "\"") {
                    let slice = UnsafeBufferPointer(rebasing: bytes[start..<pos])
                    guard let s = String(validating: slice, as: UTF8.self) else {
                        throw Failure(offset: start + firstInvalidUTF8(slice), message: "a string holds bytes that are not UTF-8")
                    }
                    pos += 1
                    return s
                }
                if b == UInt8(ascii: "\\") { break }
                if b < 0x20 { throw Failure(offset: pos, message: "a control character (\(hex(b))) inside a string must be escaped") }
                pos += 1
            }
            guard pos < bytes.count else { throw Failure(offset: open, message: "a string is not closed (no '\"' before the end of the file)") }
            var utf8 = Array(UnsafeBufferPointer(rebasing: bytes[start..<pos]))
            while pos < bytes.count {
                let b = bytes[pos]
                if b == UInt8(ascii: "\"") {
                    pos += 1
                    guard let s = String(validating: utf8, as: UTF8.self) else {
                        throw Failure(offset: open, message: "a string holds bytes that are not UTF-8")
                    }
                    return s
                }
                if b < 0x20 { throw Failure(offset: pos, message: "a control character (\(hex(b))) inside a string must be escaped") }
                if b != UInt8(ascii: "\\") {
                    utf8.append(b)
                    pos += 1
                    continue
                }
                let escape = pos
                pos += 1
                guard pos < bytes.count else { break }
                let e = bytes[pos]
                pos += 1
                switch e {
                case UInt8(ascii: "\""): utf8.append(0x22)
                case UInt8(ascii: "\\"): utf8.append(0x5C)
                case UInt8(ascii: "/"): utf8.append(0x2F)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try hex4(at: escape)
                    if (0xD800..<0xDC00).contains(code) {
                        guard pos + 1 < bytes.count, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") else {
                            throw Failure(offset: escape, message: "a \\u escape of a high surrogate must be followed by a low surrogate")
                        }
                        let low = pos
                        pos += 2
                        let second = try hex4(at: low)
                        guard (0xDC00..<0xE000).contains(second) else {
                            throw Failure(offset: low, message: "expected a low surrogate (\\uDC00…\\uDFFF) after a high one")
                        }
                        code = 0x10000 + ((code - 0xD800) << 10) + (second - 0xDC00)
                    } else if (0xDC00..<0xE000).contains(code) {
                        throw Failure(offset: escape, message: "a lone low surrogate \\u escape is not a character")
                    }
                    guard let scalar = Unicode.Scalar(code) else {
                        throw Failure(offset: escape, message: "a \\u escape that is not a character")
                    }
                    if let encoded = UTF8.encode(scalar) { utf8.append(contentsOf: encoded) }
                default:
                    throw Failure(offset: escape, message: "expected an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX) after '\\', found \(found(at: escape + 1))")
                }
            }
            throw Failure(offset: open, message: "a string is not closed (no '\"' before the end of the file)")
        }

        /// Four hex digits after `\u` (pos is at the first digit).
        mutating func hex4(at escape: Int) throws(Failure) -> UInt32 {
            var v: UInt32 = 0
            for _ in 0..<4 {
                guard pos < bytes.count else { throw Failure(offset: escape, message: "expected four hex digits after \\u, found the end of the file") }
                let b = bytes[pos]
                let d: UInt32
                switch b {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(b - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(b - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(b - UInt8(ascii: "A") + 10)
                default: throw Failure(offset: pos, message: "expected four hex digits after \\u, found \(found())")
                }
                v = v << 4 | d
                pos += 1
            }
            return v
        }

        // MARK: Numbers

        mutating func number() throws(Failure) -> Double {
            let start = pos
            let n = bytes.count
            var negative = false
            if bytes[pos] == UInt8(ascii: "-") {
                negative = true
                pos += 1
            }
            guard pos < n, isDigit(bytes[pos]) else {
                throw Failure(offset: pos, message: "expected a digit after '-', found \(found())")
            }
            var mantissa: UInt64 = 0
            var digits = 0
            var dropped = false
            var exponent = 0
            if bytes[pos] == UInt8(ascii: "0") {
                pos += 1
                if pos < n, isDigit(bytes[pos]) {
                    throw Failure(offset: start, message: "a number may not start with 0 followed by digits (no leading zeros in JSON)")
                }
            } else {
                while pos < n, isDigit(bytes[pos]) {
                    if digits < 19 {
                        mantissa = mantissa &* 10 &+ UInt64(bytes[pos] &- 48)
                        digits += 1
                    } else {
                        dropped = true
                        exponent += 1
                    }
                    pos += 1
                }
            }
            if pos < n, bytes[pos] == UInt8(ascii: ".") {
                pos += 1
                guard pos < n, isDigit(bytes[pos]) else {
                    throw Failure(offset: pos, message: "expected a digit after the decimal point, found \(found())")
                }
                while pos < n, isDigit(bytes[pos]) {
                    let d = UInt64(bytes[pos] &- 48)
                    if mantissa == 0 && d == 0 {
                        exponent -= 1
                    } else if digits < 19 {
                        mantissa = mantissa &* 10 &+ d
                        digits += 1
                        exponent -= 1
                    } else {
                        dropped = true
                    }
                    pos += 1
                }
            }
            if pos < n, bytes[pos] == UInt8(ascii: "e") || bytes[pos] == UInt8(ascii: "E") {
                pos += 1
                var negativeExponent = false
                if pos < n, bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-") {
                    negativeExponent = bytes[pos] == UInt8(ascii: "-")
                    pos += 1
                }
                guard pos < n, isDigit(bytes[pos]) else {
                    throw Failure(offset: pos, message: "expected a digit in the exponent, found \(found())")
                }
                var e = 0
                while pos < n, isDigit(bytes[pos]) {
                    if e < 1_000_000 { e = e * 10 + Int(bytes[pos] &- 48) }
                    pos += 1
                }
                exponent += negativeExponent ? -e : e
            }
            // Clinger's fast path: an exact mantissa and an exact power of ten, one rounding.
            if !dropped && mantissa <= 9_007_199_254_740_992 && exponent >= -22 && exponent <= 22 {
                var v = Double(mantissa)
                if exponent >= 0 { v *= JSONReader.powersOfTen[exponent] } else { v /= JSONReader.powersOfTen[-exponent] }
                return negative ? -v : v
            }
            if mantissa == 0 && !dropped { return negative ? -0.0 : 0 }
            let v = slowNumber(from: start, to: pos)
            guard v.isFinite else {
                throw Failure(offset: start, message: "the number \(excerpt(start, pos)) is out of the range of a double (about ±1.8e308)")
            }
            return v
        }

        /// `strtod` (correctly rounded, C locale) on a NUL-terminated copy of the number's bytes.
        func slowNumber(from start: Int, to end: Int) -> Double {
            let length = end - start
            return withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { buffer in
                for k in 0..<length { buffer[k] = CChar(bitPattern: bytes[start + k]) }
                buffer[length] = 0
                return strtod(buffer.baseAddress!, nil)
            }
        }

        // MARK: Helpers

        @inline(__always) func isDigit(_ b: UInt8) -> Bool { b &- 48 < 10 }

        @inline(__always) mutating func skipWhitespace() {
            while pos < bytes.count {
                let b = bytes[pos]
                guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
                pos += 1
            }
        }

        /// The byte at `offset` described for a message: `'x'`, `a line break`, `byte 0xFF`, `the end of the file`.
        func found(at offset: Int? = nil) -> String {
            let at = offset ?? pos
            guard at < bytes.count else { return "the end of the file" }
            let b = bytes[at]
            switch b {
            case 0x0A, 0x0D: return "a line break"
            case 0x21...0x7E: return "'\(Character(Unicode.Scalar(b)))'"
            case 0x20: return "a space"
            case 0x09: return "a tab"
            default:
                if b >= 0x80, let s = String(validating: UnsafeBufferPointer(rebasing: bytes[at..<Swift.min(bytes.count, at + utf8Length(b))]), as: UTF8.self),
                   let scalar = s.unicodeScalars.first, scalar.properties.isAlphabetic || scalar.properties.isMath {
                    return "'\(s)'"
                }
                return "byte \(hex(b))"
            }
        }

        func utf8Length(_ lead: UInt8) -> Int { lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1 }

        func hex(_ b: UInt8) -> String {
            let digits = Array("0123456789ABCDEF")
            return "0x" + String(digits[Int(b >> 4)]) + String(digits[Int(b & 15)])
        }

        /// The text of a number, shortened when long.
        func excerpt(_ start: Int, _ end: Int) -> String {
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<Swift.min(end, start + 40)]), as: UTF8.self)
            return end - start > 40 ? text + "…" : text
        }

        func firstInvalidUTF8(_ slice: UnsafeBufferPointer<UInt8>) -> Int {
            var k = 0
            while k < slice.count {
                let n = utf8Length(slice[k])
                if k + n > slice.count || String(validating: UnsafeBufferPointer(rebasing: slice[k..<(k + n)]), as: UTF8.self) == nil { return k }
                k += n
            }
            return 0
        }

        /// Line and column (characters, 1-based) of a byte offset.
        func location(of offset: Int) -> (line: Int, column: Int) {
            var line = 1, column = 1
            var k = 0
            let end = Swift.min(offset, bytes.count)
            while k < end {
                let b = bytes[k]
                if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
                k += 1
            }
            return (line, column)
        }

        /// The current path, as `state_dict.weight_hh_l0[3]`.
        func pathString(appending key: String? = nil) -> String {
            var out = ""
            for (k, component) in keys.enumerated() {
                if out.utf8.count > 200 { return out + "…" }
                if let name = component.map(JSONReader.printable) { out += out.isEmpty ? name : "." + name } else { out += "[\(indices[k])]" }
            }
            if let key = key.map(JSONReader.printable) { out += out.isEmpty ? key : "." + key }
            return out
        }

        func located(_ failure: Failure) -> JSONSyntaxError {
            let (line, column) = location(of: failure.offset)
            return JSONSyntaxError(line: line, column: column, path: failure.path ?? pathString(), message: failure.message)
        }
    }

    /// 10⁰ … 10²², each exact in a double.
    static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]
}
