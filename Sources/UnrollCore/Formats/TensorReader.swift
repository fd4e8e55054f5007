/// Reads the tensors of a `state_dict` object, refusing any wrong shape, ragged row or non-number
/// with a `ModelFileError` that names the file and the key (`state_dict.weight_hh_l0[3][2]`).
///
/// Numbers are finite by construction: `JSONReader` refuses a number beyond a double's range and JSON
/// has no NaN. Nothing is allocated from a declared size: the result is the data present, after its
/// shape has been checked against the declared one.
struct TensorReader {
    let file: String
    let stateDict: [JSONMember]

    func fail(_ key: String, _ message: String) -> ModelFileError {
        ModelFileError(kind: .malformed, file: file, key: key, message: message)
    }

    /// "1 row", "3 rows".
    func rowCount(_ n: Int) -> String { n == 1 ? "1 row" : "\(n) rows" }

    /// The value of `key`, if present.
    func value(_ key: String) -> JSONNode? { stateDict.first { $0.key == key }?.value }

    /// A rows × cols matrix, row-major; nil when absent. `rows` nil accepts any row count.
    func matrix(_ key: String, rows: Int?, cols: Int) throws(ModelFileError) -> [Double]? {
        let path = "state_dict.\(key)"
        guard let v = value(key) else { return nil }
        switch v {
        case let .numbers(block) where block.shape.count == 2:
            if let rows, block.shape[0] != rows { throw fail(path, "has \(rowCount(block.shape[0])), expected \(rows) × \(cols)") }
            guard block.shape[1] == cols else {
                throw fail("\(path)[0]", "row has \(block.shape[1]) numbers, expected \(cols) (wrong shape)")
            }
            return block.values
        case let .numbers(block) where block.shape.count == 1:
            throw fail("\(path)[0]", "expected a row of \(cols) numbers, found a number (a matrix is an array of rows)")
        case .numbers:
            throw fail("\(path)[0][0]", "expected a number, found an array (a matrix has two levels)")
        case let .array(rowValues):
            if let rows, rowValues.count != rows { throw fail(path, "has \(rowCount(rowValues.count)), expected \(rows) × \(cols)") }
            // Not a rectangular block of numbers: find the first row at fault.
            var out: [Double] = []
            for (r, row) in rowValues.enumerated() {
                switch row {
                case let .numbers(b) where b.shape.count == 1:
                    guard b.shape[0] == cols else {
                        throw fail("\(path)[\(r)]", "row has \(b.shape[0]) numbers, expected \(cols) (ragged or wrong shape)")
                    }
                    out.append(contentsOf: b.values)
                case .numbers:
                    throw fail("\(path)[\(r)][0]", "expected a number, found an array")
                case let .array(items):
                    if items.count != cols {
                        throw fail("\(path)[\(r)]", "row has \(items.count) entries, expected \(cols) numbers (ragged or wrong shape)")
                    }
                    for (c, item) in items.enumerated() {
                        guard case .number = item else { throw fail("\(path)[\(r)][\(c)]", "expected a number, found \(item.typeName)") }
                    }
                    throw fail("\(path)[\(r)]", "expected a row of \(cols) numbers")
                default:
                    throw fail("\(path)[\(r)]", "expected a row of \(cols) numbers, found \(row.typeName)")
                }
            }
            return out
        default:
            throw fail(path, "expected an array of rows, found \(v.typeName)")
        }
    }

    /// A vector of `count` numbers (any count when nil); nil when absent.
    func vector(_ key: String, count: Int?) throws(ModelFileError) -> [Double]? {
        let path = "state_dict.\(key)"
        guard let v = value(key) else { return nil }
        switch v {
        case let .numbers(block) where block.shape.count == 1:
            if let count, block.values.count != count { throw fail(path, "has \(block.values.count) numbers, expected \(count)") }
            return block.values
        case .numbers:
            throw fail("\(path)[0]", "expected a number, found an array (a bias is one array of numbers)")
        case let .array(items):
            if let count, items.count != count { throw fail(path, "has \(items.count) numbers, expected \(count)") }
            for (c, item) in items.enumerated() {
                guard case .number = item else { throw fail("\(path)[\(c)]", "expected a number, found \(item.typeName)") }
            }
            return []
        default:
            throw fail(path, "expected an array of numbers, found \(v.typeName)")
        }
    }
}
