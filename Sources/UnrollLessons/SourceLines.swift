/// A text split into lines on `\n` (a trailing `\r` dropped), with columns counted in Unicode scalars.
///
/// Swift treats `\r\n` as one `Character`, so the split works on scalars to keep line numbers right
/// for files written on Windows.
struct SourceLines: Sendable {
    /// The lines, without their line terminators; line k (1-based) is `lines[k - 1]`.
    let lines: [String]

    init(_ text: String) {
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                if current.last == "\r" { current.removeLast() }
                lines.append(String(current))
                current = String.UnicodeScalarView()
            } else {
                current.append(scalar)
            }
        }
        if current.last == "\r" { current.removeLast() }
        lines.append(String(current))
        self.lines = lines
    }

    var count: Int { lines.count }

    /// Line `number` (1-based), or "" past the end.
    subscript(number: Int) -> String { number >= 1 && number <= lines.count ? lines[number - 1] : "" }
}

extension StringProtocol {
    /// The number of leading spaces.
    var leadingSpaces: Int { unicodeScalars.prefix { $0 == " " }.count }

    /// The text without leading and trailing whitespace.
    var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
