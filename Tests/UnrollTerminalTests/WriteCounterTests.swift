import Testing
import UnrollTerminal
#if canImport(Glibc)
import Glibc
#endif

@Suite struct WriteCounterTests {
    @Test func parsesTheWcharLine() {
        let text = "rchar: 4100\nwchar: 1234\nsyscr: 9\nsyscw: 3\nread_bytes: 0\nwrite_bytes: 0\ncancelled_write_bytes: 0\n"
        #expect(WriteCounter.parseWrittenBytes(text) == 1234)
        #expect(WriteCounter.parseWrittenBytes("rchar: 1\n") == nil)
        #expect(WriteCounter.parseWrittenBytes("wchar: x\n") == nil)
    }

    #if os(Linux)
    @Test func countsThisThreadsWrites() throws {
        let fd = open("/dev/null", O_WRONLY)
        try #require(fd >= 0)
        defer { close(fd) }
        let before = try #require(WriteCounter.current())
        let bytes = [UInt8](repeating: 65, count: 1000)
        #expect(write(fd, bytes, bytes.count) == 1000)
        let after = try #require(WriteCounter.current())
        #expect(after - before >= 1000)
        #expect(after - before < 1100)
    }
    #endif
}
