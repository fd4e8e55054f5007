import Foundation

/// Turns a lesson file into a `Lesson`, or into diagnostics that each carry a line and column.
///
/// The Markdown structure is simple on purpose: YAML front matter between `---` lines, then steps
/// that each start at a `## Heading`. Inside a step, fenced blocks whose info string is `scene`,
/// `check` or `question` carry structure; every other line (and every other fence) is narration.
/// YAML is read by Yams; check expressions by `CheckParser`. Nothing here runs code or reads files.
public enum LessonParser {
    /// Lesson files larger than this are refused unread.
    public static let maxBytes = 1 << 20

    /// Parses lesson `text` from `file`; the id defaults to the file name without `.md`.
    public static func parse(_ text: String, file: String, id: String? = nil) -> LessonParseResult {
        var parser = Run(file: file)
        let lesson = parser.parse(text, defaultID: id ?? defaultID(forFile: file))
        let diagnostics = parser.diagnostics.sortedByPosition()
        return LessonParseResult(lesson: diagnostics.errors.isEmpty ? lesson : nil, diagnostics: diagnostics)
    }

    /// Reads and parses the lesson at `path` (a file that cannot be read is a located diagnostic too).
    public static func load(path: String, displayName: String? = nil) -> LessonParseResult {
        let folder = (path as NSString).deletingLastPathComponent
        let files = FolderLessonFiles(directory: folder.isEmpty ? "." : folder)
        return load(files: files, path: (path as NSString).lastPathComponent, displayName: displayName ?? path)
    }

    /// Reads and parses the lesson at `path` in a lesson tree.
    public static func load(files: any LessonFiles, path: String, displayName: String? = nil) -> LessonParseResult {
        let file = displayName ?? files.displayPath(path)
        func failure(_ message: String) -> LessonParseResult {
            LessonParseResult(lesson: nil, diagnostics: [Diagnostic(file: file, line: 1, column: 1, message: message)])
        }
        switch files.read(path, limit: maxBytes) {
        case let .success(data):
            return parse(String(decoding: data, as: UTF8.self), file: file, id: defaultID(forFile: path))
        case let .failure(error):
            switch error.kind {
            case .tooLarge: return failure("lesson file is too large (\(error.size.map { "\($0) bytes; " } ?? "")at most \(maxBytes))")
            case .outside: return failure("lesson file leads outside the lessons folder (refused)")
            case .notFound, .unreadable: return failure("cannot read the lesson file")
            }
        }
    }

    /// The file name without its folder and `.md`.
    public static func defaultID(forFile file: String) -> String {
        let name = (file as NSString).lastPathComponent
        return name.hasSuffix(".md") ? String(name.dropLast(3)) : name
    }

    /// Whether `id` is usable as a lesson id.
    static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 100 && id.unicodeScalars.allSatisfy { s in
            ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s) || s == "-" || s == "_" || s == "."
        }
    }

    /// A fenced code block: where it opened, its info word, its content lines.
    struct Fence {
        let info: String
        let opening: SourcePosition
        let marker: Character
        let length: Int
        var contentStart: Int
        var lines: [String] = []
    }

    /// The lines of one step before they are interpreted.
    struct RawStep {
        let title: String
        let location: SourcePosition
        var narration: [String] = []
        var blocks: [Fence] = []
    }

    /// One parse: the diagnostics it collects.
    struct Run {
        let file: String
        var diagnostics: [Diagnostic] = []

        init(file: String) { self.file = file }

        mutating func error(_ message: String, _ at: SourcePosition) {
            diagnostics.append(Diagnostic(file: file, location: at, message: message))
        }

        mutating func parse(_ text: String, defaultID: String) -> Lesson? {
            guard text.utf8.count <= LessonParser.maxBytes else {
                error("lesson file is too large (\(text.utf8.count) bytes; at most \(LessonParser.maxBytes))", .start)
                return nil
            }
            // A byte-order mark some editors write is not part of the '---' line.
            let source = SourceLines(text.hasPrefix("\u{FEFF}") ? String(text.unicodeScalars.dropFirst()) : text)
            // Front matter.
            var bodyStart = 1
            var headerNode: YAMLNode? = nil
            var headerComplete = false
            if source[1].trimmed == "---" {
                var close: Int? = nil
                var k = 2
                while k <= source.count {
                    let t = source[k].trimmed
                    if (t == "---" || t == "...") && source[k].leadingSpaces == 0 { close = k; break }
                    k += 1
                }
                if let close {
                    let yaml = (2..<close).map { source[$0] }.joined(separator: "\n")
                    let (node, problems) = YAMLBlock.parse(yaml, firstLine: 2, file: file, what: "the header")
                    diagnostics += problems
                    headerNode = node
                    headerComplete = problems.isEmpty
                    bodyStart = close + 1
                } else {
                    error("the header opened by '---' on line 1 is never closed: end it with a '---' line", .start)
                    bodyStart = source.count + 1
                }
            } else {
                error("a lesson starts with a YAML header between '---' lines (title, summary, minutes, model, input)", .start)
            }
            let (header, headerProblems) = HeaderParser.parse(headerNode, defaultID: defaultID, opening: .start, file: file,
                                                                          complete: headerComplete)
            diagnostics += headerProblems

            // Body: the introduction, then steps at '## ' headings; fences tracked so '## ' inside code is text.
            var introduction: [String] = []
            var steps: [RawStep] = []
            var open: Fence? = nil
            // The open fence's lines, kept apart from `open` so appending never copies them (linear parsing).
            var openLines: [String] = []
            var k = bodyStart
            while k <= source.count {
                let line = source[k]
                if var fence = open {
                    if Self.closes(line, fence) {
                        open = nil
                        fence.lines = openLines
                        openLines = []
                        if LessonParser.structuralInfo.contains(fence.info) {
                            if steps.isEmpty {
                                error("a ```\(fence.info) block must be inside a step (after a '## ' heading)", fence.opening)
                            } else {
                                steps[steps.count - 1].blocks.append(fence)
                            }
                        } else {
                            appendNarration(line, &introduction, &steps)
                        }
                    } else {
                        openLines.append(line)
                        if !LessonParser.structuralInfo.contains(fence.info) { appendNarration(line, &introduction, &steps) }
                    }
                } else if let fence = Self.opens(line, number: k) {
                    open = fence
                    openLines = []
                    if !LessonParser.structuralInfo.contains(fence.info) { appendNarration(line, &introduction, &steps) }
                } else if let title = Self.stepHeading(line) {
                    let at = SourcePosition(line: k, column: line.leadingSpaces + 1)
                    if title.isEmpty { error("a step heading needs a title after '## '", at) }
                    steps.append(RawStep(title: title, location: at))
                } else {
                    appendNarration(line, &introduction, &steps)
                }
                k += 1
            }
            if let fence = open {
                error("this ```\(fence.info.isEmpty ? "" : fence.info) block is never closed: end it with a \(String(repeating: fence.marker, count: fence.length)) line",
                      fence.opening)
            }
            if steps.isEmpty {
                error("a lesson needs at least one step: a '## ' heading followed by its narration", SourcePosition(line: min(bodyStart, source.count), column: 1))
            }

            // Steps: scenes inherit from the header and the previous step.
            var scene = header.baseScene
            var lessonSteps: [LessonStep] = []
            for (n, raw) in steps.enumerated() {
                var checks: [Formula] = []
                var keyNumber: Formula? = nil
                var questions: [Question] = []
                var sceneLocation: SourcePosition? = nil
                for block in raw.blocks {
                    let yaml = block.lines.joined(separator: "\n")
                    switch block.info {
                    case "scene":
                        if let earlier = sceneLocation {
                            error("a step has one scene; this step already has one on line \(earlier.line)", block.opening)
                            continue
                        }
                        sceneLocation = block.opening
                        let (node, problems) = YAMLBlock.parse(yaml, firstLine: block.contentStart, file: file, what: "the scene")
                        diagnostics += problems
                        if problems.isEmpty {
                            let (next, sceneProblems) = SceneParser.apply(node, to: scene, blockStart: block.opening, file: file)
                            diagnostics += sceneProblems
                            scene = next
                        }
                    case "check":
                        checks += parseChecks(block, keyNumber: &keyNumber)
                    case "question":
                        let (node, problems) = YAMLBlock.parse(yaml, firstLine: block.contentStart, file: file, what: "the question")
                        diagnostics += problems
                        if problems.isEmpty {
                            let (question, questionProblems) = QuestionParser.parse(node, blockStart: block.opening, file: file)
                            diagnostics += questionProblems
                            if let question { questions.append(question) }
                        }
                    default:
                        break
                    }
                }
                let split = PresenterNotes.split(raw.narration)
                if split.unclosed != nil {
                    error("a comment ('<!--') in this step is never closed with '-->'", raw.location)
                }
                var step = LessonStep(number: n + 1, title: raw.title, location: raw.location,
                                      narration: Self.trimBlankLines(split.narration), scene: scene,
                                      sceneLocation: sceneLocation, checks: checks, questions: questions)
                step.notes = split.notes.joined(separator: "\n")
                step.keyNumber = keyNumber
                lessonSteps.append(step)
            }
            return Lesson(header: header, file: file, introduction: Self.trimBlankLines(introduction), steps: lessonSteps,
                          warnings: diagnostics.warnings)
        }

        func appendNarration(_ line: String, _ introduction: inout [String], _ steps: inout [RawStep]) {
            if steps.isEmpty { introduction.append(line) } else { steps[steps.count - 1].narration.append(line) }
        }

        /// One formula per non-blank line; `#` lines are comments, and so is a trailing `# …`.
        /// The check lines of a block; a line `key: EXPRESSION` marks the step's key number instead
        /// (at most one a step; `--present` draws it large).
        mutating func parseChecks(_ block: Fence, keyNumber: inout Formula?) -> [Formula] {
            var out: [Formula] = []
            for (offset, line) in block.lines.enumerated() {
                let text = Self.withoutComment(line)
                var body = text.trimmed
                guard !body.isEmpty else { continue }
                var indent = text.unicodeScalars.prefix { $0.properties.isWhitespace }.count
                let isKey = body.hasPrefix("key:")
                if isKey {
                    let rest = String(body.dropFirst(4))
                    indent += 4 + rest.unicodeScalars.prefix { $0.properties.isWhitespace }.count
                    body = rest.trimmed
                }
                let at = SourcePosition(line: block.contentStart + offset, column: indent + 1)
                if isKey && keyNumber != nil {
                    diagnostics.append(Diagnostic(file: file, location: at, message: "a step has one key number; this step already marks one on line \(keyNumber?.location.line ?? 0)"))
                    continue
                }
                switch Formula.parse(body, at: at, file: file) {
                case let .success(f): if isKey { keyNumber = f } else { out.append(f) }
                case let .failure(d): diagnostics.append(d)
                }
            }
            return out
        }

        /// The line up to a `#` that is not inside quotes.
        static func withoutComment(_ line: String) -> String {
            var quote: Unicode.Scalar? = nil
            var escaped = false
            var out = String.UnicodeScalarView()
            for s in line.unicodeScalars {
                if let q = quote {
                    if escaped { escaped = false } else if s == "\\" { escaped = true } else if s == q { quote = nil }
                } else if s == "\"" || s == "'" {
                    quote = s
                } else if s == "#" {
                    break
                }
                out.append(s)
            }
            return String(out)
        }

        /// A fence opening: up to 3 spaces, then 3+ backticks or tildes, then an optional info string.
        static func opens(_ line: String, number: Int) -> Fence? {
            let indent = line.leadingSpaces
            guard indent <= 3 else { return nil }
            let rest = line.dropFirst(indent)
            guard let marker = rest.first, marker == "`" || marker == "~" else { return nil }
            let length = rest.prefix { $0 == marker }.count
            guard length >= 3 else { return nil }
            let info = String(rest.dropFirst(length))
            if marker == "`" && info.contains("`") { return nil }
            let word = info.trimmed.split(whereSeparator: \.isWhitespace).first.map(String.init) ?? ""
            return Fence(info: word, opening: SourcePosition(line: number, column: indent + 1), marker: marker, length: length,
                         contentStart: number + 1)
        }

        /// Whether `line` closes `fence`: the same marker, at least as long, nothing after it.
        static func closes(_ line: String, _ fence: Fence) -> Bool {
            let indent = line.leadingSpaces
            guard indent <= 3 else { return false }
            let rest = line.dropFirst(indent)
            let length = rest.prefix { $0 == fence.marker }.count
            return length >= fence.length && rest.dropFirst(length).trimmed.isEmpty
        }

        /// The title of a `## ` step heading (not `###`).
        static func stepHeading(_ line: String) -> String? {
            let indent = line.leadingSpaces
            guard indent <= 3 else { return nil }
            let rest = line.dropFirst(indent)
            guard rest.hasPrefix("##"), !rest.hasPrefix("###") else { return nil }
            let after = rest.dropFirst(2)
            guard after.isEmpty || after.first == " " || after.first == "\t" else { return nil }
            var title = String(after).trimmed
            // A closing sequence of '#' is not part of the title.
            while title.hasSuffix("#") { title.removeLast() }
            return title.trimmed
        }

        static func trimBlankLines(_ lines: [String]) -> String {
            var slice = lines[...]
            while let first = slice.first, first.trimmed.isEmpty { slice = slice.dropFirst() }
            while let last = slice.last, last.trimmed.isEmpty { slice = slice.dropLast() }
            return slice.joined(separator: "\n")
        }
    }

    /// The info strings that carry structure.
    static let structuralInfo: Set<String> = ["scene", "check", "question"]
}
