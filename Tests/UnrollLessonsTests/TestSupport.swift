import Foundation
import Testing
@testable import UnrollLessons

/// The test lessons and models in `Fixtures/`, and helpers to write small lessons inline.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path
    /// The package root (for the shipped lessons and the author's guide).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static let models = ModelStore(lessonsDirectory: directory)
    static let runner = SceneRunner(models: models)

    static func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

    static func text(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }
}

/// The standard 7-line header used by inline test lessons (body starts on line 8).
let standardHeader = """
---
title: T
summary: S
minutes: 5
model: book-lstm-trained
input: Jane saw Spot . Doug saw
---
"""

/// A lesson: the standard header, then `body` from line 8.
func doc(_ body: String) -> String { standardHeader + "\n" + body }

/// Parses inline lesson text as `t.md`.
func parse(_ text: String, file: String = "t.md") -> LessonParseResult { LessonParser.parse(text, file: file) }

/// The parsed lesson, or a test failure.
func lesson(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Lesson {
    let result = parse(text)
    #expect(result.diagnostics.errors.isEmpty, "\(result.diagnostics)", sourceLocation: sourceLocation)
    return try #require(result.lesson, sourceLocation: sourceLocation)
}

/// The first error of inline lesson text.
func firstError(_ text: String) -> Diagnostic? { parse(text).diagnostics.errors.first }

/// A run of `scene` on the fixture models, or a test failure.
func run(_ scene: Scene) throws -> SceneRun {
    switch Fixtures.runner.run(scene, file: "t.md") {
    case let .success(r): return r
    case let .failure(d): Issue.record("scene failed: \(d)"); throw d
    }
}

/// The scene of step `step` of an inline lesson, run.
func run(_ text: String, step: Int = 1) throws -> SceneRun {
    let l = try lesson(text)
    return try run(l.steps[step - 1].scene)
}

/// Evaluates `expression` on a run (as if written at 1:1).
func evaluate(_ expression: String, on run: SceneRun, functions: CheckFunctions = .standard) -> Result<CheckValue, CheckError> {
    let formula: Formula
    switch Formula.parse(expression, at: .start, file: "t.md") {
    case let .success(f): formula = f
    case let .failure(d): return .failure(CheckError(d.message, at: (d.column - 1)..<d.column))
    }
    return CheckEvaluator(run: run, functions: functions, models: Fixtures.models, analyses: Fixtures.runner.analyses).evaluate(formula).map(\.value)
}

/// A fresh temporary folder, removed by the caller.
func temporaryDirectory() throws -> String {
    let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("unroll-lessons-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

extension Diagnostic {
    /// `line:column`, for compact expectations.
    var position: String { "\(line):\(column)" }
}
