import UnrollTUI

/// What the keys bound on every screen do.
public enum GlobalCommand: Sendable, Equatable {
    case quit
    case help
    case blank
}

/// The keys every screen and overlay binds unless it claims them itself (text entry claims q, ? and b).
public enum GlobalKeys {
    public static let map = KeyMap<GlobalCommand>([
        KeyBinding([.char("?"), .function(1)], "this help (? or Esc closes it)", group: .everywhere,
                   hint: KeyHint("?", "help", essential: true), command: .help),
        KeyBinding([.char("b")], "blank the screen; any key returns", group: .everywhere, command: .blank),
        KeyBinding([.char("q")], "quit, from anywhere", group: .everywhere, hint: KeyHint("q", "quit", essential: true), command: .quit),
    ])

    /// The screen's own entries, then the global ones it does not claim (a global binding keeps
    /// only its keys the screen leaves free).
    public static func merged(_ own: [KeyEntry], chrome: Bool = true) -> KeyTable {
        let claimed = { (p: KeyPattern) -> Bool in
            guard case let .key(k) = p else { return false }
            return own.contains { $0.patterns.contains { $0.matches(k) } }
        }
        let globals = map.entries.compactMap { entry -> KeyEntry? in
            var entry = entry
            entry.patterns = entry.patterns.filter { !claimed($0) }
            if entry.patterns.isEmpty { return nil }
            if let hint = entry.hint, !entry.patterns.contains(where: { $0.name == hint.keys }) || !chrome { entry.hint = nil }
            return entry
        }
        return KeyTable(own + globals)
    }

    /// The global command for a key the screen left unbound.
    public static func command(for key: Key, ownTable own: [KeyEntry]) -> GlobalCommand? {
        guard !own.contains(where: { $0.patterns.contains { $0.matches(key) } }) else { return nil }
        return map.command(for: key)
    }
}
