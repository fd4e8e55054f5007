import UnrollTUI

/// A full screen of the tutor: its key table, what its commands do, how it draws, how fast it ticks.
///
/// Adding a screen means one file conforming to this, a case in `AppState.Screen` and a line in
/// `AppState.Screen.active`; dispatch, the `?` help and the hint bar all come from `keyMap`.
public protocol AppScreen: Sendable {
    associatedtype Command: Sendable
    /// The help box's title (`keys: the lab`).
    var name: String { get }
    /// The keys the screen binds in this state.
    func keyMap(_ app: AppState) -> KeyMap<Command>
    /// Applies a command the key table produced for `key`.
    static func perform(_ command: Command, key: Key, in state: inout AppState) -> [Effect]
    /// Draws the screen (the overlay, if any, is drawn after).
    func render(_ app: AppState, into buffer: inout Buffer, glyphs: Glyphs)
    /// The steps `g` goes to, and what they are called; nil where `g` has no step to go to.
    var goToRange: (range: ClosedRange<Int>, noun: String)? { get }
    /// Moves to a step `g` typed (within `goToRange`).
    static func go(toStep n: Int, in state: inout AppState) -> [Effect]
    /// Whether a key still moves the screen under its explain box (so the explanation follows).
    func followsUnderExplain(_ entry: KeyEntry) -> Bool
    /// A mouse event (no overlay open, the terminal big enough); hit-tests read the screen's layout.
    static func mouse(x: Int, y: Int, button: MouseButton, in state: inout AppState) -> [Effect]
    /// A timer tick (animation); background results are drained by the runner.
    static func tick(in state: inout AppState) -> [Effect]
    /// What the mouse does, for the help (nil: nothing).
    var mouseHelp: String? { get }
    /// Milliseconds between ticks while the screen animates or waits for background work; nil when idle.
    var tickMilliseconds: Int? { get }
}

extension AppScreen {
    public var goToRange: (range: ClosedRange<Int>, noun: String)? { nil }
    public static func go(toStep n: Int, in state: inout AppState) -> [Effect] { [] }
    public func followsUnderExplain(_ entry: KeyEntry) -> Bool { entry.group == .move }
    public var tickMilliseconds: Int? { nil }
    public var mouseHelp: String? { nil }
    public static func mouse(x: Int, y: Int, button: MouseButton, in state: inout AppState) -> [Effect] { [] }
    public static func tick(in state: inout AppState) -> [Effect] { [] }

    /// The key table with its commands erased, merged with the global keys.
    public func table(_ app: AppState) -> KeyTable { GlobalKeys.merged(keyMap(app).entries, chrome: !app.presenter) }

    /// Runs the command the table binds to `key`; nil when the screen does not bind it.
    func dispatch(_ key: Key, in state: inout AppState) -> [Effect]? {
        guard let command = keyMap(state).command(for: key) else { return nil }
        return Self.perform(command, key: key, in: &state)
    }

    /// Runs `key` only if it is one that follows under the explain box.
    func dispatchUnderExplain(_ key: Key, in state: inout AppState) -> [Effect]? {
        let map = keyMap(state)
        guard let binding = map.bindings.first(where: { b in b.entry.patterns.contains { $0.matches(key) } }),
              followsUnderExplain(binding.entry) else { return nil }
        return Self.perform(binding.command, key: key, in: &state)
    }
}

extension AppState.Screen {
    /// The screen as its abstraction: the one registration line per screen.
    public var active: any AppScreen {
        switch self {
        case let .start(s): return s
        case let .lab(s): return s
        case let .lesson(s): return s
        case let .vanishing(s): return s
        case let .bptt(s): return s
        case let .race(s): return s
        }
    }
}
