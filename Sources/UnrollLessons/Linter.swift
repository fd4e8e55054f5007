import Foundation
import UnrollCore

/// What `unroll lint` found.
public struct LintReport: Sendable {
    /// The lesson files linted.
    public let files: [String]
    /// Every problem, in file order.
    public let diagnostics: [Diagnostic]

    public var errorCount: Int { diagnostics.errors.count }
    public var warningCount: Int { diagnostics.warnings.count }
    /// No errors (warnings allowed).
    public var isClean: Bool { errorCount == 0 }

    /// "3 lessons, 0 errors, 1 warning".
    public var summary: String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return "\(plural(files.count, "lesson")), \(plural(errorCount, "error")), \(plural(warningCount, "warning"))"
    }
}

/// Checks lessons end to end: parses them, runs every scene on the core, evaluates every check and
/// question, and applies the scene-fit and curriculum rules. Every problem is a located `Diagnostic`.
public struct Linter: Sendable {
    /// What lint enforces beyond the format.
    public struct Options: Sendable {
        /// The rules non-draft lessons are held to; nil to skip them.
        public var curriculum: CurriculumRules?
        public var sceneFit: SceneFit
        /// Plot kinds the app draws.
        public var plotKinds: Set<String>
        public var functions: CheckFunctions
        /// The player's own verdict on a step (e.g. rendered at 80×24: does every panel show?), or
        /// nil; supplied by the app, which knows the real layout (this module draws nothing).
        public var stepFit: (@Sendable (Lesson, Int, SceneRunner) -> String?)?
        /// When set, a folder is linted laid over this tree (as the tutor shows it with `--lessons`):
        /// its lessons may use the tree's models and name its lessons; only the folder's own are linted.
        public var base: (any LessonFiles)?

        public init(curriculum: CurriculumRules? = .standard, sceneFit: SceneFit = .standard,
                    plotKinds: Set<String> = PlotSpec.standardKinds, functions: CheckFunctions = .standard,
                    stepFit: (@Sendable (Lesson, Int, SceneRunner) -> String?)? = nil) {
            self.curriculum = curriculum
            self.sceneFit = sceneFit
            self.plotKinds = plotKinds
            self.functions = functions
            self.stepFit = stepFit
        }
    }

    public let options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    /// Lints files and folders (a folder: every lesson in it); lesson ids for `next`/`requires` come from each file's folder.
    public func lint(paths: [String]) -> LintReport {
        let base = options.base
        var files: [String] = []
        var diagnostics: [Diagnostic] = []
        var libraries: [String: LessonLibrary] = [:]
        func library(_ directory: String) -> LessonLibrary {
            if let l = libraries[directory] { return l }
            let folder = FolderLessonFiles(directory: directory)
            let l: LessonLibrary
            if let base, folder.isReadable {
                l = LessonLibrary.load(files: LayeredLessonFiles(top: folder, base: base))
            } else {
                l = LessonLibrary.load(directory: directory)
            }
            libraries[directory] = l
            return l
        }
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                files.append(path)
                diagnostics.append(Diagnostic(file: path, line: 1, column: 1, message: "no such file or folder"))
                continue
            }
            if isDirectory.boolValue {
                let lib = library(path)
                if let problem = lib.problem { diagnostics.append(Diagnostic(file: path, line: 1, column: 1, message: problem)) }
                let folder = FolderLessonFiles(directory: path)
                let own = Set(folder.names(in: "").map(folder.displayPath))
                for entry in lib.entries where base == nil || own.contains(entry.file) {
                    files.append(entry.file)
                    diagnostics += lint(entry, in: lib)
                }
            } else {
                let directory = (path as NSString).deletingLastPathComponent
                let lib = library(directory.isEmpty ? "." : directory)
                let standardized = URL(fileURLWithPath: path).standardizedFileURL.path
                files.append(path)
                if let entry = lib.entries.first(where: { URL(fileURLWithPath: $0.file).standardizedFileURL.path == standardized }) {
                    diagnostics += lint(entry, in: lib).map { var d = $0; d.file = path; return d }
                } else {
                    let result = LessonParser.load(path: path)
                    diagnostics += lint(result, runner: lib.runner, knownIDs: lib.ids)
                }
            }
        }
        return LintReport(files: files, diagnostics: diagnostics)
    }

    /// Lints every lesson of a library.
    public func lint(library: LessonLibrary) -> LintReport {
        var diagnostics: [Diagnostic] = []
        for entry in library.entries { diagnostics += lint(entry, in: library) }
        return LintReport(files: library.entries.map(\.file), diagnostics: diagnostics)
    }

    /// Lints one entry of a library.
    public func lint(_ entry: LessonEntry, in library: LessonLibrary) -> [Diagnostic] {
        lint(LessonParseResult(lesson: entry.lesson, diagnostics: entry.diagnostics), runner: library.runner, knownIDs: library.ids)
    }

    /// Lints a parse result: its diagnostics, then (when it parsed) everything the core can tell.
    public func lint(_ result: LessonParseResult, runner: SceneRunner, knownIDs: Set<String>? = nil) -> [Diagnostic] {
        guard let lesson = result.lesson else { return result.diagnostics }
        return unique(result.diagnostics + lint(lesson, runner: runner, knownIDs: knownIDs))
    }

    /// The problems the core finds in a parsed lesson (not its parse warnings).
    public func lint(_ lesson: Lesson, runner: SceneRunner, knownIDs: Set<String>? = nil) -> [Diagnostic] {
        let file = lesson.file
        var out: [Diagnostic] = []
        func error(_ message: String, _ at: SourcePosition) { out.append(Diagnostic(file: file, location: at, message: message)) }

        // Header: links to other lessons, draft, curriculum.
        if let knownIDs {
            let listed = knownIDs.sorted().joined(separator: ", ")
            if let next = lesson.header.next, !next.value.isEmpty {
                if next.value == lesson.id { error("'next' names this lesson itself", next.location) }
                else if !knownIDs.contains(next.value) {
                    error("'next' names no lesson '\(next.value)'\(Suggestion.hint(for: next.value, in: Array(knownIDs))) (lessons: \(listed))", next.location)
                }
            }
            for r in lesson.header.requires {
                if r.value == lesson.id { error("'requires' names this lesson itself", r.location) }
                else if !knownIDs.contains(r.value) {
                    error("'requires' names no lesson '\(r.value)'\(Suggestion.hint(for: r.value, in: Array(knownIDs))) (lessons: \(listed))", r.location)
                }
            }
        }
        if let draft = lesson.header.draft, draft.value {
            out.append(Diagnostic(file: file, location: draft.location,
                                  message: "draft lesson: the curriculum rules (\((options.curriculum ?? .standard).summary)) are not enforced",
                                  severity: .warning))
        } else if let rules = options.curriculum {
            out += rules.violations(lesson)
        }

        // The header's own scene (its model, input and targets) is resolved and checked even when every
        // step overrides it; when a step inherits it, the same diagnostic is reported once.
        if case let .failure(d) = runner.run(lesson.header.baseScene, file: file) { out.append(d) }

        // Steps: run each scene, then its checks and questions.
        for step in lesson.steps {
            let run: SceneRun
            switch runner.run(step.scene, file: file) {
            case let .failure(d): out.append(d); continue
            case let .success(r): run = r
            }
            out += validate(step, run: run, file: file)
            if let problem = options.stepFit?(lesson, step.number, runner) {
                error(problem, step.sceneLocation ?? step.location)
            }
            let evaluator = CheckEvaluator(run: run, functions: options.functions, models: runner.models, analyses: runner.analyses)
            for formula in step.checks {
                switch evaluator.check(formula) {
                case .passed: break
                case let .failed(observations): error(CheckOutcome.failureMessage(formula, observations), formula.location)
                case let .invalid(e): out.append(formula.diagnostic(e, file: file))
                }
            }
            if let key = step.keyNumber {
                switch evaluator.evaluate(key) {
                case let .success((value, _)):
                    if case .number = value {} else {
                        error("the key number must be a number; '\(key.text)' is \(value.kindName)", key.location)
                    }
                case let .failure(e): out.append(key.diagnostic(e, file: file))
                }
            }
            for question in step.questions {
                if case let .failure(e) = question.computeAnswer(with: evaluator) {
                    out.append(question.answer.diagnostic(e, file: file))
                }
            }
        }
        return unique(out)
    }

    /// Display-side checks of a scene against its model: cursor, highlight, plot, keys, fit.
    func validate(_ step: LessonStep, run: SceneRun, file: String) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func error(_ message: String, _ at: SourcePosition) { out.append(Diagnostic(file: file, location: at, message: message)) }
        let scene = step.scene, model = run.model, T = run.steps
        let kindName = model.kind.displayName
        if let cursor = scene.cursor, cursor.value > T {
            error("cursor \(cursor.value) is past the last step \(T)", cursor.location)
        }
        if let h = scene.highlight {
            if let gate = h.gate, gate.value.block(in: model.kind) == nil {
                let gates = model.kind.gates.map(\.rawValue)
                error("a \(kindName) has no \(gate.value.rawValue) gate (\(gates.isEmpty ? "it has no gates" : "gates: " + gates.joined(separator: ", ")))",
                      gate.location)
            }
            if let unit = h.unit, unit.value.resolve(in: model) == nil {
                switch unit.value {
                case let .index(u): error("unit \(u) is outside 0…\(model.hiddenSize - 1)", unit.location)
                case let .label(l): error("no hidden unit labelled '\(l)' in \(run.modelName)", unit.location)
                }
            }
            if let v = h.vector {
                if (v.value == .cell || v.value == .grad_c) && !model.cell.hasCellState { error("a \(kindName) has no cell state", v.location) }
                if (v.value == .grad_h || v.value == .grad_c) && run.gradients == nil {
                    error("highlighting \(v.value.rawValue) needs targets (gradients of a loss)", v.location)
                }
            }
        }
        if let plot = scene.plot {
            if !options.plotKinds.contains(plot.kind.value) {
                let kinds = options.plotKinds.sorted()
                error("unknown plot kind '\(plot.kind.value)'\(Suggestion.hint(for: plot.kind.value, in: kinds)) (kinds: \(kinds.joined(separator: ", ")))",
                      plot.kind.location)
            }
            if !scene.panels.contains(.plot) { error("the scene sets a plot but 'panels' has no 'plot'", plot.kind.location) }
        }
        let panelsAt = scene.panelsLocation == .start ? (step.sceneLocation ?? step.location) : scene.panelsLocation
        if scene.panels.contains(.cell) && !model.cell.hasCellState { error("the cell panel needs an LSTM; \(run.modelName) is a \(kindName)", panelsAt) }
        if scene.panels.contains(.gates) && !model.cell.isGated { error("the gates panel needs a gated cell; \(run.modelName) is an RNN", panelsAt) }
        if scene.keys.contains(.clamp) && !model.cell.isGated { error("the clamp key needs a gated cell; \(run.modelName) is an RNN", step.sceneLocation ?? step.location) }
        if let train = scene.train, scene.keys.contains(.train), let problem = train.value.problem(for: model, hasTargets: run.targets?.contains { $0 != nil } == true) {
            error("'train: \(train.value.rawValue)' \(problem)", train.location)
        }
        if scene.compareFree && scene.clamps.isEmpty {
            error("'compare_free' shows the clamped run beside the free one, but the scene has no clamps", step.sceneLocation ?? step.location)
        }
        if let outputs = scene.outputs {
            let names: [String]? = model.vocabCoversOutputs ? model.vocab : nil
            for name in outputs where SceneRunner.index(of: name.value, names: names, size: model.outputSize) == nil {
                error("'\(name.value)' is not an output of \(run.modelName) (\(SceneRunner.vocabList(names, size: model.outputSize)))", name.location)
            }
        }
        if let problem = options.sceneFit.problem(scene.panels, model: model, outputs: scene.outputIndices(in: model)?.count) { error(problem, panelsAt) }
        return out
    }

    /// Diagnostics without repeats (a scene error inherited by several steps is reported once), in order.
    func unique(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return diagnostics.filter { seen.insert($0).inserted }.sortedByPosition()
    }
}
