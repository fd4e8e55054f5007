import UnrollTUI

/// What one drawn frame cost, reported to `runFullScreen`'s `onFrame` observer.
public struct FrameReport: Equatable, Sendable {
    /// The event that caused the frame (nil for the first frame).
    public var event: InputEvent?
    /// Cells rewritten.
    public var changedCells: Int
    /// Bytes sent to the terminal (nil where the counter is unavailable).
    public var bytes: Int?
}

/// Runs `program` full screen until it quits, a signal arrives or input hangs up; returns the exit status.
///
/// Starts a `TerminalSession`, renders the first frame, then loops: read one event (blocking
/// when `program.tickMilliseconds` is nil, so idle costs 0% CPU; otherwise `.tick` on each
/// timeout), hand it to the program, render a buffer sized to the screen, draw the diff.
/// The terminal is restored on every way out:
/// - `.quit(exitCode:)` → that code;
/// - SIGINT / SIGTERM / SIGHUP / SIGQUIT → 130 / 143 / 129 / 131;
/// - terminal hung up or stdin closed → 129 (never spins);
/// - a crash → `CrashGuard` calls `endwin` before the crash report.
///
/// - Throws: `TerminalSession.StartError` when curses cannot start; nothing was drawn, so the
///   caller can fall back to the plain text mode.
public func runFullScreen(_ program: TerminalProgram, capabilities: TerminalCapabilities,
                          onFrame: ((FrameReport) -> Void)? = nil) throws(TerminalSession.StartError) -> Int32 {
    let session = try TerminalSession(capabilities: capabilities)
    return runLoop(program, in: session, onFrame: onFrame)
}

/// The event loop of `runFullScreen` on an already started session (headless tests use this);
/// stops the session before returning.
public func runLoop(_ program: TerminalProgram, in session: TerminalSession,
                    onFrame: ((FrameReport) -> Void)? = nil) -> Int32 {
    defer { session.stop() }
    func frame(after event: InputEvent?) {
        var buffer = Buffer(width: session.width, height: session.height)
        program.render(into: &buffer, glyphs: session.capabilities.glyphs)
        session.draw(buffer)
        onFrame?(FrameReport(event: event, changedCells: session.lastFrameCells, bytes: session.lastFrameBytes))
    }
    func deliver(_ event: InputEvent) -> Int32? {
        if case .quit(let code) = program.handle(event) { return code }
        frame(after: event)
        return nil
    }

    frame(after: nil)
    while true {
        switch session.readEvent(timeoutMilliseconds: program.tickMilliseconds) {
        case .event(let event):
            if let code = deliver(event) { return code }
        case .timeout:
            if let code = deliver(.tick) { return code }
        case .ignored:
            continue
        case .signal(let signal):
            return SignalFlags.exitStatus(for: signal)
        case .hangUp:
            return TerminalSession.hangUpExitStatus
        }
    }
}
