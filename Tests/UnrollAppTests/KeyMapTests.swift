import Foundation
import Testing
import UnrollApp
import UnrollCore
import UnrollLessons
import UnrollTUI

/// Every screen's one key table: what it binds is what its help lists and its hint bar shows, and
/// the keys that mean the same everywhere (b, space, g, digits, Enter, q, ?) do.
@Suite struct KeyMapTests {
    static let lessons = LessonLibrary.load(directory: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("UnrollLessonsTests/Fixtures").path)

    /// One state per screen and overlay (lesson steps with and without questions and permissions).
    static func states() throws -> [(String, AppState)] {
        let lstm = try AppFixtures.lstmLab()
        let rnn = try LabState(title: "dinner", model: AppFixtures.model("dinner-rnn"), inputText: "pizza sushi ? ? waffles pizza")
        let start = StartState(entries: [
            .init(title: "Lab", detail: "", action: .lab(model: "book-lstm", input: "Jane")),
            .init(title: "Vanishing", detail: "", action: .vanishing),
        ])
        var out: [(String, AppState)] = [
            ("start", AppState(screen: .start(start))),
            ("lab", AppState(screen: .lab(lstm))),
            ("lab-rnn", AppState(screen: .lab(rnn))),
            ("vanishing", AppState(screen: .vanishing(VanishingState.standard()))),
            ("bptt", AppState(screen: .bptt(BPTTState(lab: lstm)))),
            ("race", AppState(screen: .race(RaceState()))),
        ]
        for step in 1...4 {
            let lesson = try App.openLesson("example", step: step, in: lessons).get()
            out.append(("lesson-\(step)", AppState(screen: .lesson(lesson))))
        }
        // While training, and stopped after training: the training keys take over (and leave) their keys.
        var training = AppState(screen: .lab(lstm))
        AppFixtures.press(&training, [.char("t")])
        out.append(("lab-training", training))
        AppFixtures.press(&training, [.char("t")])
        out.append(("lab-trained", training))
        let nine = try App.openLesson("09-bptt", step: 9, in: LessonLibrary.load(files: LessonLibrary.builtIn)).get()
        var lessonTraining = AppState(screen: .lesson(nine))
        AppFixtures.press(&lessonTraining, [.char("t")])
        out.append(("lesson-training", lessonTraining))
        for (name, overlay) in [("explain", AppState.Overlay.explain), ("clamp-editor", .clampEditor(ClampEditor(kind: .lstm, focus: lstm.focus, t: 2))),
                                ("input-editor", .inputEditor("Jane saw")), ("go-to", .goTo("3"))] {
            var s = AppState(screen: .lab(lstm))
            s.overlay = overlay
            out.append((name, s))
        }
        return out.map { name, s in
            var s = s
            s.width = 120
            s.height = 50
            return (name, s)
        }
    }

    /// The table the help shows for a state (the screen's, or the open overlay's), with the global keys.
    static func table(_ s: AppState) -> KeyTable {
        guard let overlay = s.overlay else { return s.screen.active.table(s) }
        return GlobalKeys.merged(overlay.keyMap(s).entries)
    }

    /// The help text for a state: `?` opened over it.
    static func helpText(_ s: AppState) -> String {
        var h = s
        AppFixtures.press(&h, [.function(1)])
        #expect(h.overlay == .help)
        return AppFixtures.frame(h)
    }

    @Test func everyBoundKeyAppearsInItsScreensHelp() throws {
        for (name, s) in try Self.states() {
            let text = Self.helpText(s)
            for entry in Self.table(s).entries {
                #expect(text.contains(String(entry.help.prefix(30))), "\(name): help lacks \"\(entry.help)\"")
                for pattern in entry.patterns {
                    #expect(text.contains(pattern.name), "\(name): help lacks the key \(pattern.name) (\(entry.help))")
                }
            }
        }
    }

    @Test func helpFitsTheSmallestTerminal() throws {
        for (name, s) in try Self.states() {
            var small = s
            small.width = AppState.minimumWidth
            small.height = AppState.minimumHeight
            let text = Self.helpText(small)
            for entry in Self.table(s).entries {
                for pattern in entry.patterns {
                    #expect(text.contains(pattern.name), "\(name) at 80×24: help lacks the key \(pattern.name)")
                }
            }
        }
    }

    @Test func everyHintBarKeyIsBoundAndShown() throws {
        for (name, s) in try Self.states() where s.overlay == nil {
            let table = Self.table(s)
            let hints = table.entries.compactMap(\.hint)
            #expect(!hints.isEmpty, "\(name) has a hint bar")
            for hint in hints {
                for key in hint.keyNames {
                    #expect(table.bindsName(key), "\(name): the hint \(hint.keys) \(hint.action) names \(key), which nothing binds")
                }
            }
            // The bar on screen is the table's (the essential ones at least, at 80 columns).
            let bar = AppFixtures.frame(s).split(separator: "\n").last.map(String.init) ?? ""
            for hint in hints.prefix(2) + hints.filter(\.essential) {
                #expect(bar.contains("\(hint.keys) \(hint.action)"), "\(name): the hint bar lacks \(hint.keys) \(hint.action)")
            }
        }
    }

    @Test func qQuitsAndQuestionMarkHelpsOnEveryScreen() throws {
        for (name, s) in try Self.states() {
            var q = s
            let typing = s.overlay.map { if case .inputEditor = $0 { return true } else { return false } } ?? false
            let effects = AppFixtures.press(&q, [.char("q")])
            #expect(effects.contains { $0.isQuit } != typing, "\(name): q quits (except while typing, where it is a letter)")
            var help = s
            AppFixtures.press(&help, [typing ? .function(1) : .char("?")])
            #expect(help.overlay == .help, "\(name): ? opens the help")
            AppFixtures.press(&help, [.escape])
            #expect(help.overlay == s.overlay, "\(name): closing the help returns to what was open")
        }
    }

    @Test func bBlanksEveryScreenAndAnyKeyReturns() throws {
        for (name, s) in try Self.states() where s.overlay.map({ if case .inputEditor = $0 { return false } else { return true } }) ?? true {
            var b = s
            AppFixtures.press(&b, [.char("b")])
            #expect(b.blank, "\(name): b blanks")
            #expect(AppFixtures.frame(b).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(name): the blank screen is blank")
            AppFixtures.press(&b, [.char("x")])
            #expect(!b.blank, "\(name): any key returns")
            #expect(AppFixtures.frame(b) == AppFixtures.frame(s), "\(name): without acting")
        }
    }

    @Test func theLabMovedBPTTToAAndBBlanks() throws {
        let lab = try AppFixtures.lstmLab()
        var s = AppFixtures.state(lab)
        AppFixtures.press(&s, [.char("b")])
        #expect(s.blank && s.lab != nil, "b blanks the lab, it no longer opens BPTT")
        AppFixtures.press(&s, [.char(" "), .char("a")])
        #expect(s.bptt != nil, "a opens BPTT on the lab's run")
    }

    @Test func spaceNeverChangesTheLessonStep() throws {
        for step in 1...4 {
            var s = try AppFixtures.lessonState(step: step, library: Self.lessons)
            for _ in 0..<3 { AppFixtures.press(&s, [.char(" ")]) }
            #expect(s.lesson?.stepNumber == step, "space on step \(step) stays on the step")
        }
    }

    @Test func enterNeverSkipsAQuestion() throws {
        for step in 1...4 {
            var s = try AppFixtures.lessonState(step: step, library: Self.lessons)
            guard let lesson = s.lesson, lesson.activeQuestion < lesson.questions.count, lesson.questions[lesson.activeQuestion].revealed == nil else { continue }
            AppFixtures.press(&s, [.enter, .enter])
            #expect(s.lesson?.stepNumber == step, "Enter on step \(step) does not skip its question")
            #expect(s.lesson?.questions[lesson.activeQuestion].revealed == nil, "nor answer it")
        }
        #expect(try (1...4).contains { step in
            let l = try AppFixtures.lessonState(step: step, library: Self.lessons).lesson
            return l.map { !$0.questions.isEmpty } ?? false
        }, "the fixture lesson has a question to test against")
    }

    @Test func digitsAnswerTheQuestion() throws {
        for step in 1...4 {
            var s = try AppFixtures.lessonState(step: step, library: Self.lessons)
            guard let lesson = s.lesson, let q = lesson.questions.first, case .choices = q.question.kind else { continue }
            AppFixtures.press(&s, [.char("1")])
            #expect(s.lesson?.questions[0].revealed != nil, "1 answers the choice question on step \(step)")
            return
        }
        Issue.record("the fixture lesson has no choice question")
    }

    @Test func gGoesToAStepWhereThereAreSteps() throws {
        var lab = AppFixtures.state(try AppFixtures.lstmLab())
        AppFixtures.press(&lab, [.char("g"), .char("4"), .enter])
        #expect(lab.lab?.t == 4)
        var bptt = AppState(screen: .bptt(BPTTState(lab: try AppFixtures.lstmLab())))
        AppFixtures.press(&bptt, [.char("g"), .char("2"), .enter])
        #expect(bptt.bptt?.t == 2)
        var lesson = try AppFixtures.lessonState(step: 1, library: Self.lessons)
        AppFixtures.press(&lesson, [.char("g"), .char("3"), .enter])
        #expect(lesson.lesson?.stepNumber == 3)
        AppFixtures.press(&lab, [.char("g"), .char("9"), .char("9"), .enter])
        #expect(lab.lab?.t == 4 && lab.status?.contains("no step 99") == true, "a step past the end is refused, saying why")
    }

    @Test func noScreenBindsTheGlobalKeys() throws {
        for (name, s) in try Self.states() where s.overlay == nil {
            let own = s.screen.active.table(s).entries.filter { $0.group != .everywhere }
            for key in [Key.char("q"), .char("?"), .char("b")] {
                #expect(!own.contains { $0.patterns.contains { $0.matches(key) } }, "\(name) binds \(key.name) itself")
            }
        }
    }

    @Test func underTheExplainBoxTheCursorMovesButTheLessonStepDoesNot() throws {
        var s = try AppFixtures.lessonState(step: 1, library: Self.lessons)
        s.overlay = .explain
        let t = try #require(s.lesson?.lab?.t)
        AppFixtures.press(&s, [.right, .char("n")])
        #expect(s.lesson?.stepNumber == 1 && s.overlay == .explain, "step keys do not act under the explanation")
        AppFixtures.press(&s, [.char("l")])
        #expect(s.lesson?.lab?.t == t + 1, "the time cursor moves and the explanation follows")
        AppFixtures.press(&s, [.escape])
        #expect(s.overlay == nil && s.lesson?.stepNumber == 1)
    }
}
