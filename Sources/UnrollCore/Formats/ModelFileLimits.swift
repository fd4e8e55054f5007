#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The caps on a model file, checked before anything is allocated from what the file declares.
///
/// - A file is at most `maxFileBytes` (64 MiB), checked with `fstat` before it is read.
/// - A declared size (`input_size`, `hidden_size`, `decoder_input_size`) is at most `maxDimension` (100,000).
/// - A model has at most `maxParameters` (16,777,216 = 2²⁴, 128 MiB of doubles) scalars, and every required
///   weight matrix must be present in `state_dict` with the declared shape before any parameter vector of
///   the declared size is made: a 12 KB file declaring a 100,000 × 100,000 matrix is refused, never allocated.
/// - Nesting is at most `JSONReader.defaultMaxDepth` (64) arrays and objects.
public enum ModelFileLimits {
    /// The largest model file read: 64 MiB.
    public static let maxFileBytes = 64 << 20
    /// The largest declared input or hidden size.
    public static let maxDimension = 100_000
    /// The most parameters (weights and biases) one model may have.
    public static let maxParameters = 1 << 24

    /// The bytes of a model file: refuses a missing or unreadable path, a directory or device, and a file
    /// over `maxFileBytes` (by its `fstat` size, before reading; a file that grows while read is cut off at the cap).
    public static func read(path: String) throws(ModelFileError) -> Data {
        func fail(_ kind: ModelFileError.Kind, _ message: String) -> ModelFileError {
            ModelFileError(kind: kind, file: path, key: nil, message: message)
        }
        // Non-blocking, so a FIFO in place of a model file cannot hang the open (it is then refused as not regular).
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw fail(.notFound, "no such model file") }
            throw fail(.notFound, "cannot read the file (\(String(cString: strerror(code))))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw fail(.notFound, "cannot read the file (\(String(cString: strerror(errno))))") }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw fail(.malformed, "not a regular file (expected a JSON model file)") }
        let size = Int(info.st_size)
        guard size <= maxFileBytes else {
            throw fail(.malformed, "the file is \(size) bytes, more than the \(maxFileBytes >> 20) MiB (\(maxFileBytes) bytes) a model file may be")
        }
        var data = Data(count: size)
        var total = 0
        var readError: Int32 = 0
        data.withUnsafeMutableBytes { raw in
            guard let base = raw.baseAddress else { return }
            while total < size {
                let n = Glibc.read(fd, base + total, size - total)
                if n < 0 {
                    if errno == EINTR { continue }
                    readError = errno
                    return
                }
                if n == 0 { break }
                total += n
            }
        }
        if readError != 0 { throw fail(.notFound, "cannot read the file (\(String(cString: strerror(readError))))") }
        if total < size { data.removeSubrange(total...) }
        return data
    }
}

#if canImport(Darwin)
private enum Glibc {
    static func read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int { Darwin.read(fd, buffer, count) }
}
#endif
