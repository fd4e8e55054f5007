import Foundation

/// Runs the built `unroll` binary and captures what it printed.
enum CLI {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The products folder: where the test bundle and the `unroll` executable are built.
    static var binary: URL {
        var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").deletingLastPathComponent()
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            dir = bundle.bundleURL.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("unroll")
    }

    /// The repository root (two levels above this file's folder).
    static var root: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent() }

    static var fixtures: URL { root.appendingPathComponent("Tests/UnrollCoreTests/Fixtures") }

    static func run(_ arguments: [String], environment: [String: String] = [:], cwd: URL? = nil) throws -> Result {
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        return try run(arguments, replacingEnvironment: env, cwd: cwd)
    }

    /// Runs the binary with exactly `environment` (nothing inherited).
    static func run(_ arguments: [String], replacingEnvironment env: [String: String], cwd: URL? = nil) throws -> Result {
        let p = Process()
        p.executableURL = binary
        p.arguments = arguments
        p.environment = env
        p.currentDirectoryURL = cwd ?? fixtures
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }
}
