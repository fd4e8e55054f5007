import Foundation
import Testing
@testable import UnrollLessons

/// `lessons/README.md` documents the format: its example lesson is the fixture, and its snippets parse.
@Suite struct AuthorGuideTests {
    static let guide: String = (try? String(contentsOfFile: (Fixtures.root as NSString).appendingPathComponent("lessons/README.md"),
                                            encoding: .utf8)) ?? ""

    /// The contents of every fence opened by exactly `open` (e.g. "```scene").
    static func blocks(_ open: String) -> [String] {
        var out: [String] = []
        var current: [String]? = nil
        for line in guide.components(separatedBy: "\n") {
            if current == nil, line == open { current = []; continue }
            if current != nil, line == "```" { out.append(current?.joined(separator: "\n") ?? ""); current = nil; continue }
            current?.append(line)
        }
        return out
    }

    @Test func theCompleteExampleIsTheFixture() throws {
        let start = try #require(Self.guide.range(of: "````markdown\n"))
        let end = try #require(Self.guide.range(of: "````\n", range: start.upperBound..<Self.guide.endIndex))
        let inline = String(Self.guide[start.upperBound..<end.lowerBound])
        #expect(inline == (try Fixtures.text("example.md")))
    }

    @Test func theHeaderExampleParses() throws {
        let yaml = try #require(Self.blocks("```yaml").first)
        let result = parse(yaml + "\n\n## A\n")
        #expect(result.diagnostics.errors.isEmpty, "\(result.diagnostics)")
        #expect(result.lesson?.title == "LSTM: memory with gates")
        #expect(result.lesson?.header.requires.map(\.value) == ["06-book-rnn"])
    }

    @Test func theSceneCheckAndQuestionSnippetsParse() throws {
        let scenes = Self.blocks("```scene"), checks = Self.blocks("```check"), questions = Self.blocks("```question")
        #expect(scenes.count >= 1 && checks.count >= 1 && questions.count >= 2)
        for block in scenes { #expect(parse(doc("## A\n```scene\n\(block)\n```\n")).diagnostics.errors.isEmpty, "\(block)") }
        for block in questions { #expect(parse(doc("## A\n```question\n\(block)\n```\n")).diagnostics.errors.isEmpty, "\(block)") }
        for block in checks {
            let l = try lesson(doc("## A\n```check\n\(block)\n```\n"))
            let lines = block.components(separatedBy: "\n").filter { !$0.trimmed.isEmpty && !$0.hasPrefix("#") }
            // A `key:` line marks the step's key number; every other line is a check.
            #expect(l.steps[0].checks.count == lines.filter { !$0.hasPrefix("key:") }.count)
            #expect((l.steps[0].keyNumber != nil) == lines.contains { $0.hasPrefix("key:") })
        }
    }

    @Test func everyNameOfTheLanguageIsDocumented() {
        for q in QuantityCatalog.names { #expect(Self.guide.contains("`\(q)") || Self.guide.contains(" \(q)@"), "quantity \(q)") }
        for f in (CheckFunctions.builtins + AnalysisFunctions.all).map(\.name) { #expect(Self.guide.contains("`\(f)("), "function \(f)") }
        for p in Panel.allCases { #expect(Self.guide.contains("`\(p.rawValue)`"), "panel \(p)") }
        for k in InteractiveKey.allCases { #expect(Self.guide.contains("`\(k.rawValue)`"), "key \(k)") }
        for v in HighlightVector.allCases { #expect(Self.guide.contains("`\(v.rawValue)`"), "vector \(v)") }
        for kind in PlotSpec.standardKinds { #expect(Self.guide.contains("`\(kind)`"), "plot kind \(kind)") }
        for key in SceneParser.keys + HeaderParser.keys + QuestionParser.keys { #expect(Self.guide.contains("`\(key)`"), "key \(key)") }
    }
}
