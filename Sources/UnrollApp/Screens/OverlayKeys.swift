import UnrollTUI

/// What the keys of an overlay do.
public enum OverlayCommand: Sendable, Equatable {
    /// Close the overlay (help, explain).
    case close
    /// Switch between the help's two pages: keys and symbols.
    case page
    /// Pass the key to the screen beneath (the explanation follows the cursor).
    case follow
    /// A key for the clamp editor's fields (it parses them itself).
    case clampEdit
    case clampCancel
    case type, erase, apply, cancel
    /// The explain box's next or previous term (the chain points at where it comes from).
    case selectTerm
}

extension AppState.Overlay {
    /// The help box's title for the overlay.
    public var name: String {
        switch self {
        case .help: return "the help"
        case .glossary: return "the symbols"
        case .explain: return "the explanation"
        case .clampEditor: return "the clamp editor"
        case .inputEditor: return "the input editor"
        case .goTo: return "go to a step"
        }
    }

    /// The overlay's key table (an overlay takes the keys until it closes).
    /// (`app` is the state beneath, for the keys the explanation follows; without it, none follow.)
    public func keyMap(_ app: AppState?) -> KeyMap<OverlayCommand> {
        switch self {
        case .help:
            return KeyMap([
                KeyBinding([.tab, .right, .char("l")], "the symbols the screens use (ρ, ⊙, σ, h, c, the markers)", group: .look,
                           hint: KeyHint("Tab", "symbols"), command: .page),
                KeyBinding([.char("?"), .escape, .enter, .char(" "), .function(1)], "close the help", group: .leave,
                           hint: KeyHint("?/Esc", "close"), command: .close),
            ])
        case .glossary:
            return KeyMap([
                KeyBinding([.tab, .backTab, .left, .char("h")], "back to the keys", group: .look, hint: KeyHint("Tab", "keys"), command: .page),
                KeyBinding([.char("?"), .escape, .enter, .char(" "), .function(1)], "close the help", group: .leave,
                           hint: KeyHint("?/Esc", "close"), command: .close),
            ])
        case .explain:
            let close: [Key] = [.char("e"), .escape, .enter]
            // Over a lab's explanation (the lab's or a lesson's), [ and ] pick a term; the chain marks its source.
            let terms: [Key] = app?.currentLab != nil && app?.bptt == nil ? [.char("["), .char("]")] : []
            var follows: [KeyPattern] = []
            if let app {
                let screen = app.screen.active
                follows = screen.keyMapEntries(app).filter { screen.followsUnderExplain($0) }.flatMap(\.patterns)
                    .filter { p in !(close + terms).contains { p.matches($0) } }
            }
            return KeyMap([
                KeyBinding(close, "close the explanation", group: .leave, hint: KeyHint("e/Esc", "close"), command: .close),
                terms.isEmpty ? nil : KeyBinding(terms, "pick a term (or all): the chain marks the box, arrow or token it comes from", group: .look,
                                                 hint: KeyHint("[/]", "term"), command: .selectTerm),
                KeyBinding(patterns: follows, "the screen's keys beneath: the explanation follows", group: .move, command: .follow),
            ].compactMap { $0 })
        case .clampEditor:
            return KeyMap([
                KeyBinding([.tab, .down], "next field", group: .move, hint: KeyHint("Tab", "next field"), command: .clampEdit),
                KeyBinding([.backTab, .up], "previous field", group: .move, command: .clampEdit),
                KeyBinding([.left, .right], "choose the gate, a preset value, all units or steps", group: .change, command: .clampEdit),
                KeyBinding(patterns: [.digits, .key(.char(".")), .key(.char(",")), .key(.char("-"))], "type units, steps or the value",
                           group: .change, command: .clampEdit),
                KeyBinding([.char("a")], "all units or all steps", group: .change, command: .clampEdit),
                KeyBinding([.backspace, .delete], "erase a character", group: .change, command: .clampEdit),
                KeyBinding([.enter], "apply the clamp", group: .leave, hint: KeyHint("Enter", "apply"), command: .clampEdit),
                KeyBinding([.escape], "cancel", group: .leave, hint: KeyHint("Esc", "cancel"), command: .clampCancel),
            ])
        case .inputEditor:
            return KeyMap([
                KeyBinding(patterns: [.text], "type the words (? is an unknown step)", group: .change, command: .type),
                KeyBinding([.backspace, .delete], "erase a character", group: .change, command: .erase),
                KeyBinding([.enter], "run the new input", group: .leave, hint: KeyHint("Enter", "run"), command: .apply),
                KeyBinding([.escape], "cancel", group: .leave, hint: KeyHint("Esc", "cancel"), command: .cancel),
            ])
        case .goTo:
            return KeyMap([
                KeyBinding(patterns: [.digits], "type the number", group: .change, command: .type),
                KeyBinding([.backspace, .delete], "erase a digit", group: .change, command: .erase),
                KeyBinding([.enter], "go there", group: .leave, hint: KeyHint("Enter", "go"), command: .apply),
                KeyBinding([.escape], "cancel (so does any other key)", group: .leave, hint: KeyHint("Esc", "cancel"), command: .cancel),
            ])
        }
    }

    /// The overlay's footer line, from its table's hints: `Tab next field · Enter apply · Esc cancel`.
    public var footer: String {
        keyMap(nil).entries.compactMap(\.hint).map { "\($0.keys) \($0.action)" }.joined(separator: " · ")
    }
}

extension AppScreen {
    /// The screen's entries (its key map without commands), for overlays that follow it.
    func keyMapEntries(_ app: AppState) -> [KeyEntry] { keyMap(app).entries }
}

/// Keys while an overlay is open: its own table, then the global keys it leaves free.
func overlayKey(_ state: inout AppState, _ overlay: AppState.Overlay, _ key: Key) -> [Effect] {
    let map = overlay.keyMap(state)
    guard let command = map.command(for: key) else {
        if let global = GlobalKeys.command(for: key, ownTable: map.entries) { return globalKey(&state, global) }
        // Any other key closes the go-to prompt without acting.
        if case .goTo = overlay { state.overlay = nil }
        return []
    }
    switch (overlay, command) {
    case (.help, .page): state.overlay = .glossary
    case (.glossary, .page): state.overlay = .help
    case (.help, _), (.glossary, _):
        state.overlay = state.overlayUnderHelp
        state.overlayUnderHelp = nil
    case (.explain, .follow):
        return state.screen.active.dispatchUnderExplain(key, in: &state) ?? []
    case (.explain, .selectTerm):
        state.currentLab?.selectTerm(key)
    case (.explain, _):
        state.overlay = nil
    case let (.clampEditor(editor), .clampEdit):
        return clampEditorKey(&state, editor, key)
    case (.clampEditor, _):
        state.overlay = nil
    case let (.inputEditor(text), _):
        return inputEditorCommand(&state, text, command, key)
    case let (.goTo(typed), _):
        return goToCommand(&state, typed, command, key)
    }
    return []
}

/// The go-to prompt: digits, then Enter goes to that step of the screen.
func goToCommand(_ state: inout AppState, _ typed: String, _ command: OverlayCommand, _ key: Key) -> [Effect] {
    let screen = state.screen.active
    guard let range = screen.goToRange else { state.overlay = nil; return [] }
    switch command {
    case .type:
        if case let .char(c) = key, typed.count < 9 { state.overlay = .goTo(typed + String(c)) }
    case .erase: state.overlay = .goTo(String(typed.dropLast()))
    case .apply:
        state.overlay = nil
        guard let n = Int(typed), range.range.contains(n) else {
            state.status = "no \(range.noun) \(typed.isEmpty ? "typed" : typed) (\(range.range.lowerBound)…\(range.range.upperBound))"
            return []
        }
        return goTo(screen, n, &state)
    default: state.overlay = nil
    }
    return []
}

private func goTo<S: AppScreen>(_ screen: S, _ n: Int, _ state: inout AppState) -> [Effect] { S.go(toStep: n, in: &state) }

/// The input editor: type the new input, Enter runs it.
func inputEditorCommand(_ state: inout AppState, _ text: String, _ command: OverlayCommand, _ key: Key) -> [Effect] {
    var text = text
    switch command {
    case .cancel: state.overlay = nil; return []
    case .apply:
        guard var lab = state.currentLab else { state.overlay = nil; return [] }
        do {
            try lab.setInput(text)
            lab.note = "new input: \(text)"
            state.overlay = nil
            state.currentLab = lab
        } catch {
            state.status = "\(error)"
        }
        return []
    case .erase: if !text.isEmpty { text.removeLast() }
    case .type: if case let .char(c) = key { text.append(c) }
    default: break
    }
    state.overlay = .inputEditor(text)
    return []
}

/// The clamp editor: the editor parses its fields; Enter applies the clamp to the live lab.
func clampEditorKey(_ state: inout AppState, _ editor: ClampEditor, _ key: Key) -> [Effect] {
    guard var lab = state.currentLab else { state.overlay = nil; return [] }
    var editor = editor
    switch editor.handle(key, hiddenSize: lab.model.hiddenSize, kind: lab.model.kind, steps: lab.steps) {
    case .editing: state.overlay = .clampEditor(editor)
    case .cancel: state.overlay = nil
    case let .apply(clamp):
        lab.setClamps(lab.clamps + [clamp])
        lab.note = "clamped \(clamp); the free run is shown beside it"
        state.overlay = nil
        state.currentLab = lab
    }
    return []
}
