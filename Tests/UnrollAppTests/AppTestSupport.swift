import Foundation
import UnrollApp
import UnrollCore
import UnrollLessons
import UnrollTUI

/// Models and states for app tests, from the core's reference fixtures (no lessons folder needed).
enum AppFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("UnrollCoreTests/Fixtures")

    static func model(_ name: String) throws -> RecurrentModel {
        try ModelFile.load(path: directory.appendingPathComponent("\(name).model.json").path)
    }

    static func lstmLab(input: String = "Jane saw Spot . Doug saw") throws -> LabState {
        try LabState(title: "book", model: model("book-lstm"), inputText: input)
    }

    static func state(_ lab: LabState, width: Int = 80, height: Int = 24) -> AppState {
        AppState(screen: .lab(lab), width: width, height: height)
    }

    /// The frame as text.
    static func frame(_ state: AppState, glyphs: Glyphs = .utf8) -> String {
        var buffer = Buffer(width: state.width, height: state.height)
        view(state, into: &buffer, glyphs: glyphs)
        return buffer.text
    }

    /// Sends keys through `update`, collecting effects.
    @discardableResult
    static func press(_ state: inout AppState, _ keys: [Key]) -> [Effect] {
        keys.flatMap { key in
            let effects = update(&state, .key(key))
            // The runner's half for pure computation: a step's scene comes back as a message.
            for case let .computeScene(job) in effects { _ = update(&state, .sceneComputed(job, job.compute())) }
            return effects
        }
    }
}

extension Effect {
    var isQuit: Bool { if case .quit = self { return true } else { return false } }
    var isTrain: Bool { if case .train = self { return true } else { return false } }
}

extension AppFixtures {
    /// A lesson from a library at a step, with a start screen to return to.
    static func lessonState(_ id: String = "example", step: Int, library: LessonLibrary?, width: Int = 100, height: Int = 30) throws -> AppState {
        let lesson = try App.openLesson(id, step: step, in: library).get()
        var s = AppState(screen: .lesson(lesson), width: width, height: height)
        if let library { s.startScreen = StartState(entries: StartState.lessons(library, progress: StudyProgress())) }
        return s
    }
}
