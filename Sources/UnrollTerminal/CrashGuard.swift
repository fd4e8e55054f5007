@preconcurrency import CNcursesw
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Restores the terminal when the process crashes, so the crash report prints on a sane screen.
///
/// Swift traps arrive as SIGILL (x86_64) or SIGTRAP (arm64); memory errors as SIGSEGV/SIGBUS.
/// The handler calls `endwin()` while curses is active, reinstalls the previous handler (the
/// Swift runtime's backtracer, or the default) and re-raises, so the crash proceeds as before.
public enum CrashGuard {
    /// The signals a crash arrives as.
    public static let crashSignals: [Int32] = [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE]

    /// Installs the chaining handlers. Idempotent.
    public static func install() {
        guard !installed else { return }
        _ = cursesActive  // initialise the lazy globals here, never inside the handler
        for signal in crashSignals {
            SignalAction.install(signal, handler: restoreTerminalAndReraise, restart: true,
                                 saveInto: savedActions + Int(signal))
        }
        installed = true
    }

    /// Puts back the handlers found by `install()`. Idempotent.
    public static func uninstall() {
        guard installed else { return }
        for signal in crashSignals { SignalAction.restore(signal, from: savedActions) }
        installed = false
    }

    /// Whether a curses screen is up (set by `TerminalSession`): the handler only calls `endwin` then.
    static var isCursesActive: Bool {
        get { cursesActive.pointee != 0 }
        set { cursesActive.pointee = newValue ? 1 : 0 }
    }

    nonisolated(unsafe) private static var installed = false
    nonisolated(unsafe) fileprivate static let cursesActive: UnsafeMutablePointer<Int32> = {
        let p = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
        p.initialize(to: 0)
        return p
    }()
    nonisolated(unsafe) fileprivate static let savedActions = SignalAction.table()
}

/// The crash handler: `endwin` if curses is up, reinstall the previous handler, re-raise.
private func restoreTerminalAndReraise(_ signal: Int32) {
    if CrashGuard.cursesActive.pointee != 0 {
        CrashGuard.cursesActive.pointee = 0
        endwin()
    }
    sigaction(signal, CrashGuard.savedActions + Int(signal), nil)
    raise(signal)
}
