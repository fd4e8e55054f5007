import ArgumentParser
import UnrollApp
import UnrollCore
import UnrollLessons
import UnrollTUI

/// `unroll render`: one frame of a screen, printed as text, ANSI, SVG or HTML, for slides, docs and bug reports.
struct RenderCommand: ParsableCommand, DocumentedExamples {
    static let examples = [
        "unroll render lab book-lstm --input \"Jane saw Spot . Doug\" -t 4 --size 100x30 --format ansi",
        "unroll render lesson --lesson 07-lstm --lesson-step 3 --size 80x24",
        "unroll render start --size 80x24",
        "unroll render lab book-lstm -t 3 --size 120x40 --format svg",
    ]

    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Print one frame of a screen as text, ANSI, SVG or HTML (for slides, docs and bug reports).",
        discussion: """
        SCREEN is `lab` (needs MODEL; -t N picks the step), `lesson` (needs --lesson ID; --lesson-step N) or `start`.
        \(CommandExamples.text(examples))
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, ansi, svg, html }

    @Argument(help: "The screen: lab, lesson or start.")
    var screen: String

    @Argument(help: "The model (for lab).")
    var model: String?

    @Option(help: "The lesson id (for lesson).")
    var lesson: String?

    @Option(name: .customLong("lesson-step"), help: "The lesson step (for lesson, 1-based).")
    var lessonStep: Int = 1

    @Flag(help: "Presenter mode (larger panels, no chrome).")
    var present = false

    @Option(help: "Input tokens (for lab).")
    var input: String?

    @Option(name: .customLong("clamp"), help: "A clamp spec (repeatable).")
    var clamps: [String] = []

    @Option(name: [.customShort("t"), .customLong("step")], help: "The step under the cursor (1-based).")
    var t: Int = 1

    @Option(help: "WIDTHxHEIGHT of the frame.")
    var size: String = "100x30"

    @Option(help: "text, ansi, svg or html (svg and html: the frame in a monospace font with its colours, for slides).")
    var format: Format = .text

    @Option(help: "For ansi, svg and html: 256, 8 or mono.")
    var colors: String = "256"

    @Flag(help: "ASCII characters only.")
    var ascii = false

    @Flag(help: "Explain the focused number (opens the explain box).")
    var explain = false

    @OptionGroup var source: LessonSourceOptions

    func validate() throws {
        guard parsedSize != nil else { throw ValidationError("--size must be \(Size.expected)") }
        guard ["256", "8", "mono"].contains(colors) else { throw ValidationError("--colors must be 256, 8 or mono") }
        guard ["lab", "lesson", "start"].contains(screen) else { throw ValidationError("unknown screen '\(screen)' (expected lab, lesson or start)") }
        if screen == "lab" && model == nil { throw ValidationError("the lab screen needs a MODEL, e.g. unroll render lab book-lstm") }
        if screen == "lesson" && lesson == nil { throw ValidationError("the lesson screen needs --lesson ID, e.g. unroll render lesson --lesson 07-lstm") }
    }

    var parsedSize: (Int, Int)? {
        Size(size).map { ($0.width, $0.height) }
    }

    func run() throws {
        guard let (w, h) = parsedSize else { return }
        var state: AppState
        if screen == "lab", let model {
            let lab = try makeLab(model: model, input: input, clamps: clamps, t: t, command: "render", lessons: source.source)
            state = AppState(screen: .lab(lab), width: w, height: h)
            if explain { state.overlay = .explain }
        } else if screen == "lesson", let name = lesson {
            let (library, found) = try findLesson(name, step: lessonStep, option: "--lesson-step", command: "render", in: source.library())
            state = AppState(screen: .lesson(LessonState(lesson: found, runner: library.runner, step: lessonStep)), width: w, height: h)
            if explain { state.overlay = .explain }
        } else {
            let library = source.library()
            let lessons = StartState.lessons(library, progress: StudyProgress())
            state = AppState(screen: .start(StartState(entries: lessons + StartState.labs(shipped: library.models.names))), width: w, height: h)
        }
        state.presenter = present
        var buffer = Buffer(width: w, height: h)
        view(state, into: &buffer, glyphs: ascii ? .ascii : .utf8)
        let palette: Palette = colors == "256" ? .color256 : (colors == "8" ? .color8 : .monochrome)
        switch format {
        case .text: print(buffer.text)
        case .ansi: print(AnsiEncoder.encode(buffer, palette: palette), terminator: "")
        case .svg: print(VectorEncoder.svg(buffer, palette: palette, title: "unroll render \(screen)"), terminator: "")
        case .html: print(VectorEncoder.html(buffer, palette: palette, title: "unroll render \(screen)"), terminator: "")
        }
    }
}
