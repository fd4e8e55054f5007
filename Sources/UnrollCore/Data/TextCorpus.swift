import Foundation

/// Whether a text is learned word by word or character by character (`unroll train text --level`).
public enum TextLevel: String, Sendable, Equatable, CaseIterable {
    case word
    case char
}

/// A user's own text as a token sequence and its vocabulary (`unroll train text FILE --level word|char`).
///
/// Words: the text split at white space, with `. , ! ? ; : " ( )` their own tokens (as the book's `.` is).
/// Characters: every character, a space written `␣` and a line break `⏎` (so that a token is never
/// white space and `--input "h i ␣ t h e r e"` can name it). The vocabulary is the `maxVocab` most
/// frequent tokens (ties in order of first appearance); the rest become `<unk>`. A `?` is `<?>`
/// (a lone `?` on the command line is an unknown step).
public struct TextCorpus: Sendable, Equatable {
    /// The token for a space at the character level.
    public static let space = "␣"
    /// The token for a line break at the character level.
    public static let lineBreak = "⏎"
    /// The token for a word outside the vocabulary.
    public static let unknown = "<unk>"
    /// The token for a question mark (`?` alone means "an unknown step" on the command line).
    public static let questionMark = "<?>"
    /// The punctuation that is a word of its own.
    public static let punctuation: Set<Character> = [".", ",", "!", "?", ";", ":", "\"", "(", ")"]

    public let level: TextLevel
    /// The text's tokens, in order (each in `vocab`).
    public let tokens: [String]
    public let vocab: [String]

    /// The vocabulary index of every token.
    public var indices: [Int] {
        var index: [String: Int] = [:]
        for (k, w) in vocab.enumerated() { index[w] = k }
        return tokens.map { index[$0] ?? 0 }
    }

    /// Reads the text file at `path`.
    public static func load(path: String, level: TextLevel, maxVocab: Int = 1000) throws(DataFileError) -> TextCorpus {
        try parse(try DataFileError.read(path: path), file: path, level: level, maxVocab: maxVocab)
    }

    /// Splits `text` into tokens of `level`.
    public static func tokens(of text: String, level: TextLevel) -> [String] {
        switch level {
        case .char:
            return text.compactMap { c -> String? in
                if c == "\r" { return nil }
                if c.isNewline { return lineBreak }
                if c.isWhitespace { return space }
                return c == "?" ? questionMark : String(c)
            }
        case .word:
            var out: [String] = []
            for piece in text.split(whereSeparator: \.isWhitespace) {
                var word = ""
                for c in piece {
                    if punctuation.contains(c) {
                        if !word.isEmpty { out.append(word); word = "" }
                        out.append(c == "?" ? questionMark : String(c))
                    } else {
                        word.append(c)
                    }
                }
                if !word.isEmpty { out.append(word) }
            }
            return out
        }
    }

    /// Reads text `data`; `file` names it in errors. Refuses an empty file, one that is not UTF-8 text
    /// (a binary file: invalid UTF-8, NUL bytes or mostly control characters) and one of fewer than 2 tokens.
    public static func parse(_ data: Data, file: String, level: TextLevel, maxVocab: Int = 1000) throws(DataFileError) -> TextCorpus {
        func fail(_ message: String) -> DataFileError { DataFileError(file: file, message: message) }
        guard !data.isEmpty else { throw fail("the file is empty (expected a text to learn from)") }
        guard var text = String(validating: data, as: UTF8.self), !data.contains(0) else {
            throw fail("a binary file, not UTF-8 text (expected a text to learn from)")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let controls = text.unicodeScalars.filter { $0.value < 0x20 && $0 != "\n" && $0 != "\r" && $0 != "\t" }.count
        guard controls * 10 <= text.unicodeScalars.count else {
            throw fail("a binary file (\(controls) control characters), not text (expected a text to learn from)")
        }
        guard !text.allSatisfy(\.isWhitespace) else { throw fail("the file is empty (only white space; expected a text to learn from)") }
        let raw = tokens(of: text, level: level)
        guard raw.count >= 2 else { throw fail("the text has \(raw.count) \(level == .word ? "word" : "character"), expected at least 2 to learn what comes next") }
        var counts: [String: Int] = [:]
        var order: [String] = []
        for w in raw {
            if counts[w] == nil { order.append(w) }
            counts[w, default: 0] += 1
        }
        let cap = max(2, maxVocab)
        var vocab: [String]
        var kept: [String]
        if order.count <= cap {
            vocab = order
            kept = raw
        } else {
            let first = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
            let ranked = order.sorted { (counts[$0] ?? 0, -(first[$0] ?? 0)) > (counts[$1] ?? 0, -(first[$1] ?? 0)) }
            let keep = Set(ranked.prefix(cap - 1))
            vocab = order.filter { keep.contains($0) } + [unknown]
            kept = raw.map { keep.contains($0) ? $0 : unknown }
        }
        if vocab.count < 2 { vocab.append(unknown) }
        return TextCorpus(level: level, tokens: kept, vocab: vocab)
    }
}
