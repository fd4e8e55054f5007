@preconcurrency import CNcursesw
import UnrollTUI

/// Maps a curses mouse event's button state to a `MouseButton`: a pure function of the bits.
///
/// Only presses (and clicks, should a terminal report them) count; releases and motion are
/// dropped, so one click yields one event. Wheel up is button 4, wheel down button 5.
public enum MouseDecoder {
    /// The `mousemask` Unroll asks for: presses of buttons 1–3 and the wheel, nothing else.
    ///
    /// Asking for clicks or releases too makes ncurses merge a press with its release and
    /// sometimes report neither (measured with ncurses 6.4); presses alone arrive reliably.
    public static var eventMask: UInt {
        UInt(unroll_BUTTON1_PRESSED() | unroll_BUTTON2_PRESSED() | unroll_BUTTON3_PRESSED()
            | unroll_BUTTON4_PRESSED() | unroll_BUTTON5_PRESSED())
    }

    /// The button a `MEVENT.bstate` reports, or nil for releases, motion and unknown bits.
    public static func button(state: UInt) -> MouseButton? {
        let s = mmask_t(truncatingIfNeeded: state)
        if s & (unroll_BUTTON4_PRESSED()) != 0 { return .scrollUp }
        if s & (unroll_BUTTON5_PRESSED()) != 0 { return .scrollDown }
        if s & (unroll_BUTTON1_PRESSED() | unroll_BUTTON1_CLICKED()) != 0 { return .left }
        if s & (unroll_BUTTON2_PRESSED() | unroll_BUTTON2_CLICKED()) != 0 { return .middle }
        if s & (unroll_BUTTON3_PRESSED() | unroll_BUTTON3_CLICKED()) != 0 { return .right }
        return nil
    }

    /// The state bits for a button, for tests and synthetic events.
    public static func state(for button: MouseButton) -> UInt {
        switch button {
        case .left: return UInt(unroll_BUTTON1_PRESSED())
        case .middle: return UInt(unroll_BUTTON2_PRESSED())
        case .right: return UInt(unroll_BUTTON3_PRESSED())
        case .scrollUp: return UInt(unroll_BUTTON4_PRESSED())
        case .scrollDown: return UInt(unroll_BUTTON5_PRESSED())
        }
    }
}
