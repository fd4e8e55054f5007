@preconcurrency import CNcursesw
import UnrollTUI
#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

/// One curses screen, from `newterm` to `endwin`: draws `Buffer`s by diff and reads input events.
///
/// All curses setup and teardown lives here (as in htop's CRT.c). Start it only when
/// `TerminalCapabilities.fullScreen` is true; use it from one thread; only one may be active.
///
/// ```swift
/// let session = try TerminalSession(capabilities: caps)
/// defer { session.stop() }
/// session.draw(buffer)                       // sends only the cells that changed
/// let outcome = session.readEvent(timeoutMilliseconds: nil)   // blocks: 0% CPU idle
/// ```
public final class TerminalSession {
    /// Where the screen goes.
    public enum Device: Equatable, Sendable {
        /// The process's terminal: `newterm(nil, stdout, stdin)`, locale from the environment.
        case standard
        /// No terminal (tests): output to a file with `terminal`'s escape sequences, input from
        /// a file, a fixed size and locale.
        case headless(terminal: String, output: String, input: String = "/dev/null",
                      width: Int, height: Int, locale: String = "C.UTF-8")
    }

    /// Why a session could not start. Nothing has been drawn then: fall back to plain mode.
    public enum StartError: Error, Equatable, CustomStringConvertible {
        case alreadyActive
        case cannotOpen(path: String)
        case newtermFailed(terminal: String?)

        public var description: String {
            switch self {
            case .alreadyActive: return "a terminal session is already active"
            case .cannotOpen(let path): return "cannot open \(path)"
            case .newtermFailed(let term): return "curses cannot start on TERM=\(term ?? "(unset)")"
            }
        }
    }

    /// What one `readEvent` produced.
    public enum ReadOutcome: Equatable, Sendable {
        case event(InputEvent)
        /// The timeout passed with no input: time for a `.tick`.
        case timeout
        /// Input that means nothing to Unroll (a mouse release, an unknown key): read again.
        case ignored
        /// SIGINT, SIGTERM, SIGHUP or SIGQUIT arrived: stop and exit with `SignalFlags.exitStatus`.
        case signal(Int32)
        /// Input is gone (terminal hung up, stdin closed): stop and exit, never read again.
        case hangUp
    }

    /// Exit status after a hang-up of the input (as for SIGHUP).
    public static let hangUpExitStatus: Int32 = 129

    public let capabilities: TerminalCapabilities
    public let device: Device
    /// Whether the screen is up (between a successful init and `stop()`).
    public private(set) var isActive = false
    /// Whether colour pairs are in use (palette not monochrome and the terminal has colours).
    public private(set) var colorsEnabled = false
    /// Total bytes sent to the terminal by `draw` (nil where the counter is unavailable).
    public private(set) var bytesWritten: Int?
    /// Bytes sent by the last `draw` (nil where the counter is unavailable).
    public private(set) var lastFrameBytes: Int?
    /// Cells rewritten by the last `draw`.
    public private(set) var lastFrameCells = 0

    /// Starts curses on `device`: locale, signal flag and crash handlers (before `newterm`),
    /// cbreak (so ^C stays SIGINT, ^Z suspends, ^\ quits), no XON/XOFF (^S and ^Q are keys),
    /// noecho, keypad, hidden cursor, mouse presses and wheel, one colour pair per role.
    public init(capabilities: TerminalCapabilities, device: Device = .standard) throws(StartError) {
        self.capabilities = capabilities
        self.device = device
        guard !TerminalSession.sessionActive else { throw .alreadyActive }

        let output: UnsafeMutablePointer<FILE>
        let input: UnsafeMutablePointer<FILE>
        let term: String?
        switch device {
        case .standard:
            setlocale(LC_ALL, "")
            output = stdout
            input = stdin
            term = nil
        case let .headless(terminal, outputPath, inputPath, _, _, locale):
            setlocale(LC_ALL, locale)
            guard let o = fopen(outputPath, "w") else { throw .cannotOpen(path: outputPath) }
            guard let i = fopen(inputPath, "r") else { fclose(o); throw .cannotOpen(path: inputPath) }
            output = o
            input = i
            term = terminal
            ownedFiles = (o, i)
        }
        inputDescriptor = fileno(input)

        SignalFlags.install()
        CrashGuard.install()
        guard let screen = newterm(term, output, input) else {
            SignalFlags.uninstall()
            CrashGuard.uninstall()
            closeOwnedFiles()
            throw .newtermFailed(terminal: term ?? capabilities.terminalName)
        }
        self.screen = screen
        isActive = true
        TerminalSession.sessionActive = true
        CrashGuard.isCursesActive = true
        configure()
        if case let .headless(_, _, _, width, height, _) = device {
            resize_term(Int32(max(1, height)), Int32(max(1, width)))  // resizeterm would queue a KEY_RESIZE
        }
        bytesWritten = WriteCounter.current() == nil ? nil : 0
    }

    deinit { stop() }

    /// The screen's width in cells (curses `COLS`).
    public var width: Int { isActive ? Int(unroll_getmaxx(unroll_stdscr())) : 0 }
    /// The screen's height in cells (curses `LINES`).
    public var height: Int { isActive ? Int(unroll_getmaxy(unroll_stdscr())) : 0 }

    /// Shows `buffer`, sending only the cells that differ from the previous frame.
    ///
    /// Cells outside the screen are clipped. A different buffer size, or `invalidate()`,
    /// repaints everything.
    /// - Complexity: O(width × height) to diff; output proportional to the changed cells.
    public func draw(_ buffer: Buffer) {
        guard isActive, let scr = unroll_stdscr() else { return }
        if let previous, previous.width != buffer.width || previous.height != buffer.height {
            self.previous = nil
            werase(scr)
        }
        let changes = buffer.diff(from: previous)
        let maxX = width, maxY = height
        var run: [cchar_t] = []
        run.reserveCapacity(buffer.width)
        var runX = 0, runY = 0, nextX = -1, drawn = 0
        func flush() {
            if !run.isEmpty { mvwadd_wchnstr(scr, Int32(runY), Int32(runX), &run, Int32(run.count)) }
            run.removeAll(keepingCapacity: true)
        }
        for change in changes where change.x < maxX && change.y < maxY {
            if change.y != runY || change.x != nextX { flush(); runX = change.x; runY = change.y }
            run.append(curses(change.cell))
            nextX = change.x + 1
            drawn += 1
        }
        flush()
        wnoutrefresh(scr)
        let before = WriteCounter.current()
        doupdate()
        if let before, let after = WriteCounter.current() {
            lastFrameBytes = after - before
            bytesWritten = (bytesWritten ?? 0) + (after - before)
        } else {
            lastFrameBytes = nil
        }
        lastFrameCells = drawn
        previous = buffer
    }

    /// Makes the next `draw` clear the screen and repaint every cell (after a resize, or garbage).
    public func invalidate() {
        guard isActive else { return }
        previous = nil
        clearok(unroll_curscr(), true)
    }

    /// Waits for one input event: blocks when `timeoutMilliseconds` is nil, else at most that long
    /// (at least 10 ms, so an animation can never busy-loop).
    ///
    /// A resize invalidates the screen and reports the new size. Signals and hang-ups are
    /// reported, never retried: a closed stdin cannot make the loop spin.
    public func readEvent(timeoutMilliseconds: Int?) -> ReadOutcome {
        guard isActive, let scr = unroll_stdscr() else { return .hangUp }
        if SignalFlags.pending != 0 { return .signal(SignalFlags.pending) }
        if SignalFlags.takeSuspendRequest() { suspend(); return .ignored }
        let timeout = timeoutMilliseconds.map { min(max($0, 10), Int(Int32.max)) }
        wtimeout(scr, Int32(timeout ?? -1))
        let started = monotonicMilliseconds()
        errno = 0
        // Bytes (`wgetch`), assembled into scalars here: `wget_wch` wedges on invalid UTF-8.
        let value = wgetch(scr)
        let error = errno
        if SignalFlags.pending != 0 { return .signal(SignalFlags.pending) }
        if value == ERR {
            utf8.reset()
            // ncurses leaves the ERR of an interrupted read in its input queue and returns it
            // once more (errno 0) on the next call: skip that one, not a second one.
            let stale = error == 0 && afterInterrupt
            afterInterrupt = error == EINTR
            if SignalFlags.takeSuspendRequest() { suspend(); return .ignored }
            if error == EINTR || stale { return .ignored }
            guard let timeout else { return .hangUp }
            if error != 0 || inputHungUp() { return .hangUp }
            if monotonicMilliseconds() - started < timeout / 2 {
                // ERR long before the timeout without a signal: end of input (read returned 0).
                fastErrors += 1
                return fastErrors >= 3 ? .hangUp : .ignored
            }
            fastErrors = 0
            return .timeout
        }
        fastErrors = 0
        afterInterrupt = false
        if value > 0xFF {
            utf8.reset()
            let code = value
            if code == KEY_RESIZE {
                invalidate()
                return .event(.resize(width: width, height: height))
            }
            if code == KEY_MOUSE {
                var event = MEVENT()
                guard getmouse(&event) == OK, let button = MouseDecoder.button(state: UInt(event.bstate)) else {
                    return .ignored
                }
                return .event(.mouse(x: Int(event.x), y: Int(event.y), button: button))
            }
            return KeyDecoder.key(keyCode: code).map { .event(.key($0)) } ?? .ignored
        }
        // A character's bytes arrive together: read the rest of one here (50 ms at most), so
        // one call reads one key; a byte that cannot continue it was dropped with it.
        var byte = value
        while true {
            if let scalar = utf8.feed(UInt8(truncatingIfNeeded: byte)) {
                return KeyDecoder.key(character: scalar.value).map { .event(.key($0)) } ?? .ignored
            }
            guard utf8.isPending else { return .ignored }
            wtimeout(scr, 50)
            byte = wgetch(scr)
            if byte == ERR || byte > 0xFF {
                utf8.reset()
                if byte > 0xFF { ungetch(byte) }
                return .ignored
            }
        }
    }

    /// Hands the terminal back and stops the process (^Z); on `fg`, restores curses and repaints.
    public func suspend() {
        guard isActive else { return }
        endwin()
        SignalFlags.stopProcess()
        // Continued: the next refresh restores program mode, keypad and mouse; repaint everything.
        wrefresh(unroll_curscr())
    }

    /// Restores the terminal (`endwin`), frees the screen and puts back the signal handlers.
    /// Idempotent; also called on deinit.
    public func stop() {
        guard isActive else { return }
        isActive = false
        endwin()
        CrashGuard.isCursesActive = false
        if let screen { delscreen(screen) }
        screen = nil
        closeOwnedFiles()
        SignalFlags.uninstall()
        CrashGuard.uninstall()
        TerminalSession.sessionActive = false
        previous = nil
    }

    /// The characters curses holds for row `y` (what the terminal shows), for tests and debugging.
    public func screenRow(_ y: Int) -> String {
        guard isActive, let scr = unroll_stdscr(), y >= 0, y < height else { return "" }
        var chars = [wchar_t](repeating: 0, count: width + 1)
        let n = mvwinnwstr(scr, Int32(y), 0, &chars, Int32(width))
        guard n != ERR else { return "" }
        return String(String.UnicodeScalarView(chars.prefix { $0 != 0 }.compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }))
    }

    /// The character and appearance curses holds at (x, y), or nil outside the screen.
    public func screenCell(x: Int, y: Int) -> (character: Character, appearance: CellAppearance)? {
        guard isActive, let scr = unroll_stdscr(), x >= 0, x < width, y >= 0, y < height else { return nil }
        var cell = cchar_t()
        guard mvwin_wch(scr, Int32(y), Int32(x), &cell) != ERR else { return nil }
        var chars = [wchar_t](repeating: 0, count: Int(CCHARW_MAX) + 1)
        var attrs: attr_t = 0
        var pair: Int16 = 0
        guard getcchar(&cell, &chars, &attrs, &pair, nil) != ERR,
              let scalar = Unicode.Scalar(UInt32(bitPattern: chars[0])) else { return nil }
        return (Character(scalar), CellAppearance(
            pair: pair,
            bold: attrs & unroll_A_BOLD() != 0, reverse: attrs & unroll_A_REVERSE() != 0,
            dim: attrs & unroll_A_DIM() != 0, underline: attrs & unroll_A_UNDERLINE() != 0))
    }

    // MARK: Private

    nonisolated(unsafe) private static var sessionActive = false
    private var screen: OpaquePointer?
    private var ownedFiles: (UnsafeMutablePointer<FILE>, UnsafeMutablePointer<FILE>)?
    private var inputDescriptor: Int32 = 0
    private var previous: Buffer?
    private var fastErrors = 0
    private var utf8 = UTF8Assembler()
    private var afterInterrupt = false
    private var attributeCache: [Style: (attr_t, Int16)] = [:]

    private func configure() {
        set_escdelay(25)
        cbreak()
        noecho()
        nonl()
        if let scr = unroll_stdscr() {
            keypad(scr, true)
            meta(scr, true)  // all 8 bits of each byte: UTF-8 is assembled in readEvent
            intrflush(scr, false)
            leaveok(scr, true)
        }
        curs_set(0)
        disableFlowControl()
        if capabilities.palette != .monochrome && has_colors() {
            start_color()
            let defaults = use_default_colors() == OK
            for d in ColorPairs.definitions(for: capabilities.palette, colorCount: Int(unroll_COLORS()), defaultColors: defaults)
            where Int32(d.pair) < unroll_COLOR_PAIRS() {
                init_pair(d.pair, d.foreground, d.background)
            }
            colorsEnabled = true
        }
        mousemask(mmask_t(truncatingIfNeeded: MouseDecoder.eventMask), nil)
        mouseinterval(0)
    }

    /// Turns off XON/XOFF (IXON) so ^S and ^Q reach the program instead of freezing the output,
    /// and saves that as curses's program mode; `endwin` restores the shell's mode as it was.
    private func disableFlowControl() {
        var modes = termios()
        guard isatty(inputDescriptor) == 1, tcgetattr(inputDescriptor, &modes) == 0 else { return }
        modes.c_iflag &= ~tcflag_t(IXON)
        if tcsetattr(inputDescriptor, TCSADRAIN, &modes) == 0 { def_prog_mode() }
    }

    private func curses(_ cell: Cell) -> cchar_t {
        let (attrs, pair) = attributes(cell.style)
        var chars: [wchar_t] = []
        for scalar in CellAppearance.displayCharacter(cell.character, unicode: capabilities.unicode).unicodeScalars.prefix(Int(CCHARW_MAX) - 1) {
            chars.append(wchar_t(bitPattern: scalar.value))
        }
        chars.append(0)
        var result = cchar_t()
        setcchar(&result, chars, attrs, pair, nil)
        return result
    }

    private func attributes(_ style: Style) -> (attr_t, Int16) {
        if let cached = attributeCache[style] { return cached }
        let look = CellAppearance.resolve(style, palette: capabilities.palette, colors: colorsEnabled)
        var attrs = unroll_A_NORMAL()
        if look.bold { attrs |= unroll_A_BOLD() }
        if look.reverse { attrs |= unroll_A_REVERSE() }
        if look.dim { attrs |= unroll_A_DIM() }
        if look.underline { attrs |= unroll_A_UNDERLINE() }
        attributeCache[style] = (attrs, look.pair)
        return (attrs, look.pair)
    }

    private func inputHungUp() -> Bool {
        var fds = pollfd(fd: inputDescriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&fds, 1, 0) >= 0 else { return errno != EINTR }
        return fds.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }

    private func closeOwnedFiles() {
        if let (o, i) = ownedFiles {
            fclose(o)
            fclose(i)
        }
        ownedFiles = nil
    }

    private func monotonicMilliseconds() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int(now.tv_sec) * 1000 + Int(now.tv_nsec) / 1_000_000
    }
}
