import UnrollTUI

/// What a binding answers to: one key, any digit, or any typed character (text entry).
public enum KeyPattern: Hashable, Sendable {
    case key(Key)
    /// `0`…`9` (answers, step numbers, list entries).
    case digits
    /// Any printable character (text entry: the input editor).
    case text

    public func matches(_ key: Key) -> Bool {
        switch self {
        case let .key(k): return k == key
        case .digits: if case let .char(c) = key { return c.isASCII && c.isNumber } else { return false }
        case .text: if case .char = key { return true } else { return false }
        }
    }

    /// As the help spells it.
    public var name: String {
        switch self {
        case let .key(k): return k.name
        case .digits: return "0…9"
        case .text: return "letters"
        }
    }
}

/// The help overlay's sections, in this order.
public enum KeyGroup: String, CaseIterable, Sendable {
    /// An open question's keys (first: they take the keys first).
    case answer = "answer"
    /// A lesson's steps (they do not follow under the explain box).
    case steps = "steps"
    case move = "move"
    case look = "look"
    case change = "change"
    case leave = "leave"
    case everywhere = "always"
}

/// One entry of a hint bar: the key as shown (may name several bound keys, `←/→`) and the action.
public struct KeyHint: Equatable, Sendable {
    public var keys: String
    public var action: String
    /// The action in ASCII, when it differs (`rho=1` for `ρ=1`).
    public var asciiAction: String?
    /// Kept when the bar is too narrow (help and quit).
    public var essential: Bool

    public init(_ keys: String, _ action: String, ascii: String? = nil, essential: Bool = false) {
        self.keys = keys
        self.action = action
        self.asciiAction = ascii
        self.essential = essential
    }

    /// The bound key names the hint's key label spells (`↑/↓ Tab` → `↑`, `↓`, `Tab`).
    public var keyNames: [String] {
        keys.split(whereSeparator: { $0 == " " }).flatMap { word -> [String] in
            word.count > 1 && word.contains("/") ? word.split(separator: "/").map(String.init) : [String(word)]
        }
    }
}

/// A binding without its command: what the help and the hint bar read.
public struct KeyEntry: Sendable {
    public var patterns: [KeyPattern]
    public var help: String
    public var group: KeyGroup
    public var hint: KeyHint?

    /// The keys as the help's left column shows them.
    public var label: String { patterns.map(\.name).joined(separator: " ") }
}

/// One row of a screen's key table: the keys, the help line, the hint (if it is on the bar) and the command.
public struct KeyBinding<Command: Sendable>: Sendable {
    public var entry: KeyEntry
    public var command: Command

    public init(_ keys: [Key], _ help: String, group: KeyGroup, hint: KeyHint? = nil, command: Command) {
        self.init(patterns: keys.map { .key($0) }, help, group: group, hint: hint, command: command)
    }

    public init(patterns: [KeyPattern], _ help: String, group: KeyGroup, hint: KeyHint? = nil, command: Command) {
        entry = KeyEntry(patterns: patterns, help: help, group: group, hint: hint)
        self.command = command
    }
}

/// A screen's key table: the one source for its dispatch, its `?` help and its hint bar.
public struct KeyMap<Command: Sendable>: Sendable {
    public var bindings: [KeyBinding<Command>]

    public init(_ bindings: [KeyBinding<Command>]) { self.bindings = bindings }

    /// The command a key produces (the first binding that matches), or nil when the key is not bound.
    public func command(for key: Key) -> Command? {
        bindings.first { b in b.entry.patterns.contains { $0.matches(key) } }?.command
    }

    /// Whether a key is bound.
    public func binds(_ key: Key) -> Bool { command(for: key) != nil }

    /// The table without commands.
    public var entries: [KeyEntry] { bindings.map(\.entry) }
}

/// A key table with its commands erased: what help, hints and tests read.
public struct KeyTable: Sendable {
    public var entries: [KeyEntry]

    public init(_ entries: [KeyEntry]) { self.entries = entries }

    /// Whether a key is bound.
    public func binds(_ key: Key) -> Bool { entries.contains { e in e.patterns.contains { $0.matches(key) } } }

    /// Whether a name from a hint label names a bound key.
    public func bindsName(_ name: String) -> Bool { entries.contains { $0.patterns.contains { $0.name == name } } }

    /// The help's sections in `KeyGroup` order, each with its lines (keys, description).
    public var helpSections: [(group: KeyGroup, lines: [(keys: String, help: String)])] {
        KeyGroup.allCases.compactMap { group in
            let lines = entries.filter { $0.group == group }.map { (keys: $0.label, help: $0.help) }
            return lines.isEmpty ? nil : (group, lines)
        }
    }

    /// The hint bar: the entries marked for it, in table order, essential ones kept when space runs out.
    public func hints(glyphs: Glyphs) -> KeyHints { KeyTable.hintBar(entries.compactMap(\.hint), glyphs: glyphs) }

    /// The hint-bar widget for hints (fitted to the width when drawn: non-essential ones drop from the end).
    public static func hintBar(_ hints: [KeyHint], glyphs: Glyphs) -> KeyHints {
        KeyHints(hints.map { h in KeyHints.Hint(h.keys, glyphs.unicode ? h.action : (h.asciiAction ?? h.action), essential: h.essential) })
    }
}
