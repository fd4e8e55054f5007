#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Counts the bytes this thread has passed to `write(2)`, from Linux's `/proc/thread-self/io`.
///
/// ncurses writes its output buffer straight to the terminal's file descriptor (a `FILE*` from
/// `fopencookie` is bypassed), so the session measures a frame as the difference of this
/// counter around `doupdate()`, during which the thread writes nothing else.
/// Unavailable (nil) on systems without that file.
public enum WriteCounter {
    /// The `wchar` total of the calling thread, or nil when `/proc/thread-self/io` is unreadable.
    ///
    /// - Complexity: one open, read and close of a small proc file (a few microseconds).
    public static func current() -> Int? {
        let fd = open("/proc/thread-self/io", O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: 512)
        let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard n > 0 else { return nil }
        return parseWrittenBytes(String(decoding: bytes[0..<n], as: UTF8.self))
    }

    /// The value of the `wchar:` line of a `/proc/*/io` text, or nil when absent.
    public static func parseWrittenBytes(_ text: String) -> Int? {
        for line in text.split(separator: "\n") where line.hasPrefix("wchar:") {
            return Int(line.dropFirst("wchar:".count).drop(while: { $0 == " " }))
        }
        return nil
    }
}
