/// Reads the tensors of a `state_dict` object, refusing any wrong shape, ragged row or non-finite
/// number with a `ModelFileError` that names the file and the key.
struct TensorReader {
    let file: String
    let stateDict: [(String, JSONValue)]

    func fail(_ key: String, _ message: String) -> ModelFileError {
        ModelFileError(kind: .malformed, file: file, key: key, message: message)
    }

    /// The value of `key`, if present.
    func value(_ key: String) -> JSONValue? { stateDict.first { $0.0 == key }?.1 }

    /// A rows × cols matrix, row-major; nil when absent. `rows` nil accepts any row count.
    func matrix(_ key: String, rows: Int?, cols: Int) throws(ModelFileError) -> [Double]? {
        let path = "state_dict.\(key)"
        guard let v = value(key) else { return nil }
        guard case let .array(rowValues) = v else { throw fail(path, "expected an array of rows") }
        if let rows, rowValues.count != rows { throw fail(path, "has \(rowValues.count) rows, expected \(rows) × \(cols)") }
        var out: [Double] = []
        out.reserveCapacity(rowValues.count * cols)
        for (r, rowValue) in rowValues.enumerated() {
            guard case let .array(items) = rowValue else { throw fail("\(path)[\(r)]", "expected a row of \(cols) numbers") }
            guard items.count == cols else {
                throw fail("\(path)[\(r)]", "row has \(items.count) numbers, expected \(cols) (ragged or wrong shape)")
            }
            for (c, item) in items.enumerated() {
                guard case let .number(d) = item else { throw fail("\(path)[\(r)][\(c)]", "expected a number, got \(item.typeName)") }
                guard d.isFinite else { throw fail("\(path)[\(r)][\(c)]", "expected a finite number") }
                out.append(d)
            }
        }
        return out
    }

    /// A vector of `count` numbers (any count when nil); nil when absent.
    func vector(_ key: String, count: Int?) throws(ModelFileError) -> [Double]? {
        let path = "state_dict.\(key)"
        guard let v = value(key) else { return nil }
        guard case let .array(items) = v else { throw fail(path, "expected an array of numbers") }
        if let count, items.count != count { throw fail(path, "has \(items.count) numbers, expected \(count)") }
        var out: [Double] = []
        out.reserveCapacity(items.count)
        for (c, item) in items.enumerated() {
            guard case let .number(d) = item else { throw fail("\(path)[\(c)]", "expected a number, got \(item.typeName)") }
            guard d.isFinite else { throw fail("\(path)[\(c)]", "expected a finite number") }
            out.append(d)
        }
        return out
    }
}
