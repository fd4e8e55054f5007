import Foundation

/// Finds the shipped `lessons/` folder and resolves a model argument (a path or a shipped name).
public enum ModelLocator {
    /// Candidate `lessons` folders, best first: `$UNROLL_LESSONS`, `./lessons`, then beside the executable
    /// (`.build/debug/unroll` → the package root's `lessons`).
    public static func lessonsDirectories() -> [String] {
        var dirs: [String] = []
        if let env = ProcessInfo.processInfo.environment["UNROLL_LESSONS"], !env.isEmpty { dirs.append(env) }
        dirs.append(FileManager.default.currentDirectoryPath + "/lessons")
        let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
        var up = exe
        for _ in 0..<4 {
            dirs.append(up.appendingPathComponent("lessons").path)
            up = up.deletingLastPathComponent()
        }
        return dirs
    }

    /// The first existing `lessons` folder.
    public static func lessonsDirectory() -> String? {
        var isDir: ObjCBool = false
        return lessonsDirectories().first { FileManager.default.fileExists(atPath: $0, isDirectory: &isDir) && isDir.boolValue }
    }

    /// The path of a model argument: an existing file as given, else a shipped model named
    /// `NAME` in `lessons/models/` (`NAME.json` or `NAME.model.json`); nil when neither exists.
    public static func resolve(_ argument: String) -> String? {
        if FileManager.default.fileExists(atPath: argument) { return argument }
        guard !argument.contains("/"), !argument.hasPrefix("."), let dir = lessonsDirectory() else { return nil }
        for candidate in ["\(argument).json", "\(argument).model.json", argument] {
            let path = "\(dir)/models/\(candidate)"
            if FileManager.default.fileExists(atPath: path) { return path }
        }
        return nil
    }

    /// Loads a model by path or shipped name; a missing one is a `.notFound` error naming it.
    public static func load(_ argument: String) throws -> RecurrentModel {
        guard let path = resolve(argument) else {
            throw ModelFileError(kind: .notFound, file: argument, key: nil,
                                 message: "no such model file or shipped model name (shipped: \(shippedNames().joined(separator: ", ")))")
        }
        return try ModelFile.load(path: path)
    }

    /// The names of the models shipped in `lessons/models/`.
    public static func shippedNames() -> [String] {
        guard let dir = lessonsDirectory(),
              let files = try? FileManager.default.contentsOfDirectory(atPath: dir + "/models") else { return [] }
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }
}
