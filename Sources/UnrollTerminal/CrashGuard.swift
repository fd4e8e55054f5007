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
/// With a `setNotice` line it first says where the report goes.
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

    /// A line the handler writes on standard error after restoring the terminal, e.g. where the
    /// crash report goes; nil for none. Set it before the screen starts (the handler only reads).
    public static func setNotice(_ line: String?) {
        let old = notice.pointee
        guard let line else {
            notice.pointee = nil
            old?.deallocate()
            return
        }
        let bytes = Array((line + "\n").utf8)
        let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
        _ = copy.initialize(from: bytes)
        notice.pointee = copy
        old?.deallocate()
    }

    /// The notice's bytes (for tests), or nil.
    public static var noticeText: String? {
        notice.pointee.map { String(decoding: UnsafeBufferPointer($0), as: UTF8.self) }
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
    nonisolated(unsafe) fileprivate static let notice: UnsafeMutablePointer<UnsafeMutableBufferPointer<UInt8>?> = {
        let p = UnsafeMutablePointer<UnsafeMutableBufferPointer<UInt8>?>.allocate(capacity: 1)
        p.initialize(to: nil)
        return p
    }()
}

/// The crash handler: `endwin` if curses is up, the notice line, reinstall the previous
/// handler, re-raise. Only async-signal-safe calls after `endwin` (`write`, `sigaction`, `raise`).
private func restoreTerminalAndReraise(_ signal: Int32) {
    if CrashGuard.cursesActive.pointee != 0 {
        CrashGuard.cursesActive.pointee = 0
        endwin()
    }
    if let line = CrashGuard.notice.pointee, let base = line.baseAddress {
        _ = write(2, base, line.count)
    }
    sigaction(signal, CrashGuard.savedActions + Int(signal), nil)
    raise(signal)
}
