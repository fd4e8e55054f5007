import Foundation

/// Reads `progress.json` without trusting it: every field is type- and range-checked, out-of-range
/// numbers are clamped, malformed entries dropped, and each repair is reported.
///
/// The file is edited by hand, synced between machines, or truncated by a full disk; a value such as
/// `currentStep: Int.min` must never reach arithmetic (it crashed "Resume"). Nesting is bounded before
/// any JSON decoder sees the bytes.
public enum ProgressFile {
    /// Progress files larger than this are refused unread (a real one is a few KB).
    public static let maxBytes = 4 << 20
    /// The deepest nesting a progress file may have (it needs 4).
    public static let maxDepth = 16
    /// The steps a lesson may record (lessons have 5–15; drafts may have more).
    public static let stepRange = 1...100_000
    /// Question indices within a step.
    public static let questionRange = 0...1_000
    /// The longest `given` text kept (a typed number or a choice).
    public static let maxGiven = 200

    /// Why a file cannot be read as progress at all (it is then moved aside).
    public struct Unreadable: Error, Sendable, CustomStringConvertible {
        public let reason: String
        public var description: String { reason }
    }

    /// The progress in `data` and one line per repair made; throws when the file is not progress at all.
    public static func read(_ data: Data) throws(Unreadable) -> (progress: StudyProgress, repairs: [String]) {
        guard data.count <= maxBytes else { throw Unreadable(reason: "it is \(data.count) bytes (at most \(maxBytes))") }
        if let depth = nestingProblem(data) { throw Unreadable(reason: "it nests deeper than \(maxDepth) levels at byte \(depth)") }
        let json: JSONValue
        if let typed = try? JSONDecoder().decode(TypedFile.self, from: data) {
            json = typed.json // the usual file: decoded fast, then checked like any other
        } else {
            do { json = try JSONDecoder().decode(JSONValue.self, from: data) } catch { throw Unreadable(reason: "it is not valid progress JSON") }
        }
        guard case let .object(top) = json else { throw Unreadable(reason: "it is not a JSON object") }
        guard case let .number(v)? = top["version"], let version = LessonInteger.from(v, in: Int.min...Int.max) else {
            throw Unreadable(reason: "it has no version number")
        }
        guard version == StudyProgress.currentVersion else {
            throw Unreadable(reason: "version \(version) is not \(StudyProgress.currentVersion)")
        }
        var repairs: [String] = []
        var progress = StudyProgress()
        switch top["lessons"] {
        case nil, .null?: break
        case let .object(lessons)?:
            for id in lessons.keys.sorted() {
                guard let value = lessons[id] else { continue }
                guard LessonParser.isValidID(id) else { repairs.append("dropped a lesson with an invalid id"); continue }
                guard case let .object(fields) = value else { repairs.append("dropped lesson \(id): not an object"); continue }
                progress.lessons[id] = lesson(fields, id: id, repairs: &repairs)
            }
        default:
            repairs.append("dropped 'lessons': not an object")
        }
        switch top["lastLesson"] {
        case nil, .null?: break
        case let .string(id)? where LessonParser.isValidID(id): progress.lastLesson = id
        default: repairs.append("dropped 'lastLesson': not a lesson id")
        }
        return (progress, repairs)
    }

    static func lesson(_ fields: [String: JSONValue], id: String, repairs: inout [String]) -> LessonProgress {
        var p = LessonProgress()
        func integer(_ key: String, in range: ClosedRange<Int>, default fallback: Int) -> Int {
            guard let value = fields[key] else { return fallback }
            guard case let .number(v) = value, v == v.rounded() else {
                repairs.append("\(id).\(key) is not a whole number: reset to \(fallback)")
                return fallback
            }
            let n = LessonInteger.clamped(v, to: range, fallback: fallback)
            if Double(n) != v { repairs.append("\(id).\(key) = \(formatCheckNumber(v)) is outside \(LessonInteger.describe(range)): clamped to \(n)") }
            return n
        }
        p.stepReached = integer("stepReached", in: 0...stepRange.upperBound, default: 0)
        p.currentStep = integer("currentStep", in: stepRange, default: 1)
        switch fields["completed"] {
        case nil: break
        case let .bool(b)?: p.completed = b
        default: repairs.append("\(id).completed is not true or false: reset to false")
        }
        switch fields["answers"] {
        case nil: break
        case let .array(items)?:
            var dropped = 0
            for item in items {
                if let answer = answer(item) { p.answers.append(answer) } else { dropped += 1 }
            }
            if dropped > 0 { repairs.append("\(id): dropped \(dropped) malformed answer\(dropped == 1 ? "" : "s")") }
            if p.answers.count > LessonProgress.maxAnswers {
                p.answers.removeFirst(p.answers.count - LessonProgress.maxAnswers)
                repairs.append("\(id): kept the last \(LessonProgress.maxAnswers) answers")
            }
        default:
            repairs.append("\(id).answers is not a list: dropped")
        }
        return p
    }

    static func answer(_ value: JSONValue) -> AnswerRecord? {
        guard case let .object(f) = value,
              case let .number(s)? = f["step"], let step = LessonInteger.from(s, in: stepRange),
              case let .number(q)? = f["question"], let question = LessonInteger.from(q, in: questionRange),
              case let .string(given)? = f["given"], given.unicodeScalars.count <= maxGiven,
              !given.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }),
              case let .bool(correct)? = f["correct"] else { return nil }
        return AnswerRecord(step: step, question: question, given: given, correct: correct)
    }

    /// The byte offset where `data` nests deeper than `maxDepth` (brackets outside strings), if it does.
    static func nestingProblem(_ data: Data) -> Int? {
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in nestingProblem(bytes) }
    }

    private static func nestingProblem(_ bytes: UnsafeRawBufferPointer) -> Int? {
        var depth = 0, inString = false, escaped = false
        for offset in 0..<bytes.count {
            let byte = bytes[offset]
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > maxDepth { return offset }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
            default: break
            }
        }
        return nil
    }
}

/// Any JSON value, decoded without assuming the progress file's shape.
enum JSONValue: Decodable, Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let v = try? c.decode(Double.self) { self = .number(v) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }
}

/// A progress file of the expected types (values not yet range-checked): decoding it is ~50× faster
/// than `JSONValue`'s trial-and-error, so the common file takes this path; any other shape falls back.
private struct TypedFile: Decodable {
    struct Answer: Decodable {
        let step: Double?, question: Double?, given: String?, correct: Bool?
        var json: JSONValue {
            var o: [String: JSONValue] = [:]
            if let step { o["step"] = .number(step) }
            if let question { o["question"] = .number(question) }
            if let given { o["given"] = .string(given) }
            if let correct { o["correct"] = .bool(correct) }
            return .object(o)
        }
    }
    struct Lesson: Decodable {
        let stepReached: Double?, currentStep: Double?, completed: Bool?, answers: [Answer]?
        var json: JSONValue {
            var o: [String: JSONValue] = [:]
            if let stepReached { o["stepReached"] = .number(stepReached) }
            if let currentStep { o["currentStep"] = .number(currentStep) }
            if let completed { o["completed"] = .bool(completed) }
            if let answers { o["answers"] = .array(answers.map(\.json)) }
            return .object(o)
        }
    }
    let version: Double?
    let lessons: [String: Lesson]?
    let lastLesson: String?

    var json: JSONValue {
        var o: [String: JSONValue] = [:]
        if let version { o["version"] = .number(version) }
        if let lessons { o["lessons"] = .object(lessons.mapValues(\.json)) }
        if let lastLesson { o["lastLesson"] = .string(lastLesson) }
        return .object(o)
    }
}
