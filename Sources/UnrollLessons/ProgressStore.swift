import Foundation

/// Keeps `StudyProgress` in `progress.json` under `$XDG_STATE_HOME/unroll` (default `~/.local/state/unroll`).
///
/// Writes are atomic: a temporary file in the same folder, then `rename(2)`, so a crash leaves either
/// the old file or the new one. A file that cannot be read is moved aside to
/// `progress.json.corrupt-<unix time>`, reported once, and the student starts fresh.
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

    /// `$XDG_STATE_HOME/unroll` when XDG_STATE_HOME is an absolute path, else `$HOME/.local/state/unroll`.
    public static func defaultDirectory(environment: [String: String]) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return (state as NSString).appendingPathComponent("unroll")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(".local/state/unroll")
    }

    public var path: String { (directory as NSString).appendingPathComponent("progress.json") }

    /// What `load` found.
    public struct Loaded: Sendable {
        public let progress: StudyProgress
        /// Set when the file was unreadable and moved aside: one line for the UI.
        public let notice: String?
    }

    /// The saved progress; fresh when there is none; fresh with a notice when the file was corrupt.
    public func load(now: Date = Date()) -> Loaded {
        guard FileManager.default.fileExists(atPath: path) else { return Loaded(progress: StudyProgress(), notice: nil) }
        guard let data = FileManager.default.contents(atPath: path) else {
            return Loaded(progress: StudyProgress(), notice: "cannot read \(path); progress starts fresh")
        }
        do {
            let progress = try JSONDecoder().decode(StudyProgress.self, from: data)
            guard progress.version == StudyProgress.currentVersion else {
                return moveAside(reason: "version \(progress.version) is not \(StudyProgress.currentVersion)", now: now)
            }
            return Loaded(progress: progress, notice: nil)
        } catch {
            return moveAside(reason: "it is not valid progress JSON", now: now)
        }
    }

    private func moveAside(reason: String, now: Date) -> Loaded {
        let aside = path + ".corrupt-\(Int(now.timeIntervalSince1970))"
        do {
            if FileManager.default.fileExists(atPath: aside) { try FileManager.default.removeItem(atPath: aside) }
            try FileManager.default.moveItem(atPath: path, toPath: aside)
            return Loaded(progress: StudyProgress(), notice: "progress file was unreadable (\(reason)): moved to \(aside); starting fresh")
        } catch {
            return Loaded(progress: StudyProgress(), notice: "progress file was unreadable (\(reason)) and could not be moved aside; starting fresh")
        }
    }

    /// Writes `progress` atomically (temporary file + rename), creating the folder if needed.
    public func save(_ progress: StudyProgress) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(progress)
        let temporary = (directory as NSString).appendingPathComponent(".progress.json.tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        guard FileManager.default.createFile(atPath: temporary, contents: data) else {
            throw ProgressStoreError(message: "cannot write \(temporary)")
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            try? FileManager.default.removeItem(atPath: temporary)
            throw ProgressStoreError(message: "cannot replace \(path): \(String(cString: strerror(code)))")
        }
    }

    /// Loads, changes and saves in one go; returns the load notice, if any.
    @discardableResult
    public func update(_ change: (inout StudyProgress) -> Void) throws -> String? {
        let loaded = load()
        var progress = loaded.progress
        change(&progress)
        try save(progress)
        return loaded.notice
    }

    /// Deletes the progress file (the folder and any moved-aside files stay).
    public func reset() throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        try FileManager.default.removeItem(atPath: path)
    }
}

/// Why progress could not be saved.
public struct ProgressStoreError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
