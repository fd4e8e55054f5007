import Foundation

/// Why a user's data file (a CSV series, a text to learn) was refused: one line naming the file, the
/// line when there is one, and what was expected.
public struct DataFileError: Error, Equatable, CustomStringConvertible, Sendable {
    public enum Kind: Sendable, Equatable {
        /// The file does not exist (exit 66).
        case notFound
        /// The file is not what was expected (exit 65).
        case malformed
    }

    public let kind: Kind
    public let file: String
    /// 1-based line of the file, when the problem is on one.
    public let line: Int?
    public let message: String

    public init(kind: Kind = .malformed, file: String, line: Int? = nil, message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.message = message.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    public var description: String {
        file + (line.map { ":\($0)" } ?? "") + ": " + message
    }

    /// The largest data file read: 64 MiB.
    public static let maxFileBytes = 64 << 20

    /// The bytes of a regular file of at most `maxFileBytes`, checked before it is opened.
    public static func read(path: String) throws(DataFileError) -> Data {
        let attributes: [FileAttributeKey: Any]
        do { attributes = try FileManager.default.attributesOfItem(atPath: path) } catch {
            throw DataFileError(kind: .notFound, file: path, message: "no such file")
        }
        guard (attributes[.type] as? FileAttributeType) == .typeRegular else {
            throw DataFileError(file: path, message: "not a regular file")
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        guard size <= maxFileBytes else {
            throw DataFileError(file: path, message: "the file is \(size) bytes, more than the \(maxFileBytes >> 20) MiB a data file may be")
        }
        do { return try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw DataFileError(kind: .notFound, file: path, message: "cannot read the file")
        }
    }
}
