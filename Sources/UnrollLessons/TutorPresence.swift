import Foundation
import UnrollCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which tutors are keeping progress in one folder right now, and from where: so a shared login
/// (one lab account, one course-server user) can say that it shares progress between people.
///
/// Each running tutor holds an exclusive `flock` on `.tutor-<pid>` in the progress folder for as long
/// as it runs; the file says where the tutor runs (host, and the SSH client's address or the tty).
/// A file whose lock can be taken belongs to a tutor that has gone (even killed with SIGKILL: the
/// kernel drops the lock with the process) and is removed. Nothing else is read or written.
public final class TutorPresence: Sendable {
    /// Where a tutor runs.
    public struct Place: Sendable, Equatable {
        /// The machine's host name.
        public let host: String
        /// The SSH client's address when the tutor runs over SSH.
        public let sshClient: String?
        /// The terminal, when there is one (e.g. `/dev/pts/3`).
        public let terminal: String?

        public init(host: String, sshClient: String?, terminal: String?) {
            self.host = host
            self.sshClient = sshClient
            self.terminal = terminal
        }

        /// This process's place, from `environment` (`SSH_CONNECTION`) and the standard input's tty.
        public static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> Place {
            let client = environment["SSH_CONNECTION"].flatMap { $0.split(separator: " ").first.map(String.init) }
            let tty = ttyname(0).map { String(cString: $0) }
            return Place(host: ProcessInfo.processInfo.hostName, sshClient: client, terminal: tty)
        }

        /// Whether two tutors are likely one person (same machine, and the same SSH client if any).
        public func isSamePerson(as other: Place) -> Bool {
            host == other.host && sshClient == other.sshClient
        }

        /// "from 10.0.0.7" / "on lab-3" / "on /dev/pts/3": for a one-line notice.
        public var phrase: String {
            if let sshClient { return "from \(sshClient)" }
            if let terminal { return "on \(host) \(terminal)" }
            return "on \(host)"
        }

        /// The file's text: three lines, host, SSH client ("-" when none), terminal ("-").
        var fileText: String { [host, sshClient ?? "-", terminal ?? "-"].map(Self.field).joined(separator: "\n") + "\n" }

        /// A place read back from a presence file (at most 512 bytes, made terminal-safe).
        init?(fileText: String) {
            let lines = fileText.split(separator: "\n", omittingEmptySubsequences: false).map { Self.field(String($0)) }
            guard lines.count >= 3, !lines[0].isEmpty else { return nil }
            host = lines[0]
            sshClient = lines[1] == "-" ? nil : lines[1]
            terminal = lines[2] == "-" ? nil : lines[2]
        }

        private static func field(_ s: String) -> String {
            TerminalSafe.line(String(s.prefix(80))).replacingOccurrences(of: "\n", with: " ")
        }
    }

    /// The folder the presence files are in.
    public let directory: String
    /// This tutor's place.
    public let place: Place
    /// The other tutors running when this one registered.
    public let others: [Place]
    private let descriptor: Int32
    private let file: String

    /// Registers this process in `directory` (created if missing); nil when the folder cannot be
    /// used (the tutor then runs without the notice: presence is advice, never a reason to stop).
    public static func register(in directory: String, place: Place = .current(),
                                pid: Int32 = getpid()) -> TutorPresence? {
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        let others = liveTutors(in: directory, except: pid)
        let file = (directory as NSString).appendingPathComponent("\(prefix)\(pid)")
        let fd = open(file, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return nil }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { close(fd); return nil }
        _ = ftruncate(fd, 0)
        let bytes = Array(place.fileText.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count else { close(fd); unlink(file); return nil }
        return TutorPresence(directory: directory, place: place, others: others, descriptor: fd, file: file)
    }

    private init(directory: String, place: Place, others: [Place], descriptor: Int32, file: String) {
        self.directory = directory
        self.place = place
        self.others = others
        self.descriptor = descriptor
        self.file = file
    }

    deinit {
        unlink(file)
        close(descriptor)
    }

    /// The notice for a shared login: set when another tutor, run by someone elsewhere, keeps its
    /// progress in the same folder right now.
    public var sharedLoginNotice: String? {
        guard let other = others.first(where: { !$0.isSamePerson(as: place) }) else { return nil }
        return "progress shared with a tutor \(other.phrase): --profile NAME keeps yours apart"
    }

    static let prefix = ".tutor-"

    /// The places of live tutors in `directory` other than `pid`; files of tutors that are gone are removed.
    static func liveTutors(in directory: String, except pid: Int32) -> [Place] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        var places: [Place] = []
        for name in names.sorted() where name.hasPrefix(prefix) {
            guard let owner = Int32(name.dropFirst(prefix.count)), owner != pid else { continue }
            let path = (directory as NSString).appendingPathComponent(name)
            let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            var info = stat()
            guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            if flock(fd, LOCK_SH | LOCK_NB) == 0 {
                // Nobody holds it: the tutor is gone.
                unlink(path)
                continue
            }
            var buffer = [UInt8](repeating: 0, count: 512)
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard n > 0, let place = Place(fileText: String(decoding: buffer[0..<n], as: UTF8.self)) else { continue }
            places.append(place)
        }
        return places
    }
}
