import UnrollTUI

/// Draws the whole frame for a state: the screen, then any overlay; or the too-small notice; or
/// nothing at all on the presenter's blank screen.
public func view(_ state: AppState, into buffer: inout Buffer, glyphs: Glyphs) {
    if state.blank { return }
    if state.tooSmall {
        renderTooSmall(state, into: &buffer)
        if !glyphs.unicode { buffer.foldToASCII() }
        return
    }
    state.screen.active.render(state, into: &buffer, glyphs: glyphs)
    switch state.overlay {
    case .help: Overlays.renderHelp(state, into: &buffer, glyphs: glyphs)
    case .glossary: Glossary.render(into: &buffer, glyphs: glyphs)
    case .explain:
        if let lab = state.currentLab { Overlays.renderExplain(lab, avoiding: explainedChainRect(state, width: buffer.width, height: buffer.height), into: &buffer, glyphs: glyphs) }
        if let screen = state.bptt { BPTTView.renderExplain(screen, into: &buffer, glyphs: glyphs) }
    case let .clampEditor(editor): Overlays.renderClampEditor(editor, into: &buffer, glyphs: glyphs)
    case let .inputEditor(text): Overlays.renderInputEditor(text, lab: state.currentLab, into: &buffer, glyphs: glyphs)
    case .goTo, nil: break  // the go-to prompt is the status line (see `ScreenFrame`)
    }
    if !glyphs.unicode { buffer.foldToASCII() }
}

/// Where the chain the explanation points at is drawn in a frame of `width` × `height` (the
/// screens lay out by the buffer they draw in), so the explain box leaves it in view.
func explainedChainRect(_ state: AppState, width: Int, height: Int) -> Rect? {
    switch state.screen {
    case let .lab(lab): return LabLayout(width: width, height: height, lab: lab, presenter: state.presenter).timeline
    case let .lesson(lesson):
        var sized = state
        sized.width = width
        sized.height = height
        return LessonView.chainRect(lesson, state: sized)
    default: return nil
    }
}

/// The notice below 80×24: what is needed, what there is, and that q still quits.
func renderTooSmall(_ state: AppState, into buffer: inout Buffer) {
    let need = "(need \(AppState.minimumWidth)×\(AppState.minimumHeight), have \(state.width)×\(state.height))"
    let oneLine = "terminal too small " + need
    let lines = buffer.width >= oneLine.count ? [oneLine, "q quits"] : ["terminal too small", need, "q quits"]
    let top = max(0, (buffer.height - lines.count) / 2)
    for (k, line) in lines.enumerated() {
        let x = max(0, (buffer.width - line.count) / 2)
        buffer.put(line, x: x, y: top + k, style: Style(k == 0 ? .warning : .text, bold: k == 0))
    }
}
