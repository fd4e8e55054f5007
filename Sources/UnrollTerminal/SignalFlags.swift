#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Flag handlers for the signals that end the program (SIGINT, SIGTERM, SIGHUP, SIGQUIT).
///
/// Installed before `newterm` (so ncurses does not install its own), without `SA_RESTART`, so a
/// blocking `wgetch` returns `ERR` and the loop can restore the terminal and exit 128 + signal.
/// The handler only stores the signal number; the flag lives in raw memory (no Swift exclusivity
/// checks run inside the handler).
public enum SignalFlags {
    /// The signals that ask the program to end.
    public static let exitSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    /// The exit status for a signal, as shells report it: 128 + the signal number.
    public static func exitStatus(for signal: Int32) -> Int32 { 128 + signal }

    /// The signal received since `install()`, or 0.
    public static var pending: Int32 { pendingStorage.pointee }

    /// Whether ^Z (SIGTSTP) arrived since the last `takeSuspendRequest()`.
    public static var suspendRequested: Bool { suspendStorage.pointee != 0 }

    /// Clears and returns the suspend request.
    public static func takeSuspendRequest() -> Bool {
        defer { suspendStorage.pointee = 0 }
        return suspendStorage.pointee != 0
    }

    /// Installs the flag handlers (saving the previous ones) and clears the flags. Idempotent.
    ///
    /// SIGTSTP gets a flag handler too (unless it was ignored, as in a shell without job
    /// control), so the loop can `endwin` and stop itself and repaint on `fg`: with ncurses's own
    /// handler, the blocking read resumes before keypad mode is back and the first key comes raw.
    ///
    /// Call it on the thread that reads input: a signal the kernel delivers to another thread
    /// is forwarded there with `pthread_kill`, so the blocking read is interrupted all the same.
    public static func install() {
        pendingStorage.pointee = 0
        suspendStorage.pointee = 0
        loopThread.pointee = pthread_self()
        guard !installed else { return }
        for signal in exitSignals {
            SignalAction.install(signal, handler: recordExitSignal, restart: false, saveInto: savedActions + Int(signal))
        }
        installSuspendHandler()
        installed = true
    }

    /// Restores the handlers that were there before `install()`. Idempotent.
    public static func uninstall() {
        guard installed else { return }
        for signal in exitSignals + [SIGTSTP] { SignalAction.restore(signal, from: savedActions) }
        installed = false
    }

    /// Stops the process as ^Z would (default SIGTSTP action), then reinstalls the flag handler.
    /// Returns after `fg` / SIGCONT.
    static func stopProcess() {
        var standard = sigaction()
        #if canImport(Glibc)
        standard.__sigaction_handler.sa_handler = SIG_DFL
        #else
        standard.__sigaction_u.__sa_handler = SIG_DFL
        #endif
        sigemptyset(&standard.sa_mask)
        sigaction(SIGTSTP, &standard, nil)
        kill(getpid(), SIGTSTP)
        if installed {
            var ours = sigaction()
            SignalAction.install(SIGTSTP, handler: recordSuspend, restart: false, saveInto: &ours)
        }
    }

    private static func installSuspendHandler() {
        SignalAction.install(SIGTSTP, handler: recordSuspend, restart: false, saveInto: savedActions + Int(SIGTSTP))
        let previous = savedActions[Int(SIGTSTP)]
        #if canImport(Glibc)
        let wasIgnored = unsafeBitCast(previous.__sigaction_handler.sa_handler, to: Int.self) == 1  // SIG_IGN
        #else
        let wasIgnored = unsafeBitCast(previous.__sigaction_u.__sa_handler, to: Int.self) == 1
        #endif
        if wasIgnored { SignalAction.restore(SIGTSTP, from: savedActions) }
    }

    /// Sets the flag as if `signal` had arrived (for tests and for programs that want to exit that way).
    public static func simulate(_ signal: Int32) { pendingStorage.pointee = signal }

    nonisolated(unsafe) private static var installed = false
    nonisolated(unsafe) fileprivate static let pendingStorage: UnsafeMutablePointer<Int32> = {
        let p = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
        p.initialize(to: 0)
        return p
    }()
    nonisolated(unsafe) fileprivate static let suspendStorage: UnsafeMutablePointer<Int32> = {
        let p = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
        p.initialize(to: 0)
        return p
    }()
    nonisolated(unsafe) fileprivate static let loopThread: UnsafeMutablePointer<pthread_t> = {
        let p = UnsafeMutablePointer<pthread_t>.allocate(capacity: 1)
        p.initialize(to: pthread_self())
        return p
    }()
    nonisolated(unsafe) private static let savedActions = SignalAction.table()
}

/// Sends `signal` on to the input thread when it arrived on another one (async-signal-safe).
private func forwardToLoopThread(_ signal: Int32) {
    let target = SignalFlags.loopThread.pointee
    if pthread_equal(pthread_self(), target) == 0 { pthread_kill(target, signal) }
}

/// The SIGTSTP handler: records the request; the loop suspends outside the handler.
private func recordSuspend(_ signal: Int32) {
    SignalFlags.suspendStorage.pointee = 1
    forwardToLoopThread(signal)
}

/// The exit-signal handler: stores the signal number, nothing else (async-signal-safe).
private func recordExitSignal(_ signal: Int32) {
    SignalFlags.pendingStorage.pointee = signal
    forwardToLoopThread(signal)
}

/// Small helpers around `sigaction`: install a C handler, save and restore the previous action.
enum SignalAction {
    /// Storage for one saved action per signal number (allocated once, never freed).
    static func table() -> UnsafeMutablePointer<sigaction> {
        let p = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
        p.initialize(repeating: sigaction(), count: 65)
        return p
    }

    /// Installs `handler` for `signal`, storing the previous action in `saved`.
    static func install(_ signal: Int32, handler: @convention(c) (Int32) -> Void, restart: Bool,
                        saveInto saved: UnsafeMutablePointer<sigaction>) {
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = handler
        #else
        action.__sigaction_u.__sa_handler = handler
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = restart ? Int32(SA_RESTART) : 0
        sigaction(signal, &action, saved)
    }

    /// Reinstalls the action saved for `signal` in a `table()`.
    static func restore(_ signal: Int32, from saved: UnsafeMutablePointer<sigaction>) {
        sigaction(signal, saved + Int(signal), nil)
    }
}
