import ArgumentParser
import CUnrollStartup
import Foundation
import UnrollTerminal
#if canImport(Glibc)
import Glibc
#endif

/// A command that may take over the terminal (the tutor, a lesson, the labs).
protocol FullScreenCommand {
    /// Whether this invocation would open the full screen (no `--plain`, no `--frame`).
    var mayOpenFullScreen: Bool { get }
}

/// Where a crash of the full-screen tutor leaves its report, and how it gets there.
///
/// Swift's backtracer, after a crash on a terminal, asks "Press space to interact…" and holds the
/// process ~30 s. It reads `SWIFT_BACKTRACE` once, when the runtime loads (a `setenv` later
/// changes nothing: measured). In the installed, statically linked binary a C constructor
/// (`CUnrollStartup`) sets `SWIFT_BACKTRACE=interactive=no,output-to=DIR` before the runtime reads
/// it, DIR being `$XDG_STATE_HOME/unroll/crashes` (default `~/.local/state/unroll/crashes`). Where the
/// runtime is a shared library (debug builds) that is too late, so before a full-screen command
/// starts on a terminal the binary re-executes itself once (`/proc/self/exe`) with those settings. After a crash, `CrashGuard` restores the terminal
/// and prints one line naming that folder. A `SWIFT_BACKTRACE` the user set is left alone.
enum CrashReport {
    /// Marks the re-executed process, holding the crash folder.
    static let folderVariable = "UNROLL_CRASH_REPORTS"

    /// Re-executes with the backtracer configured, or (in the re-executed process) sets the
    /// crash notice; does nothing unless `command` may open the full screen on a terminal.
    static func prepare(for command: any ParsableCommand) {
        guard let screen = command as? FullScreenCommand, screen.mayOpenFullScreen,
              isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { return }
        let environment = ProcessInfo.processInfo.environment
        // Set by the startup constructor (static runtime) or by the re-execution below.
        if let folder = environment[folderVariable], environment["SWIFT_BACKTRACE"] == settings(folder: folder) {
            CrashGuard.setNotice(notice(folder: folder))
            return
        }
        guard environment["SWIFT_BACKTRACE"] == nil else { return }
        if unroll_startup_static_runtime() != 0 {
            // The startup constructor found no backtracer where a static runtime looks for it: a crash
            // ends the process at once (no prompt), and there is no report to point at.
            CrashGuard.setNotice(noReportNotice)
            return
        }
        guard let folder = folder(environment), !folder.contains(","),
              (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])) != nil else { return }
        setenv("SWIFT_BACKTRACE", settings(folder: folder), 1)
        setenv(folderVariable, folder, 1)
        // The file /proc/self/exe names, not the link: the process keeps its name ("unroll", not "exe").
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? "/proc/self/exe"
        execv(executable, CommandLine.unsafeArgv)
        // exec failed: go on in this process, with the backtracer as it was.
        unsetenv("SWIFT_BACKTRACE")
        unsetenv(folderVariable)
    }

    /// The backtracer settings: not interactive, the report into `folder`.
    static func settings(folder: String) -> String { "interactive=no,output-to=\(folder)" }

    /// `$XDG_STATE_HOME/unroll/crashes`, else `$HOME/.local/state/unroll/crashes`.
    static func folder(_ environment: [String: String]) -> String? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/unroll/crashes" }
        guard let home = environment["HOME"], home.hasPrefix("/") else { return nil }
        return home + "/.local/state/unroll/crashes"
    }

    /// The line printed after a crash when no backtracer is installed beside a static binary.
    static let noReportNotice = "unroll: crashed; the terminal is restored (no crash report: install swift-backtrace-static "
        + "beside unroll as swift-backtrace to get one)"

    /// The one line printed after a crash.
    static func notice(folder: String) -> String {
        "unroll: crashed; the terminal is restored and a crash report is being written to \(folder)/ (unroll-\(getpid())-*.log)"
    }
}
