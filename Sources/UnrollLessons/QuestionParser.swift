/// Reads a ```` ```question ```` block.
enum QuestionParser {
    static let keys = ["prompt", "choices", "range", "answer", "tolerance", "explanation", "hint"]

    static func parse(_ node: YAMLNode?, blockStart: SourcePosition, file: String) -> (Question?, [Diagnostic]) {
        var reader = YAMLReader(file: file, what: "question")
        let entries = reader.entries(node, known: keys, at: blockStart)
        var prompt: String? = nil, explanation: String? = nil, tolerance: Double? = nil, hint: String? = nil
        var choices: [String]? = nil
        var range: (Double, Double)? = nil
        var answer: Formula? = nil
        var rangeEntry: YAMLEntry? = nil, toleranceEntry: YAMLEntry? = nil
        for entry in entries {
            switch entry.key {
            case "prompt": prompt = reader.text(entry)?.value.trimmed
            case "explanation": explanation = reader.text(entry)?.value.trimmed
            case "hint": hint = reader.text(entry)?.value.trimmed
            case "choices":
                guard let list = reader.textList(entry) else { continue }
                if list.count < 2 || list.count > Question.maxChoices {
                    reader.error("'choices' needs 2 to \(Question.maxChoices) choices, not \(list.count)", at: entry.value.location)
                } else if let dup = list.first(where: { c in list.filter { $0.value.trimmed == c.value.trimmed }.count > 1 }) {
                    reader.error("choice '\(dup.value)' is listed twice", at: dup.location)
                } else {
                    choices = list.map { $0.value.trimmed }
                }
            case "range":
                rangeEntry = entry
                guard case let .sequence(items, at) = entry.value, items.count == 2,
                      case let .scalar(a) = items[0], case let .scalar(b) = items[1], let low = a.number, let high = b.number else {
                    reader.error("'range' should be [low, high], two numbers", at: entry.value.location)
                    continue
                }
                guard low < high else { reader.error("'range' needs low < high", at: at); continue }
                guard (high - low).isFinite else { reader.error("'range' is too wide: its width must be a finite number", at: at); continue }
                range = (low, high)
            case "tolerance":
                toleranceEntry = entry
                guard let t = reader.number(entry) else { continue }
                if t.value > 0 { tolerance = t.value } else { reader.error("'tolerance' should be more than 0", at: t.location) }
            case "answer":
                guard case let .scalar(s) = entry.value, !s.isNull, !s.text.trimmed.isEmpty else {
                    reader.error("'answer' should be an expression (e.g. predicted@4), not \(entry.value.kindName)", at: entry.value.location)
                    continue
                }
                let text = s.style == .block ? s.text.trimmed : s.text
                switch Formula.parse(text, at: s.contentLocation, file: file) {
                case let .success(f): answer = f
                case let .failure(d): reader.error(d.message, at: d.location)
                }
            default:
                break
            }
        }
        let present = Set(entries.map(\.key))
        if !present.contains("prompt") { reader.error("the question needs a 'prompt'", at: blockStart) }
        if !present.contains("answer") { reader.error("the question needs an 'answer' expression the core computes", at: blockStart) }
        if !present.contains("explanation") { reader.error("the question needs an 'explanation' shown with the answer", at: blockStart) }
        if present.contains("choices") == present.contains("range") {
            reader.error("the question needs either 'choices' or 'range' (not both)", at: rangeEntry?.keyLocation ?? blockStart)
        }
        if let toleranceEntry, present.contains("choices") {
            reader.error("'tolerance' applies to range questions only", at: toleranceEntry.keyLocation)
        }
        guard reader.diagnostics.errors.isEmpty, let prompt, let explanation, let answer else { return (nil, reader.diagnostics) }
        let kind: Question.Kind
        if let choices { kind = .choices(choices) } else if let range { kind = .range(low: range.0, high: range.1) } else {
            return (nil, reader.diagnostics)
        }
        var question = Question(prompt: prompt, kind: kind, answer: answer, tolerance: tolerance, explanation: explanation, location: blockStart)
        question.hint = hint
        return (question, reader.diagnostics)
    }
}
