/// Why a token sequence was refused.
public struct TokenError: Error, Equatable, CustomStringConvertible, Sendable {
    public let message: String
    public var description: String { message }
    public init(message: String) { self.message = message }
}

extension RecurrentModel {
    /// Parses whitespace-separated input tokens: vocabulary words (or 0-based indices when the model
    /// has no vocabulary), `?` for an unknown step (the all-zero input). A token is the one-hot vector,
    /// or its row of `embedding.weight`. For a `"real"` model each token is one step's I comma-separated
    /// numbers (`0.5,-1.25`), or `?`.
    public func parseInput(_ text: String, option: String = "--input") throws -> SequenceInput {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard !words.isEmpty else { throw TokenError(message: "\(option) is empty: give at least one token") }
        if inputKind == .real {
            var values: [Double] = [], unknown: [Bool] = []
            for (k, w) in words.enumerated() {
                if w == "?" {
                    values += [Double](repeating: 0, count: inputSize)
                    unknown.append(true)
                    continue
                }
                values += try numbers(w, position: k + 1, option: option, count: inputSize, what: "input")
                unknown.append(false)
            }
            var input = SequenceInput(values: values, inputSize: inputSize)
            input.unknownSteps = unknown
            return input
        }
        var tokens: [Int?] = []
        for (k, w) in words.enumerated() {
            if w == "?" { tokens.append(nil); continue }
            tokens.append(try index(of: w, position: k + 1, option: option, names: vocab, size: tokenCount, what: "input"))
        }
        return embedded(SequenceInput(tokens: tokens, inputSize: inputSize))
    }

    /// Parses a regression's whitespace-separated targets, one per step: O comma-separated numbers, `?` for none.
    public func parseTargetVectors(_ text: String, steps: Int, option: String = "--targets") throws -> [[Double]?] {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard words.count == steps else {
            throw TokenError(message: "\(option) has \(words.count) tokens, expected \(steps) (one per input token)")
        }
        return try words.enumerated().map { k, w in
            w == "?" ? nil : try numbers(w, position: k + 1, option: option, count: outputSize, what: "target")
        }
    }

    /// `count` comma-separated decimal numbers.
    private func numbers(_ word: String, position: Int, option: String, count: Int, what: String) throws -> [Double] {
        let parts = word.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var out: [Double] = []
        for part in parts {
            guard let v = Clamp.decimal(part) else {
                throw TokenError(message: "\(option): token \(position) '\(TerminalSafe.line(String(word.prefix(40))))' should be \(count == 1 ? "a number" : "\(count) comma-separated numbers") (or ? for none)")
            }
            out.append(v)
        }
        guard out.count == count else {
            throw TokenError(message: "\(option): token \(position) '\(TerminalSafe.line(String(word.prefix(40))))' has \(out.count) numbers, expected \(count) (the model's \(what) size)")
        }
        return out
    }

    /// Parses whitespace-separated targets, one per step: output class words (or indices), `?` for none.
    public func parseTargets(_ text: String, steps: Int, option: String = "--targets") throws -> [Int?] {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard words.count == steps else {
            throw TokenError(message: "\(option) has \(words.count) tokens, expected \(steps) (one per input token)")
        }
        let names: [String]? = vocabCoversOutputs ? vocab : nil
        return try words.enumerated().map { k, w in
            if w == "?" { return nil }
            return try index(of: w, position: k + 1, option: option, names: names, size: outputSize, what: "output class")
        }
    }

    private func index(of word: String, position: Int, option: String, names: [String]?, size: Int, what: String) throws -> Int {
        if let names {
            if let i = names.firstIndex(of: word) { return i }
            throw TokenError(message: "\(option): token \(position) '\(word)' is not in the vocabulary (\(names.joined(separator: " ")))")
        }
        if let i = Int(word), i >= 0, i < size { return i }
        throw TokenError(message: "\(option): token \(position) '\(word)' should be an \(what) index 0…\(size - 1) (the model has no vocabulary)")
    }

    /// The word for input position or output class `k`, when the vocabulary names it.
    func word(_ k: Int, output: Bool) -> String? {
        guard let vocab, k >= 0, k < vocab.count else { return nil }
        return output ? (vocabCoversOutputs ? vocab[k] : nil) : vocab[k]
    }
}
