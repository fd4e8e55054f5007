import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file named on the command line for writing (`--out PATH`), written without harming what is
/// there: only a regular file (or a new one) is ever replaced, a symlink is followed to the file
/// it names, and the bytes land atomically (a temporary file beside the target, then `rename`).
///
/// So `--out /dev/full`, `--out some-dir` or `--out a-fifo` are refused before any work, and a
/// symlink stays a symlink, pointing at the new contents.
enum OutputFile {
    /// Why a path cannot be written.
    struct Refusal: Error, Equatable, CustomStringConvertible {
        let path: String
        let reason: String
        var description: String { "\(path): \(reason)" }
    }

    /// The file to replace for `path`: `path` itself, or where its chain of symlinks ends.
    /// - Throws: `Refusal` when that is something other than a regular file (or nothing yet),
    ///   when the links loop, or when the folder it would go in does not exist.
    static func target(_ path: String) throws(Refusal) -> String {
        guard !path.isEmpty else { throw Refusal(path: path, reason: "empty path") }
        var current = path
        for _ in 0..<40 {
            var info = stat()
            if lstat(current, &info) != 0 {
                guard errno == ENOENT else { throw Refusal(path: path, reason: String(cString: strerror(errno))) }
                let folder = (current as NSString).deletingLastPathComponent
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: folder.isEmpty ? "." : folder, isDirectory: &isDirectory),
                      isDirectory.boolValue else {
                    throw Refusal(path: path, reason: "the folder \(folder) does not exist")
                }
                return current
            }
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                return current
            case S_IFLNK:
                guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else {
                    throw Refusal(path: path, reason: "cannot read the symlink \(current)")
                }
                current = destination.hasPrefix("/") ? destination
                    : ((current as NSString).deletingLastPathComponent as NSString).appendingPathComponent(destination)
            default:
                throw Refusal(path: path, reason: "\(kind(info.st_mode)) is not a regular file; --out only writes regular files")
            }
        }
        throw Refusal(path: path, reason: "too many levels of symlinks")
    }

    /// Writes `data` to `path`'s target (see `target(_:)`) atomically, keeping an existing file's mode.
    static func write(_ data: Data, to path: String) throws {
        let destination = try target(path)
        let folder = (destination as NSString).deletingLastPathComponent
        let name = (destination as NSString).lastPathComponent
        var mode: mode_t = 0o644
        var info = stat()
        if stat(destination, &info) == 0 { mode = info.st_mode & 0o7777 }
        let temporary = (folder.isEmpty ? "." : folder) + "/.\(name).unroll-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw Refusal(path: path, reason: "cannot create \(temporary): \(String(cString: strerror(errno)))") }
        var ok = true
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count, let base = raw.baseAddress {
                let n = Glibc.write(fd, base + offset, raw.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { ok = false; return }
                offset += n
            }
        }
        let failure = String(cString: strerror(errno))
        if ok && fsync(fd) != 0 { ok = false }
        close(fd)
        guard ok, rename(temporary, destination) == 0 else {
            unlink(temporary)
            throw Refusal(path: path, reason: "cannot write: \(failure)")
        }
    }

    private static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: return "a directory"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFIFO: return "a fifo"
        case S_IFSOCK: return "a socket"
        default: return "a special file"
        }
    }
}
