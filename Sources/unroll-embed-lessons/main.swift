// unroll-embed-lessons OUTPUT ROOT FILE…: writes a Swift table of FILE… (paths relative to ROOT) for
// the EmbedLessons build-tool plugin. Contents are base64 so that any byte survives a string literal
// and the compiler sees one literal a file (an array of byte literals type-checks far slower).
import Foundation

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: unroll-embed-lessons OUTPUT ROOT FILE…\n".utf8))
    exit(64)
}
let output = arguments[1]
let root = URL(fileURLWithPath: arguments[2]).standardizedFileURL.path
var rows: [String] = []
for file in arguments.dropFirst(3).sorted() {
    let path = URL(fileURLWithPath: file).standardizedFileURL.path
    guard path.hasPrefix(root + "/") else {
        FileHandle.standardError.write(Data("unroll-embed-lessons: \(path) is not under \(root)\n".utf8))
        exit(65)
    }
    guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("unroll-embed-lessons: cannot read \(path)\n".utf8))
        exit(66)
    }
    let relative = String(path.dropFirst(root.count + 1))
    let escaped = relative.unicodeScalars.map { s -> String in
        s == "\"" || s == "\\" || s.value < 0x20 ? "\\u{\(String(s.value, radix: 16))}" : String(s)
    }.joined()
    rows.append("        (\"\(escaped)\", \"\(data.base64EncodedString())\"),")
}
let source = """
// Generated at build time by unroll-embed-lessons from the repository's lessons/ folder. Do not edit.

extension ShippedLessonFiles {
    /// Every file under `lessons/`: its path relative to that folder, and its bytes in base64.
    public static let base64: [(path: String, contents: String)] = [
\(rows.joined(separator: "\n"))
    ]
}

"""
do {
    try Data(source.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
} catch {
    FileHandle.standardError.write(Data("unroll-embed-lessons: cannot write \(output): \(error)\n".utf8))
    exit(73)
}
