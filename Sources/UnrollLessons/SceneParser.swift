import UnrollCore

/// Reads a ```` ```scene ```` block and applies it on top of the scene the step inherits.
enum SceneParser {
    static let keys = ["model", "input", "targets", "clamps", "compare_free", "cursor", "panels", "highlight", "plot", "keys", "train", "outputs", "series"]
    static let highlightKeys = ["gate", "unit", "vector"]
    /// The steps `cursor` may name (lint then checks it against the scene's steps).
    static let cursorRange = 1...1_000_000

    /// The inherited scene with every key the block sets replaced; diagnostics for every mistake.
    static func apply(_ node: YAMLNode?, to base: Scene, blockStart: SourcePosition, file: String) -> (Scene, [Diagnostic]) {
        var reader = YAMLReader(file: file, what: "scene")
        var scene = base
        var setInput = false, setSeries = false
        for entry in reader.entries(node, known: keys, at: blockStart) {
            switch entry.key {
            case "model":
                if let name = reader.text(entry) { scene.model = Located(name.value.trimmed, at: name.location) }
            case "input":
                if let tokens = reader.tokens(entry) { scene.input = tokens; setInput = true }
            case "targets":
                if entry.value.isNull { scene.targets = nil } else if let tokens = reader.tokens(entry) { scene.targets = tokens }
            case "clamps":
                if let specs = reader.textList(entry) { scene.clamps = specs }
            case "compare_free":
                if let b = reader.bool(entry) { scene.compareFree = b.value }
            case "cursor":
                if entry.value.isNull { scene.cursor = nil }
                else if let t = reader.integer(entry, in: Int.min...Int.max) {
                    if cursorRange.contains(t.value) { scene.cursor = t } else {
                        reader.error("'cursor' is a 1-based step: \(LessonInteger.describe(cursorRange))", at: t.location)
                    }
                }
            case "panels":
                if let names = reader.textList(entry) {
                    scene.panels = panels(names, reader: &reader)
                    scene.panelsLocation = entry.keyLocation
                }
            case "highlight":
                scene.highlight = highlight(entry, reader: &reader)
            case "plot":
                scene.plot = plot(entry, reader: &reader)
            case "keys":
                if let names = reader.textList(entry) { scene.keys = interactiveKeys(names, reader: &reader) }
            case "train":
                if entry.value.isNull { scene.train = nil }
                else if let name = reader.text(entry) {
                    if let source = TrainingSource(rawValue: name.value.trimmed) { scene.train = Located(source, at: name.location) } else {
                        let known = TrainingSource.allCases.map(\.rawValue)
                        reader.error("unknown training data '\(name.value)'\(Suggestion.hint(for: name.value, in: known)) (train: \(known.joined(separator: ", ")))",
                                     at: name.location)
                    }
                }
            case "series":
                setSeries = true
                if entry.value.isNull { scene.series = nil } else { scene.series = series(entry, reader: &reader) }
            case "outputs":
                if entry.value.isNull { scene.outputs = nil }
                else if let names = reader.textList(entry) { scene.outputs = outputs(names, reader: &reader) }
            default:
                break
            }
        }
        if setSeries, setInput {
            reader.error("a scene sets 'input' or 'series', not both (a series is its input)", at: blockStart)
        } else if setSeries, let series = scene.series {
            scene.input = series.input(at: series.seed.location)
        } else if setInput {
            scene.series = nil
        }
        return (scene, reader.diagnostics)
    }

    static func series(_ entry: YAMLEntry, reader: inout YAMLReader) -> SeriesSpec? {
        var seed = Located(1, at: entry.keyLocation), observed: Located<Int>? = nil, horizon = Located(0, at: entry.keyLocation)
        for e in reader.entries(entry.value, known: SeriesSpec.keys, at: entry.keyLocation) {
            switch e.key {
            case "seed": if let v = reader.integer(e, in: SeriesSpec.seeds) { seed = v }
            case "observed": if let v = reader.integer(e, in: SeriesSpec.observedSteps) { observed = v }
            case "horizon": if let v = reader.integer(e, in: SeriesSpec.horizons) { horizon = v }
            default: break
            }
        }
        guard let observed else {
            reader.error("'series' needs 'observed': the steps the network reads (\(LessonInteger.describe(SeriesSpec.observedSteps)))", at: entry.keyLocation)
            return nil
        }
        if observed.value + horizon.value > SceneRunner.maxSteps {
            reader.error("'series' runs \(observed.value + horizon.value) steps; a scene runs at most \(SceneRunner.maxSteps)", at: horizon.location)
            return nil
        }
        return SeriesSpec(seed: Located(seed.value, at: seed.location), observed: observed, horizon: horizon)
    }

    static func panels(_ names: [Located<String>], reader: inout YAMLReader) -> [Panel] {
        var out: [Panel] = []
        let known = Panel.allCases.map(\.rawValue)
        for name in names {
            guard let panel = Panel(rawValue: name.value) else {
                reader.error("unknown panel '\(name.value)'\(Suggestion.hint(for: name.value, in: known)) (panels: \(known.joined(separator: ", ")))",
                             at: name.location)
                continue
            }
            if out.contains(panel) { reader.error("panel '\(panel.rawValue)' is listed twice", at: name.location); continue }
            out.append(panel)
        }
        return out
    }

    /// The outputs a probability panel lists: nil for an empty list (every output); a repeat is an error.
    static func outputs(_ names: [Located<String>], reader: inout YAMLReader) -> [Located<String>]? {
        var out: [Located<String>] = []
        for name in names {
            if out.contains(where: { $0.value == name.value }) { reader.error("output '\(name.value)' is listed twice", at: name.location); continue }
            out.append(name)
        }
        return out.isEmpty ? nil : out
    }

    static func interactiveKeys(_ names: [Located<String>], reader: inout YAMLReader) -> [InteractiveKey] {
        var out: [InteractiveKey] = []
        let known = InteractiveKey.allCases.map(\.rawValue)
        for name in names {
            guard let key = InteractiveKey(rawValue: name.value) else {
                reader.error("unknown key '\(name.value)'\(Suggestion.hint(for: name.value, in: known)) (keys: \(known.joined(separator: ", ")))",
                             at: name.location)
                continue
            }
            if !out.contains(key) { out.append(key) }
        }
        return out
    }

    static func highlight(_ entry: YAMLEntry, reader: inout YAMLReader) -> Highlight? {
        if entry.value.isNull { return nil }
        var h = Highlight()
        for e in reader.entries(entry.value, known: highlightKeys, at: entry.keyLocation) {
            switch e.key {
            case "gate":
                guard let name = reader.text(e) else { continue }
                if let gate = Gate(rawValue: name.value) { h.gate = Located(gate, at: name.location) } else {
                    let known = Gate.allCases.map(\.rawValue)
                    reader.error("unknown gate '\(name.value)'\(Suggestion.hint(for: name.value, in: known)) (gates: \(known.joined(separator: ", ")))",
                                 at: name.location)
                }
            case "unit":
                guard case let .scalar(s) = e.value, !s.isNull else {
                    reader.error("'unit' should be a unit index or a hidden label, not \(e.value.kindName)", at: e.value.location)
                    continue
                }
                if s.style == .plain, let u = Int(s.text) {
                    if u >= 0 { h.unit = Located(.index(u), at: s.location) } else { reader.error("unit indices start at 0", at: s.location) }
                } else {
                    h.unit = Located(.label(s.text), at: s.contentLocation)
                }
            case "vector":
                guard let name = reader.text(e) else { continue }
                if let v = HighlightVector(rawValue: name.value) { h.vector = Located(v, at: name.location) } else {
                    let known = HighlightVector.allCases.map(\.rawValue)
                    reader.error("unknown vector '\(name.value)'\(Suggestion.hint(for: name.value, in: known)) (vectors: \(known.joined(separator: ", ")))",
                                 at: name.location)
                }
            default:
                break
            }
        }
        return h
    }

    static func plot(_ entry: YAMLEntry, reader: inout YAMLReader) -> PlotSpec? {
        if entry.value.isNull { return nil }
        guard case let .mapping(entries, at) = entry.value else {
            reader.error("'plot' should be a mapping with a 'kind' and its parameters, not \(entry.value.kindName)", at: entry.value.location)
            return nil
        }
        var kind: Located<String>? = nil
        var parameters: [String: PlotValue] = [:]
        for e in entries {
            if e.key == "kind" { kind = reader.text(e) } else { parameters[e.key] = PlotValue(e.value) }
        }
        guard let kind else {
            if !entries.contains(where: { $0.key == "kind" }) { reader.error("'plot' needs a 'kind' (e.g. squash, power, distance, loss, race)", at: at) }
            return nil
        }
        PlotParameters.check(kind: kind.value, entries: entries.filter { $0.key != "kind" }, reader: &reader)
        return PlotSpec(kind: kind, parameters: parameters)
    }
}
