import Crypto
import Foundation
import NIOSSH

/// The server's Ed25519 host key, generated on first start and kept in the state folder (mode
/// 0600), so students' clients see the same key every week and warn only if it changes.
public enum HostKey {
    /// The key file's name inside the state folder.
    public static let fileName = "host_ed25519"

    /// What can go wrong keeping the key.
    public struct KeyError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Loads the key at `folder/host_ed25519`, or creates it (and the folder, mode 0700) on first start.
    /// The file holds the 32-byte seed as hex; a file that is not that, or that others may read, is refused.
    public static func loadOrCreate(folder: String) throws(KeyError) -> ServerHostKey {
        let path = folder + "/" + fileName
        if FileManager.default.fileExists(atPath: path) {
            var info = stat()
            guard stat(path, &info) == 0 else { throw KeyError(description: "\(path): cannot be read") }
            guard info.st_mode & 0o077 == 0 else {
                throw KeyError(description: "\(path): others may read the host key (mode \(String(info.st_mode & 0o777, radix: 8))); expected 0600 (chmod 600 \(path))")
            }
            guard let data = FileManager.default.contents(atPath: path),
                  let text = String(data: data, encoding: .utf8),
                  let seed = hexBytes(text.trimmingCharacters(in: .whitespacesAndNewlines)), seed.count == 32,
                  let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed) else {
                throw KeyError(description: "\(path): expected 64 hex digits (an Ed25519 host key); move it away to make a new one")
            }
            return ServerHostKey(key: key)
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw KeyError(description: "\(folder): cannot create the state folder (\(error.localizedDescription))")
        }
        let key = Curve25519.Signing.PrivateKey()
        let hex = key.rawRepresentation.map { String(format: "%02x", $0) }.joined() + "\n"
        // Created 0600 before any byte is written: the key is never readable by others.
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw KeyError(description: "\(path): cannot create the host key (\(String(cString: strerror(errno))))") }
        defer { close(fd) }
        let bytes = Array(hex.utf8)
        guard write(fd, bytes, bytes.count) == bytes.count, fsync(fd) == 0 else {
            throw KeyError(description: "\(path): cannot write the host key (\(String(cString: strerror(errno))))")
        }
        return ServerHostKey(key: key)
    }

    /// The key's SHA256 fingerprint as `ssh-keygen -l` prints it (`SHA256:…`, base64 without padding).
    public static func fingerprint(_ key: NIOSSHPublicKey) -> String {
        let line = String(openSSHPublicKey: key)
        let parts = line.split(separator: " ")
        guard parts.count >= 2, let blob = Data(base64Encoded: String(parts[1])) else { return "?" }
        var b64 = Data(SHA256.hash(data: blob)).base64EncodedString()
        while b64.hasSuffix("=") { b64.removeLast() }
        return "SHA256:" + b64
    }

    static func hexBytes(_ text: String) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 2)
        var i = 0
        while i < chars.count {
            guard let hi = hexDigit(chars[i]), let lo = hexDigit(chars[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }

    private static func hexDigit(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x61...0x66: return c - 0x61 + 10
        case 0x41...0x46: return c - 0x41 + 10
        default: return nil
        }
    }
}

/// The server's host key as the command line holds it (without importing Crypto).
public struct ServerHostKey: Sendable {
    /// The 32-byte Ed25519 seed.
    public let seed: [UInt8]

    public init(key: Curve25519.Signing.PrivateKey = Curve25519.Signing.PrivateKey()) { seed = Array(key.rawRepresentation) }

    /// The private key.
    public var key: Curve25519.Signing.PrivateKey {
        // The seed came from a valid key, so it is a valid key.
        (try? Curve25519.Signing.PrivateKey(rawRepresentation: seed)) ?? Curve25519.Signing.PrivateKey()
    }

    /// The SHA256 fingerprint clients show (`ssh-keygen -l`).
    public var fingerprint: String { HostKey.fingerprint(NIOSSHPrivateKey(ed25519Key: key).publicKey) }
}
