import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps `StudyProgress` in `progress.json` under `$XDG_STATE_HOME/unroll` (default `~/.local/state/unroll`).
///
/// Two tutors may run at once (two terminals, one student): every load-modify-save holds an advisory
/// `flock` on `.progress.lock` in the folder, re-reads the file under the lock and merges, so no
/// answer is lost. Writes are atomic: a temporary file named `.unroll-progress-<pid>-<n>.tmp` in the
/// same folder, then `rename(2)`; temporary files left by a killed tutor (dead pid, or older than an
/// hour) are removed on the next load. A file that cannot be read as progress is moved aside to
/// `progress.json.corrupt-<unix time>`, reported once, and the student starts fresh; out-of-range
/// values in a readable file are repaired (see `ProgressFile`) and reported.
public struct ProgressStore: Sendable {
    /// The folder holding `progress.json`.
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// The store in the default folder for `environment`.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.init(directory: Self.defaultDirectory(environment: environment))
    }

    /// The store of one person's progress on this login: `profile` nil is the login's own file.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment, profile: ProgressProfile?) {
        let base = Self.defaultDirectory(environment: environment)
        self.init(directory: profile.map { $0.directory(in: base) } ?? base)
    }

    /// `$XDG_STATE_HOME/unroll` when XDG_STATE_HOME is an absolute path, else `$HOME/.local/state/unroll`.
    public static func defaultDirectory(environment: [String: String]) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return (state as NSString).appendingPathComponent("unroll")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(".local/state/unroll")
    }

    public var path: String { (directory as NSString).appendingPathComponent("progress.json") }
    /// The file writers lock (it stays; removing a lock file would race with its users).
    public var lockPath: String { (directory as NSString).appendingPathComponent(".progress.lock") }

    /// Temporary files are `.unroll-progress-<pid>-<random>.tmp`.
    static let temporaryPrefix = ".unroll-progress-"
    static let temporarySuffix = ".tmp"
    /// Older releases wrote `.progress.json.tmp-<pid>-<random>`; those are cleaned too.
    static let legacyTemporaryPrefix = ".progress.json.tmp-"
    /// A temporary file older than this is stale even when its pid is alive (pids are reused).
    public static let staleAge: TimeInterval = 3600

    /// What `load` found.
    public struct Loaded: Sendable {
        public let progress: StudyProgress
        /// Set when the file was unreadable (moved aside) or repaired: one line for the UI.
        public let notice: String?
    }

    /// The saved progress; fresh when there is none; fresh or repaired, with a notice, when the file was bad.
    public func load(now: Date = Date()) -> Loaded {
        if let problem = blockedFolder() {
            return Loaded(progress: StudyProgress(), notice: "progress is not being saved: \(problem)")
        }
        removeStaleTemporaryFiles(now: now)
        guard isDirectory(directory) else { return readUnlocked(now: now) }
        // Reading may move a corrupt file aside, so it takes the writers' lock when it can (a
        // read-only folder is still read, without it).
        return (try? withLock { readUnlocked(now: now) }) ?? readUnlocked(now: now)
    }

    /// Writes `progress` merged into what is saved (another tutor may have saved since it was loaded).
    public func save(_ progress: StudyProgress) throws(ProgressStoreError) {
        try ensureDirectory()
        try withLock { () throws(ProgressStoreError) in
            let saved = readUnlocked(now: Date()).progress
            try write(saved.merged(with: progress))
        }
    }

    /// Loads, changes and saves under the lock, so concurrent tutors never overwrite each other's
    /// changes; returns the load notice, if any.
    @discardableResult
    public func update(now: Date = Date(), _ change: (inout StudyProgress) -> Void) throws(ProgressStoreError) -> String? {
        try ensureDirectory()
        return try withLock { () throws(ProgressStoreError) -> String? in
            let loaded = readUnlocked(now: now)
            var progress = loaded.progress
            change(&progress)
            try write(progress)
            return loaded.notice
        }
    }

    /// Deletes the progress file (the folder, the lock and any moved-aside files stay).
    public func reset() throws(ProgressStoreError) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard (info.st_mode & S_IFMT) != S_IFDIR else { throw ProgressStoreError(message: "\(path) is a folder, not a file") }
        try withLock { () throws(ProgressStoreError) in
            guard unlink(path) == 0 || errno == ENOENT else { throw ProgressStoreError(message: "cannot delete \(path): \(Self.reason(errno))") }
        }
    }

    /// Removes temporary files a killed tutor left: ours whose pid is gone, or any older than `staleAge`.
    @discardableResult
    public func removeStaleTemporaryFiles(now: Date = Date()) -> Int {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return 0 }
        var removed = 0
        for name in names {
            let rest: Substring
            if name.hasPrefix(Self.temporaryPrefix) && name.hasSuffix(Self.temporarySuffix) {
                rest = name.dropFirst(Self.temporaryPrefix.count).dropLast(Self.temporarySuffix.count)
            } else if name.hasPrefix(Self.legacyTemporaryPrefix) {
                rest = name.dropFirst(Self.legacyTemporaryPrefix.count)
            } else {
                continue
            }
            let file = (directory as NSString).appendingPathComponent(name)
            var info = stat()
            guard lstat(file, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            let pid = rest.split(separator: "-").first.flatMap { Int32($0) }
            let age = now.timeIntervalSince1970 - Double(info.st_mtim.tv_sec)
            let alive = pid.map { $0 > 0 && (kill($0, 0) == 0 || errno == EPERM) } ?? false
            if !alive || age > Self.staleAge {
                if unlink(file) == 0 { removed += 1 }
            }
        }
        return removed
    }

    // MARK: Reading and writing (callers hold the lock where they can)

    private func readUnlocked(now: Date) -> Loaded {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { return Loaded(progress: StudyProgress(), notice: nil) }
            return Loaded(progress: StudyProgress(), notice: "cannot read \(path) (\(Self.reason(errno))); progress starts fresh")
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return Loaded(progress: StudyProgress(), notice: "\(path) is a folder, not a file; progress starts fresh")
        default: return Loaded(progress: StudyProgress(), notice: "\(path) is not a regular file; progress starts fresh")
        }
        guard Int(info.st_size) <= ProgressFile.maxBytes else {
            return moveAside(reason: "it is \(info.st_size) bytes (at most \(ProgressFile.maxBytes))", now: now)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return Loaded(progress: StudyProgress(), notice: "cannot read \(path); progress starts fresh")
        }
        do {
            let (progress, repairs) = try ProgressFile.read(data)
            guard let first = repairs.first else { return Loaded(progress: progress, notice: nil) }
            let more = repairs.count > 1 ? " (and \(repairs.count - 1) more)" : ""
            return Loaded(progress: progress, notice: "progress file repaired: \(first)\(more)")
        } catch {
            return moveAside(reason: error.reason, now: now)
        }
    }

    private func moveAside(reason: String, now: Date) -> Loaded {
        let seconds = LessonInteger.clamped(now.timeIntervalSince1970, to: 0...Int(Int32.max) * 4, fallback: 0)
        let aside = path + ".corrupt-\(seconds)"
        do {
            if FileManager.default.fileExists(atPath: aside) { try FileManager.default.removeItem(atPath: aside) }
            try FileManager.default.moveItem(atPath: path, toPath: aside)
            return Loaded(progress: StudyProgress(), notice: "progress file was unreadable (\(reason)): moved to \(aside); starting fresh")
        } catch {
            return Loaded(progress: StudyProgress(), notice: "progress file was unreadable (\(reason)) and could not be moved aside; starting fresh")
        }
    }

    /// Writes `progress` atomically: a temporary file of ours in the folder, then renamed over `path`.
    private func write(_ progress: StudyProgress) throws(ProgressStoreError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data: Data
        do { data = try encoder.encode(progress) } catch { throw ProgressStoreError(message: "cannot encode the progress: \(error)") }
        var info = stat()
        if stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
            throw ProgressStoreError(message: "\(path) is a folder, not a file")
        }
        let temporary = (directory as NSString).appendingPathComponent(
            "\(Self.temporaryPrefix)\(getpid())-\(UInt32.random(in: 0...UInt32.max))\(Self.temporarySuffix)")
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ProgressStoreError(message: "cannot write in \(directory): \(Self.reason(errno))") }
        var failure: Int32? = nil
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count, let base = buffer.baseAddress {
                let n = systemWrite(fd, base + offset, buffer.count - offset)
                if n < 0 { if errno == EINTR { continue }; failure = errno; return }
                offset += n
            }
        }
        // No fsync: it costs ~100 ms on a busy disk, on the UI thread, for every step; the rename is
        // still atomic for every crash short of a power cut.
        close(fd)
        if let code = failure {
            unlink(temporary)
            throw ProgressStoreError(message: "cannot write in \(directory): \(Self.reason(code))")
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw ProgressStoreError(message: "cannot replace \(path): \(Self.reason(code))")
        }
    }

    /// Runs `body` holding an exclusive `flock` on the lock file (blocking until other writers finish).
    private func withLock<T>(_ body: () throws(ProgressStoreError) -> T) throws(ProgressStoreError) -> T {
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ProgressStoreError(message: "cannot write in \(directory): \(Self.reason(errno))") }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { throw ProgressStoreError(message: "cannot lock \(lockPath): \(Self.reason(errno))") }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    /// Creates the folder and its parents, with a reason a student can act on when it cannot.
    private func ensureDirectory() throws(ProgressStoreError) {
        var prefix = directory.hasPrefix("/") ? "" : "."
        for component in directory.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += "/" + component
            var info = stat()
            if stat(prefix, &info) == 0 {
                guard (info.st_mode & S_IFMT) == S_IFDIR else { throw ProgressStoreError(message: "\(prefix) is a file, not a folder") }
                continue
            }
            guard mkdir(prefix, 0o700) == 0 || errno == EEXIST else {
                throw ProgressStoreError(message: "cannot create \(prefix): \(Self.reason(errno))")
            }
        }
    }

    /// "X is a file, not a folder" when the folder or one of its parents exists as something else.
    private func blockedFolder() -> String? {
        var prefix = directory.hasPrefix("/") ? "" : "."
        for component in directory.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += "/" + component
            var info = stat()
            guard stat(prefix, &info) == 0 else { return nil }
            if (info.st_mode & S_IFMT) != S_IFDIR { return "\(prefix) is a file, not a folder" }
        }
        return nil
    }

    private func isDirectory(_ p: String) -> Bool {
        var info = stat()
        return stat(p, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// `strerror`, lower-cased as the rest of a message ("permission denied").
    static func reason(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        return text.prefix(1).lowercased() + text.dropFirst()
    }
}

/// Why progress could not be saved: one line naming the file or folder and the reason.
public struct ProgressStoreError: Error, Sendable, CustomStringConvertible, LocalizedError {
    public let message: String
    public var description: String { message }
    /// The message itself, so `localizedDescription` (as the CLI prints it) is the one line too.
    public var errorDescription: String? { message }
}

/// `write(2)` (the store's own `write` shadows the name).
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, buffer, count)
    #else
    return Darwin.write(fd, buffer, count)
    #endif
}
