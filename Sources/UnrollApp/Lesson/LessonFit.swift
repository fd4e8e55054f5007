import UnrollCore
import UnrollLessons
import UnrollTUI

/// Whether a lesson step fits a terminal: its frame drawn by the real player, then each panel
/// the scene asks for looked for on screen (lint's `stepFit`, and the walk test over every lesson).
public enum LessonFit {
    /// Text that proves a panel was drawn (nil for the narration, which is always drawn).
    static func signature(_ panel: Panel, lab: LabState?, plot: LessonPlot?) -> String? {
        switch panel {
        case .timeline: return lab.map { "┏t=\($0.t)" } ?? "┏t="  // the cursor's box in the chain
        case .gates, .vectors, .cell: return "│unit "
        case .probs: return "│→ "
        case .diagram: return "the cell at"
        case .explain: return "why "
        case .plot: return plot.map { String($0.title.prefix(20)) }
        case .text: return nil
        }
    }

    /// The problem with 1-based `step` of `lesson` at `width`×`height`, or nil when every panel shows.
    /// The step is judged as first shown and again with every question answered and revealed: a
    /// reveal must not push a panel off the screen or make the narration scroll.
    public static func problem(_ lesson: Lesson, step: Int, runner: SceneRunner, width: Int = 80, height: Int = 24) -> String? {
        let playing = LessonState(lesson: lesson, runner: runner, step: step)
        if case .failure = playing.run { return nil } // lint reports the scene's own error
        var state = AppState(screen: .lesson(playing), width: width, height: height)
        if let problem = problem(in: state, playing, width: width, height: height, when: "") { return problem }
        guard !playing.questions.isEmpty else { return nil }
        var revealed = playing
        revealed.revealAllForFit()
        state.screen = .lesson(revealed)
        return problem(in: state, revealed, width: width, height: height, when: " once its question is revealed")
    }

    static func problem(in state: AppState, _ playing: LessonState, width: Int, height: Int, when: String) -> String? {
        var buffer = Buffer(width: width, height: height)
        view(state, into: &buffer, glyphs: .utf8)
        let text = buffer.text
        let missing = playing.step.scene.panels.filter { panel in
            signature(panel, lab: playing.lab, plot: playing.plot).map { !text.contains($0) } ?? false
        }
        if !missing.isEmpty {
            return "at \(width)×\(height)\(when) the narration and the panels do not fit: "
                + missing.map(\.rawValue).joined(separator: ", ") + " would not show (shorten the narration or ask for fewer panels)"
        }
        // A panel drawn with fewer rows than it needs (the prediction missing an output's row).
        var scratch = Buffer(width: width, height: height)
        // The prediction and the chain must be whole (the narration yields rows to them); a diagram or
        // a plot below them may lose a row, and the unit table drawn narrower than its columns is listed too.
        if let cut = LessonView.render(playing, state: state, into: &scratch, glyphs: .utf8)?.cut.filter({ $0 == .prediction || $0 == .chain }), !cut.isEmpty {
            return "at \(width)×\(height)\(when) the panels do not fit: " + cut.map { "the \($0.rawValue)" }.joined(separator: ", ")
                + " would be cut (shorten the narration or ask for fewer panels)"
        }
        if text.contains("[ ] scroll (") {
            return "at \(width)×\(height)\(when) the narration does not fit and scrolls (shorten it, or ask for fewer panels)"
        }
        return nil
    }
}
