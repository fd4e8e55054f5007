/// A key press, decoded from the terminal; independent of curses.
public enum Key: Equatable, Hashable, Sendable {
    case char(Character)
    /// Control plus a letter, e.g. `.ctrl("c")`.
    case ctrl(Character)
    case up, down, left, right
    case home, end, pageUp, pageDown
    case enter, escape, backspace, tab, backTab, delete
    case function(Int)
}

/// A mouse button or wheel movement.
public enum MouseButton: Equatable, Hashable, Sendable {
    case left, middle, right, scrollUp, scrollDown
}

/// Everything the terminal can tell a program.
public enum InputEvent: Equatable, Sendable {
    case key(Key)
    case mouse(x: Int, y: Int, button: MouseButton)
    case resize(width: Int, height: Int)
    /// A timer tick while the program animates or waits on background work.
    case tick
}

/// What a program asks the terminal loop to do after an event.
public enum ProgramAction: Equatable, Sendable {
    case `continue`
    case quit(exitCode: Int32)
}

/// A full-screen program driven by the terminal loop (the Bubble Tea shape: events in, frames out).
///
/// The loop calls `render` after every event, diffs the buffer against the previous frame and
/// sends only the changed cells. It blocks on input while `tickMilliseconds` is nil (0% CPU idle)
/// and delivers `.tick` events at that interval otherwise.
public protocol TerminalProgram: AnyObject {
    /// Handles one event.
    func handle(_ event: InputEvent) -> ProgramAction
    /// Draws the whole frame into `buffer` (already sized to the terminal and cleared).
    func render(into buffer: inout Buffer, glyphs: Glyphs)
    /// Milliseconds between ticks while something animates; nil to block on input.
    var tickMilliseconds: Int? { get }
}
