import UnrollCore
import UnrollLessons
import UnrollTUI

/// The plain-text form of a lab (screen readers, pipes, `TERM=dumb`): every step as readable
/// lines and number tables, no escape codes.
///
/// Every report is passed through `TerminalSafe.lines`: model names, vocabularies, labels and
/// lesson text come from files, and an escape sequence in one must never reach the terminal.
public enum PlainReport {
    public static func lab(_ lab: LabState) -> String {
        var out: [String] = []
        let m = lab.model
        out.append("Unroll lab: \(lab.title) (\(m.kind.displayName), \(m.hiddenSize) hidden units)")
        out.append("input: " + lab.tokens.joined(separator: " "))
        if !lab.clamps.isEmpty { out.append("clamps: " + lab.clamps.map(\.description).joined(separator: ", ")) }
        let run = lab.shown
        let labels = (0..<m.hiddenSize).map { m.hiddenLabels?[$0] ?? "unit \($0)" }
        let labelWidth = max(6, labels.map(\.count).max() ?? 6) + 2
        for t in 1...max(1, lab.steps) where t <= lab.steps {
            out.append("")
            out.append("step \(t): \"\(lab.token(at: t))\"")
            var header = "unit".padded(labelWidth)
            var columns: [(String, [Double])] = []
            for g in m.kind.gates { columns.append(("\(g.symbol(in: m.kind)) \(g.rawValue)", run.gate(g, at: t) ?? [])) }
            if let c = run.cell(at: t) { columns.append(("c cell", c)) }
            columns.append(("h hidden", run.hidden(at: t)))
            for (name, _) in columns { header += name.padded(12) }
            out.append(header)
            for u in 0..<m.hiddenSize {
                var row = labels[u].padded(labelWidth)
                for (_, values) in columns { row += NumberFormat.signed(values[u], width: 7).padded(12) }
                out.append(row)
            }
            if lab.isSeries {
                out.append(PlainReport.seriesStep(lab, at: t))
                continue
            }
            let probs = run.probabilities(at: t)
            let ranked = probs.indices.sorted { probs[$0] > probs[$1] }
            out.append("prediction: " + ranked.map { "\(m.outputLabel($0)) \(NumberFormat.percent(probs[$0]))" }.joined(separator: ", "))
            var verdict = "predicted: \(m.outputLabel(run.predicted(at: t)))"
            if let target = run.target(at: t) { verdict += ", target: \(m.outputLabel(target))" }
            if let loss = run.loss(at: t) { verdict += ", loss: " + NumberFormat.compact(loss, width: 7, decimals: 4) }
            if let clamped = lab.clamped, clamped.predicted(at: t) != lab.free.predicted(at: t) {
                verdict += " (without the clamps: \(m.outputLabel(lab.free.predicted(at: t))))"
            }
            out.append(verdict)
        }
        if let loss = run.totalLoss { out.append(""); out.append("total loss: " + NumberFormat.compact(loss, width: 9, decimals: 5)) }
        if lab.isSeries { out += PlainReport.seriesSummary(lab) }
        out += PlainReport.continuationLine(lab)
        return TerminalSafe.lines(out.joined(separator: "\n") + "\n")
    }

    /// The start screen as text: the entries and how to open them from the command line.
    public static func start(_ start: StartState) -> String {
        var out = ["Unroll: a terminal tutor for recurrent neural networks.", "", "What you can open:"]
        for entry in start.entries {
            switch entry.action {
            case let .lab(model, input): out.append("  \(entry.title): unroll lab \(model) --input \"\(input)\" --plain")
            case let .lesson(id, _): out.append("  \(entry.title): unroll lesson \(id) --plain")
            case .vanishing: out.append("  \(entry.title): unroll gradients vanishing --plain")
            case let .bptt(model, input): out.append("  \(entry.title): unroll gradients bptt --model \(model) --input \"\(input)\" --plain")
            case .race: out.append("  \(entry.title): unroll gradients race --plain")
            case let .unavailable(why): out.append("  \(entry.title): unavailable (\(why))")
            }
        }
        out.append("")
        out.append("Run unroll in a terminal for the full-screen tutor. See unroll --help.")
        return TerminalSafe.lines(out.joined(separator: "\n") + "\n")
    }

    /// A lesson as text: every step's narration, what the scene computes, its checks and questions
    /// (each answer printed after the question, as computed by the core).
    /// The lesson as text from its current step on; `notes`: with the presenter notes.
    public static func lesson(_ start: LessonState, notes: Bool = false) -> String {
        var out: [String] = ["\(start.lesson.title) (\(start.lesson.header.minutes.formatted0) minutes, \(start.stepCount) steps)"]
        if !start.lesson.header.summary.isEmpty { out.append(start.lesson.header.summary) }
        var lesson = start
        for n in start.stepNumber...start.stepCount {
            lesson.go(toStep: n)
            out.append("")
            out.append("Step \(n) of \(lesson.stepCount): \(lesson.step.title)")
            out.append(contentsOf: WrappedText(lesson.step.narration).plainLines(width: 78))
            if notes, !lesson.step.notes.isEmpty {
                out.append("  presenter notes:")
                out.append(contentsOf: WrappedText(lesson.step.notes).plainLines(width: 74).map { "    " + $0 })
            }
            if case let .failure(d) = lesson.run { out.append("(the scene could not run: \(d))") }
            if let lab = lesson.lab {
                let t = lab.t
                let run = lab.shown
                let scene = "  scene: \(lab.model.name ?? "model") on \"\(lab.tokens.joined(separator: " "))\", step \(t) (\"\(lab.token(at: t))\"): "
                if lab.isSeries {
                    // A forecaster writes a number, not a distribution.
                    out.append(scene + PlainReport.seriesStep(lab, at: t))
                } else {
                    // The outputs the scene lists (`outputs:`), else every output; the top three.
                    let probs = run.probabilities(at: t)
                    let ranked = lab.predictionOutputs.sorted { probs[$0] > probs[$1] }.prefix(3)
                    out.append(scene + ranked.map { "\(lab.outputLabel($0)) \(NumberFormat.percent(probs[$0]))" }.joined(separator: ", "))
                }
            }
            if let plot = lesson.plot { out.append("  plot: \(plot.title): \(plot.caption)") }
            // The claims' outcome, not their check expressions (those are for lesson authors: unroll lint).
            let checks = lesson.checkResults
            if !checks.isEmpty {
                let held = checks.filter { $0.result.passed }.count
                out.append(held == checks.count
                           ? "  checked on the live model: " + (checks.count == 1 ? "the claim of this step holds" : "all \(checks.count) claims of this step hold")
                           : "  checked on the live model: \(checks.count - held) of \(checks.count) claims do NOT hold (unroll lint shows which)")
            }
            if let evaluator = lesson.evaluator {
                for q in lesson.step.questions {
                    out.append("  question: \(q.prompt)")
                    if case let .choices(choices) = q.kind {
                        out.append("    " + choices.enumerated().map { "\($0.offset + 1)) \($0.element)" }.joined(separator: "  "))
                    }
                    switch q.computeAnswer(with: evaluator) {
                    case let .success(answer): out.append("    answer: \(answer.text). \(q.explanation)")
                    case let .failure(e): out.append("    answer: (could not be computed: \(e))")
                    }
                }
            }
        }
        return TerminalSafe.lines(out.joined(separator: "\n") + "\n")
    }
}

extension Double {
    /// Whole numbers without a decimal point, others with one decimal.
    var formatted0: String { LessonInteger.from(self, in: Int.min...Int.max).map(String.init) ?? NumberFormat.fixed(self, decimals: 1) }
}
