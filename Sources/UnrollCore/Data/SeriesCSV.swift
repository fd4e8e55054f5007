import CSV
import Foundation

/// A user's own time series: one numeric column of a CSV file with a header row (RFC 4180, read by CSV.swift).
///
/// Blank lines are skipped; every other row must have the column and a finite number in it. Errors name
/// the file's line (a quoted field may span lines; they are counted).
public enum SeriesCSV {
    /// The most values a series may have.
    public static let maxValues = 1_000_000

    /// Reads column `column` of the CSV file at `path`.
    public static func load(path: String, column: String) throws(DataFileError) -> [Double] {
        try parse(try DataFileError.read(path: path), file: path, column: column)
    }

    /// Reads column `column` of CSV `data`; `file` names it in errors.
    public static func parse(_ data: Data, file: String, column: String) throws(DataFileError) -> [Double] {
        func fail(_ line: Int?, _ message: String) -> DataFileError { DataFileError(file: file, line: line, message: message) }
        guard var text = String(validating: data, as: UTF8.self) else {
            throw fail(nil, "not UTF-8 text (expected a CSV file with a header row)")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if text.contains("\u{0}") { throw fail(nil, "holds NUL bytes (expected a CSV text file with a header row)") }
        guard !text.allSatisfy(\.isWhitespace) else { throw fail(nil, "the file is empty (expected a header row naming the columns, then one row per step)") }
        let reader: CSVReader
        do { reader = try CSVReader(string: text, hasHeaderRow: false) } catch {
            throw fail(nil, "not a CSV file (\(error))")
        }
        var line = 1
        /// Lines a row took: one, and one more per line break inside its quoted fields.
        func span(_ row: [String]) -> Int { 1 + row.reduce(0) { $0 + $1.reduce(0) { $0 + ($1.isNewline ? 1 : 0) } } }
        func isBlank(_ row: [String]) -> Bool { row.allSatisfy { $0.allSatisfy(\.isWhitespace) } }
        var header: [String]?
        var headerLine = 1
        while header == nil, let row = reader.next() {
            if isBlank(row) { line += span(row); continue }
            header = row.map { $0.trimmingCharacters(in: .whitespaces) }
            headerLine = line
            line += span(row)
        }
        guard let header else { throw fail(nil, "the file is empty (expected a header row naming the columns)") }
        guard let index = header.firstIndex(of: column) else {
            let names = header.map { "'\(TerminalSafe.line(String($0.prefix(40))))'" }.prefix(20).joined(separator: ", ")
            throw fail(headerLine, "no column '\(TerminalSafe.line(String(column.prefix(40))))' in the header (its columns: \(names)\(header.count > 20 ? ", …" : ""))")
        }
        var values: [Double] = []
        while let row = reader.next() {
            defer { line += span(row) }
            if isBlank(row) { continue }
            guard index < row.count else {
                throw fail(line, "the row has \(row.count) field\(row.count == 1 ? "" : "s"), no '\(column)' (column \(index + 1) of the header's \(header.count))")
            }
            let field = row[index].trimmingCharacters(in: .whitespaces)
            guard let v = Clamp.decimal(field), v.isFinite else {
                let shown = field.isEmpty ? "an empty field" : "'\(TerminalSafe.line(String(field.prefix(40))))'"
                throw fail(line, "column '\(column)' holds \(shown), expected a number")
            }
            guard values.count < maxValues else { throw fail(line, "more than \(maxValues) values in column '\(column)'") }
            values.append(v)
        }
        if let error = reader.error { throw fail(line, "not a CSV file (\(error))") }
        guard values.count >= 2 else {
            throw fail(nil, "column '\(column)' has \(values.count) value\(values.count == 1 ? "" : "s"), expected at least 2 (a series to predict)")
        }
        return values
    }
}
