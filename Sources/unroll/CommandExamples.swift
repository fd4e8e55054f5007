/// A command whose `--help` shows example command lines.
///
/// The discussion text is built from `examples` (`CommandExamples.text`), and a test runs every
/// one of them through the real binary, so the help cannot drift from what the commands do.
protocol DocumentedExamples {
    /// Complete command lines, each starting with `unroll`, quoted as a shell would read them.
    static var examples: [String] { get }
}

enum CommandExamples {
    /// "Example: …" for one, "Examples: …" with the others aligned below for several.
    static func text(_ examples: [String]) -> String {
        guard let first = examples.first else { return "" }
        if examples.count == 1 { return "Example: \(first)" }
        return (["Examples: \(first)"] + examples.dropFirst().map { "          \($0)" }).joined(separator: "\n")
    }

    /// The words of a command line as a POSIX shell splits it: whitespace separates, and single
    /// or double quotes group (no variables, globs or escapes inside single quotes).
    static func words(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for ch in line {
            if escaped { current.append(ch); escaped = false; continue }
            if let q = quote {
                if ch == q { quote = nil } else if ch == "\\" && q == "\"" { escaped = true } else { current.append(ch) }
                continue
            }
            switch ch {
            case "\"", "'": quote = ch; inWord = true
            case "\\": escaped = true; inWord = true
            case _ where ch.isWhitespace:
                if inWord { words.append(current); current = ""; inWord = false }
            default: current.append(ch); inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
