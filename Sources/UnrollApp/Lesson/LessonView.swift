import UnrollCore
import UnrollLessons
import UnrollTUI

/// Draws a lesson step: narration beside (or above) the scene's live panels, the step's question,
/// the checks that back its claims, and the keys.
public enum LessonView {
    /// Draws the step; returns where its panels went (and which were cut), for the fit tests.
    @discardableResult
    public static func render(_ lesson: LessonState, state: AppState, into buffer: inout Buffer, glyphs: Glyphs) -> LessonPanels? {
        let area = buffer.area
        let chrome = state.presenter ? 0 : 1
        let hints = Rect(x: 0, y: area.height - chrome, width: area.width, height: chrome)
        let status = Rect(x: 0, y: hints.y - 1, width: area.width, height: 1)
        let questionHeight = lesson.questions.isEmpty ? 0 : questionRows(lesson, width: area.width)
        let question = Rect(x: 0, y: status.y - questionHeight, width: area.width, height: questionHeight)

        let areas = layoutAreas(lesson, state: state, area: area)
        let wrapped = areas.wrapped
        var narrationArea = areas.narration
        let panels = areas.panels
        if let box = areas.card {
            buffer.render(Block(title: lesson.step.title, focused: true), in: box, glyphs: glyphs)
        }
        // Presenter notes (`--notes`): a box at the foot of the narration, for the presenter's eyes only.
        if state.notes, !lesson.step.notes.isEmpty, narrationArea.height >= 8 {
            let notesText = WrappedText(lesson.step.notes, style: Style(.muted))
            let rows = min(notesText.lineCount(width: narrationArea.width - 2) + 2, narrationArea.height / 2)
            let box = Rect(x: narrationArea.x, y: narrationArea.maxY - rows, width: narrationArea.width, height: rows)
            let block = Block(title: "notes (only you see these)")
            buffer.render(block, in: box, glyphs: glyphs)
            buffer.render(notesText, in: block.inner(box), glyphs: glyphs)
            narrationArea = Rect(x: narrationArea.x, y: narrationArea.y, width: narrationArea.width, height: narrationArea.height - rows)
        }
        // Presenter mode: the step's key number large under the narration, once nothing it could
        // give away is still to be asked.
        if state.presenter, let key = keyNumber(lesson), narrationArea.height >= wrapped.lineCount(width: narrationArea.width) + BigNumber.glyphHeight + 3 {
            let box = Rect(x: narrationArea.x, y: narrationArea.maxY - BigNumber.glyphHeight - 1, width: narrationArea.width, height: BigNumber.glyphHeight + 1)
            buffer.render(key, in: box, glyphs: glyphs)
            narrationArea = Rect(x: narrationArea.x, y: narrationArea.y, width: narrationArea.width, height: box.y - 1 - narrationArea.y)
        }
        // When the narration does not fit, its last row is the scroll marker's own (it never covers text).
        let lines = wrapped.lineCount(width: narrationArea.width)
        if lines - lesson.narrationScroll > narrationArea.height, narrationArea.height >= 2 {
            let textArea = Rect(x: narrationArea.x, y: narrationArea.y, width: narrationArea.width, height: narrationArea.height - 1)
            buffer.render(wrapped, in: textArea, glyphs: glyphs)
            let more = lines - lesson.narrationScroll - textArea.height
            buffer.put("[ ] scroll (\(more) more line\(more == 1 ? "" : "s"))", x: narrationArea.x, y: narrationArea.maxY - 1,
                       style: Style(.muted), maxWidth: narrationArea.width)
        } else {
            buffer.render(wrapped, in: narrationArea, glyphs: glyphs)
        }
        let placed = renderPanels(lesson, state: state, into: &buffer, area: panels, glyphs: glyphs)
        if questionHeight > 0 { renderQuestion(lesson, into: &buffer, area: question, glyphs: glyphs) }

        let checks = lesson.checkResults
        var line = lesson.lab?.note ?? ""
        if line.isEmpty, !checks.isEmpty {
            let held = checks.filter { $0.result.passed }.count
            line = held == checks.count
                ? "\(glyphs.check) " + (checks.count == 1 ? "the claim of this step holds" : "the \(checks.count) claims of this step hold") + " on the live model"
                : "\(checks.count - held) of \(checks.count) claims do not hold: " + (checks.first { !$0.result.passed }.map { $0.formula.text } ?? "")
        }
        let title = " \(lesson.lesson.title) · step \(lesson.stepNumber)/\(lesson.stepCount): \(lesson.step.title)"
        ScreenFrame(app: state, table: lesson.table(state), title: title, note: lesson.note, fallback: line, fallbackRole: .muted)
            .render(into: &buffer, glyphs: glyphs)
        if state.presenter {
            // No title bar on a projector: the step counter keeps the status line's right end.
            let counter = " step \(lesson.stepNumber)/\(lesson.stepCount) "
            buffer.put(counter, x: max(0, area.width - counter.count), y: status.y, style: Style(.title, bold: true, reverse: true), maxWidth: area.width)
        }
        return placed
    }

    /// Where the narration (its card, in presenter mode on a wide screen) and the panels go.
    static func layoutAreas(_ lesson: LessonState, state: AppState, area: Rect)
        -> (card: Rect?, narration: Rect, panels: Rect, wrapped: WrappedText) {
        let chrome = state.presenter ? 0 : 1
        let statusY = area.height - chrome - 1
        let questionHeight = lesson.questions.isEmpty ? 0 : questionRows(lesson, width: area.width)
        let body = Rect(x: 0, y: chrome, width: area.width, height: max(0, statusY - questionHeight - chrome))
        // Narration: a column on wide screens (or in presenter mode: a larger share), on top otherwise.
        let sideBySide = area.width >= 110
        // Presenter mode on a wide screen: the narration is a card titled with the step, its lines short.
        let card = state.presenter && sideBySide
        let narrationText = (state.presenter && !card ? "# \(lesson.step.title)\n\n" : "") + lesson.step.narration
        let wrapped = WrappedText(narrationText, scroll: lesson.narrationScroll)
        if sideBySide {
            // Presenter mode: short lines (at most 64 columns), the rest for the pictures.
            // (narrower when the unit table would not fit beside it, down to 36).
            let tableWidth = lesson.lab.map { LabLayout.tableWidth($0.model.cell) } ?? 0
            let w = state.presenter ? max(36, min(64, area.width * 2 / 5, area.width - tableWidth)) : min(54, area.width * 2 / 5)
            let panels = Rect(x: w, y: body.y, width: area.width - w, height: body.height)
            if card {
                let box = Rect(x: 0, y: body.y, width: w, height: body.height)
                let inner = Block(title: lesson.step.title, focused: true).inner(box)
                let narration = Rect(x: inner.x + 1, y: inner.y + 1, width: max(0, inner.width - 2), height: max(0, inner.height - 1))
                return (box, narration, panels, wrapped)
            }
            return (nil, Rect(x: 1, y: body.y, width: w - 2, height: body.height), panels, wrapped)
        }
        // A blank row under the narration only when the screen has rows to spare.
        let needed = wrapped.lineCount(width: area.width - 2) + (area.height >= 30 ? 1 : 0)
        // A step that shows only its text gives the narration the whole body.
        let textOnly = lesson.step.scene.panels.allSatisfy { $0 == .text }
        // It yields rows (down to 3, then it scrolls) to panels that would otherwise be cut.
        let wish = min(max(4, needed), max(4, body.height / 2))
        let free = body.height - LessonPanels.neededHeight(lesson, width: area.width)
        let h = textOnly ? body.height : (free < wish ? min(wish, max(free, min(needed, 3))) : wish)
        return (nil, Rect(x: 1, y: body.y, width: area.width - 2, height: h),
                Rect(x: 0, y: body.y + h, width: area.width, height: max(0, body.height - h)), wrapped)
    }

    /// Where the step's chain is drawn on a screen of `state`'s size (nil when it shows none): with
    /// the explain box open, only the rows its usual (not tall) form uses.
    public static func chainRect(_ lesson: LessonState, state: AppState) -> Rect? {
        let panels = layoutAreas(lesson, state: state, area: Rect(width: state.width, height: state.height)).panels
        guard panels.height >= 3, let rect = LessonPanels(lesson, area: panels, presenter: state.presenter).rect(.chain) else { return nil }
        guard state.overlay == .explain, let lab = lesson.lab else { return rect }
        return Rect(x: rect.x, y: rect.y, width: rect.width, height: min(rect.height, lab.chain().fullHeight))
    }

    /// The step's key number as a large number, nil when the step marks none or a question is still open.
    static func keyNumber(_ lesson: LessonState) -> BigNumber? {
        guard let value = lesson.keyValue, let formula = lesson.step.keyNumber,
              lesson.questions.allSatisfy({ $0.revealed != nil }) else { return nil }
        return BigNumber(NumberFormat.significant(value), label: formula.text)
    }

    /// The scene's panels in its area, where `LessonPanels` puts them: the unrolled chain on top,
    /// then the unit table and the prediction, the diagram, the explanation and the plot.
    @discardableResult
    static func renderPanels(_ lesson: LessonState, state: AppState, into buffer: inout Buffer, area: Rect, glyphs: Glyphs) -> LessonPanels? {
        guard area.height >= 3 else { return nil }
        if let job = lesson.computing {
            buffer.put(job.description, x: area.x + 1, y: area.y + 1, style: Style(.muted), maxWidth: area.width - 2)
            return nil
        }
        if case let .failure(d) = lesson.run {
            buffer.render(WrappedText("This step's scene could not run:\n\n`\(d.description)`"), in: area.inset(by: 1), glyphs: glyphs)
            return nil
        }
        let layout = LessonPanels(lesson, area: area, presenter: state.presenter)
        for (piece, r) in layout.placed {
            switch piece {
            case .chain:
                if let lab = lesson.lab {
                    var chain = lab.chain(explaining: state.overlay == .explain)
                    // While the explain box is open the chain keeps its usual rows, so the box fits under it.
                    chain.tall = state.presenter && state.overlay != .explain
                    buffer.render(chain, in: r, glyphs: glyphs)
                }
            case .table: if let lab = lesson.lab { LabView.renderTable(lab, run: lab.shown, into: &buffer, area: r, glyphs: glyphs) }
            case .prediction:
                if let lab = lesson.lab {
                    let h = min(r.height, lab.isSeries ? 5 : lab.predictionOutputs.count + 3)
                    LabView.renderPrediction(lab, into: &buffer, area: Rect(x: r.x, y: r.y, width: r.width, height: h), glyphs: glyphs)
                }
            case .diagram: if let lab = lesson.lab { LabView.renderDiagram(lab, into: &buffer, area: r, glyphs: glyphs) }
            case .explain: if let lab = lesson.lab { LabView.renderTerms(lab, into: &buffer, area: r, glyphs: glyphs) }
            case .training: if let lab = lesson.lab, lab.training != nil { LabView.renderTraining(lab, into: &buffer, area: r, glyphs: glyphs) }
            case .plot: if let plot = lesson.plot { renderPlot(plot, into: &buffer, area: r, glyphs: glyphs) }
            }
        }
        return layout
    }

    static func renderPlot(_ plot: LessonPlot, into buffer: inout Buffer, area: Rect, glyphs: Glyphs) {
        let block = Block(title: plot.title)
        buffer.render(block, in: area, glyphs: glyphs)
        let inner = block.inner(area)
        guard inner.height >= 2 else { return }
        let plotArea = Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - 1)
        buffer.render(LinePlot(series: plot.series, logY: plot.logY), in: plotArea, glyphs: glyphs)
        buffer.put(plot.caption, x: inner.x, y: inner.maxY - 1, style: Style(.muted), maxWidth: inner.width)
    }

    /// Rows the question box needs.
    static func questionRows(_ lesson: LessonState, width: Int) -> Int {
        guard lesson.activeQuestion < lesson.questions.count else { return 0 }
        let q = lesson.questions[lesson.activeQuestion]
        let prompt = WrappedText(q.question.prompt).lineCount(width: width - 4)
        // The box reserves its revealed height from the start (verdict and explanation), so a reveal
        // never moves or resizes the panels above it.
        let reveal = WrappedText(q.question.explanation).lineCount(width: width - 4) + 1
        // Two rows for the borders: before the reveal the choices (and the hint) take the verdict's rows.
        return min(12, prompt + max(reveal, q.hintShown ? 2 : 1) + 2)
    }

    static func renderQuestion(_ lesson: LessonState, into buffer: inout Buffer, area: Rect, glyphs: Glyphs) {
        guard lesson.activeQuestion < lesson.questions.count, area.height >= 3 else { return }
        let q = lesson.questions[lesson.activeQuestion]
        let block = Block(title: q.revealed == nil ? "predict, then see" : "revealed", focused: q.revealed == nil)
        buffer.fill(area)
        buffer.render(block, in: area, glyphs: glyphs)
        let inner = block.inner(area)
        let promptWrap = WrappedText(q.question.prompt)
        let promptLines = promptWrap.lineCount(width: inner.width)
        buffer.render(promptWrap, in: Rect(x: inner.x, y: inner.y, width: inner.width, height: promptLines), glyphs: glyphs)
        var y = inner.y + promptLines
        guard y < inner.maxY else { return }
        if let revealed = q.revealed {
            let said = "you said \(q.question.text(of: revealed.response)) · "
            var verdict = said + (revealed.correct ? "\(glyphs.check) right: " : "not quite: ") + "the live model says \(revealed.answer.text)"
            if case .range = q.question.kind { verdict += " (±\(formatCheckNumber(q.question.effectiveTolerance)) counts)" }
            if !revealed.correct { verdict += " · another answer tries again" }
            buffer.put(verdict, x: inner.x, y: y, style: Style(revealed.correct ? .positive : .warning, bold: true), maxWidth: inner.width)
            y += 1
            buffer.render(WrappedText(revealed.explanation), in: Rect(x: inner.x, y: y, width: inner.width, height: max(0, inner.maxY - y)), glyphs: glyphs)
        } else {
            switch q.question.kind {
            case let .choices(choices):
                let line = choices.enumerated().map { "\($0.offset + 1) \($0.element)" }.joined(separator: "   ") + "   (press 1–\(choices.count))"
                buffer.put(line, x: inner.x, y: y, style: Style(.accent, bold: true), maxWidth: inner.width)
            case let .range(low, high):
                let typed = q.typed.isEmpty ? "" : q.typed + "_"
                buffer.put("a number from \(formatCheckNumber(low)) to \(formatCheckNumber(high)) (within ±\(formatCheckNumber(q.question.effectiveTolerance)) counts), then Enter: \(typed)",
                           x: inner.x, y: y, style: Style(.accent, bold: true), maxWidth: inner.width)
            }
            if q.hintShown, let hint = q.question.hint, y + 1 < inner.maxY {
                buffer.put("hint: " + hint, x: inner.x, y: y + 1, style: Style(.muted), maxWidth: inner.width)
            }
        }
    }
}
