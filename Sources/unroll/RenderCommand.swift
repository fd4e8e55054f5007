import ArgumentParser
import UnrollApp
import UnrollCore
import UnrollLessons
import UnrollTUI

/// `unroll render`: one frame of a screen, printed as text or ANSI, for slides, docs and bug reports.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Print one frame of a screen as text or ANSI (for slides, docs and bug reports).",
        discussion: """
        SCREEN is `lab` (needs MODEL), `lesson` (needs --lesson ID; --step N) or `start`.
        Example: unroll render lab book-lstm --input "Jane saw Spot . Doug" -t 4 --size 100x30 --format ansi
        Example: unroll render lesson --lesson 07-lstm --step 3 --size 80x24
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, ansi }

    @Argument(help: "The screen: lab or start.")
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

    @Option(help: "text or ansi.")
    var format: Format = .text

    @Option(help: "For ansi: 256, 8 or mono.")
    var colors: String = "256"

    @Flag(help: "ASCII characters only.")
    var ascii = false

    @Flag(help: "Explain the focused number (opens the explain box).")
    var explain = false

    @OptionGroup var source: LessonSourceOptions

    func validate() throws {
        guard parsedSize != nil else { throw ValidationError("--size must be WIDTHxHEIGHT with each 1…1000, e.g. 100x30") }
        guard ["256", "8", "mono"].contains(colors) else { throw ValidationError("--colors must be 256, 8 or mono") }
        guard ["lab", "lesson", "start"].contains(screen) else { throw ValidationError("unknown screen '\(screen)' (expected lab, lesson or start)") }
        if screen == "lab" && model == nil { throw ValidationError("render lab needs a MODEL") }
        if screen == "lesson" && lesson == nil { throw ValidationError("render lesson needs --lesson ID") }
    }

    var parsedSize: (Int, Int)? {
        let parts = size.lowercased().split(separator: "x")
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), (1...1000).contains(w), (1...1000).contains(h) else { return nil }
        return (w, h)
    }

    func run() throws {
        guard let (w, h) = parsedSize else { return }
        var state: AppState
        if screen == "lab", let model {
            let lab = try makeLab(model: model, input: input, clamps: clamps, t: t, command: "render", lessons: source.source)
            state = AppState(screen: .lab(lab), width: w, height: h)
            if explain { state.overlay = .explain }
        } else if screen == "lesson", let id = lesson {
            switch App.openLesson(id, step: lessonStep, in: source.library()) {
            case let .success(playing): state = AppState(screen: .lesson(playing), width: w, height: h)
            case let .failure(e): throw fail("render", e.description, code: Exit.noInput)
            }
            if explain { state.overlay = .explain }
        } else {
            let library = source.library()
            let lessons = StartState.lessons(library, progress: StudyProgress())
            state = AppState(screen: .start(StartState(entries: lessons + StartState.labs(shipped: library.models.names))), width: w, height: h)
        }
        state.presenter = present
        var buffer = Buffer(width: w, height: h)
        view(state, into: &buffer, glyphs: ascii ? .ascii : .utf8)
        switch format {
        case .text: print(buffer.text)
        case .ansi:
            let palette: Palette = colors == "256" ? .color256 : (colors == "8" ? .color8 : .monochrome)
            print(AnsiEncoder.encode(buffer, palette: palette), terminator: "")
        }
    }
}
