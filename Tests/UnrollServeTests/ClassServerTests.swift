import Foundation
import Testing
import UnrollCore
import UnrollLessons
@testable import UnrollServe

/// The server on a real socket (port 0 on 127.0.0.1), spoken to with raw TCP.
@Suite(.serialized) struct ClassServerTests {
    static func server(maximumConnections: Int = 200) throws -> (ClassServer, Int) {
        var configuration = ServeConfiguration(stateFolder: scratchFolder("server"), classCode: "code")
        configuration.port = 0
        configuration.maximumConnections = maximumConnections
        let classroom = ClassRoom(library: TestClass.library, lessons: LessonLibrary.builtIn)
        let server = ClassServer(configuration: configuration, classroom: classroom, hostKey: ServerHostKey(),
                                 teacherKeys: TeacherKeys(keys: []), threads: 1)
        return (server, try server.start())
    }

    /// A connected TCP socket to 127.0.0.1:port with a 5 s receive timeout.
    static func connect(_ port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let r = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Foundation.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        #expect(r == 0)
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    /// What the server sends first (its SSH version line), or "" when it closed the connection.
    static func greeting(_ fd: Int32) -> String {
        var bytes = [UInt8](repeating: 0, count: 256)
        let n = read(fd, &bytes, bytes.count)
        return n > 0 ? String(decoding: bytes[0..<n], as: UTF8.self) : ""
    }

    @Test func connectionsOverTheCapAreClosedAndTheOthersKept() throws {
        let (server, port) = try Self.server(maximumConnections: 2)
        defer { server.stop() }
        let a = try Self.connect(port), b = try Self.connect(port)
        defer { close(a); close(b) }
        #expect(Self.greeting(a).hasPrefix("SSH-2.0-"))
        #expect(Self.greeting(b).hasPrefix("SSH-2.0-"))
        let c = try Self.connect(port)
        #expect(Self.greeting(c) == "", "the third connection is closed at once")
        close(c)
        close(a)
        // A freed slot is usable again.
        var admitted = false
        for _ in 0..<50 where !admitted {
            let d = try Self.connect(port)
            admitted = Self.greeting(d).hasPrefix("SSH-2.0-")
            close(d)
            if !admitted { usleep(20_000) }
        }
        #expect(admitted)
    }

    @Test func garbageClosesThatConnectionOnly() throws {
        let (server, port) = try Self.server()
        defer { server.stop() }
        let good = try Self.connect(port)
        defer { close(good) }
        #expect(Self.greeting(good).hasPrefix("SSH-2.0-"))
        let bad = try Self.connect(port)
        _ = Self.greeting(bad)
        var rng = SeededRandomish(seed: 7)
        let junk = (0..<(1 << 20)).map { _ in rng.byte() }
        var sent = 0
        while sent < junk.count {
            let n = junk[sent...].withUnsafeBytes { send(bad, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { break }
            sent += n
        }
        // The server closes the bad connection: a read ends (0 or an error), it never blocks for good.
        var buffer = [UInt8](repeating: 0, count: 4096)
        var closed = false
        for _ in 0..<100 where !closed {
            let n = read(bad, &buffer, buffer.count)
            closed = n <= 0
        }
        close(bad)
        #expect(closed)
        // The good connection still talks SSH: it gets a key exchange reply to its version line.
        let hello = Array("SSH-2.0-test\r\n".utf8)
        _ = hello.withUnsafeBytes { send(good, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        #expect(read(good, &buffer, buffer.count) > 0, "the other connection is untouched")
        #expect(server.openCounts.connections >= 1)
    }
}

/// Bytes from a seeded generator (the repo's `SeededRandom`).
struct SeededRandomish {
    var rng: SeededRandom
    init(seed: UInt64) { rng = SeededRandom(seed: seed) }
    mutating func byte() -> UInt8 { UInt8(truncatingIfNeeded: rng.next()) }
}
