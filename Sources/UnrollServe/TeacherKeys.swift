import Foundation
import NIOSSH

/// The teachers' public keys, read from an `authorized_keys` file (`--teacher-keys`).
///
/// One key per line: `type base64 [comment]`, optionally after options (`from="…",no-pty …`,
/// which are not honoured here: a listed key is a teacher). Blank lines and `#` comments are
/// skipped; a line that holds no key Unroll can read is an error naming its line.
public struct TeacherKeys: Sendable {
    public let keys: Set<NIOSSHPublicKey>

    public init(keys: Set<NIOSSHPublicKey>) { self.keys = keys }

    public struct ParseError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Parses the file's text; `name` is the file named in errors.
    public static func parse(_ text: String, name: String) throws(ParseError) -> TeacherKeys {
        var keys = Set<NIOSSHPublicKey>()
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            // The key starts at the first field that names a key type; options come before it.
            if let rsa = fields.first(where: { $0 == "ssh-rsa" || $0 == "ssh-dss" || $0.hasPrefix("rsa-sha2-") }) {
                // swift-nio-ssh (0.15.1) verifies Ed25519 and ECDSA signatures only.
                throw ParseError(description: "\(name):\(n + 1): \(rsa) keys cannot sign in to unroll serve; "
                                 + "make an Ed25519 key (ssh-keygen -t ed25519) and list its .pub line")
            }
            guard let start = fields.firstIndex(where: { $0.hasPrefix("ssh-") || $0.hasPrefix("ecdsa-") }), start + 1 < fields.count,
                  let key = try? NIOSSHPublicKey(openSSHPublicKey: fields[start] + " " + fields[start + 1]) else {
                throw ParseError(description: "\(name):\(n + 1): expected a public key (ssh-ed25519 or ecdsa-sha2-nistp256/384/521, then base64)")
            }
            keys.insert(key)
        }
        return TeacherKeys(keys: keys)
    }

    /// Reads and parses a file.
    public static func load(path: String) throws(ParseError) -> TeacherKeys {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ParseError(description: "\(path): cannot be read")
        }
        return try parse(text, name: path)
    }
}
