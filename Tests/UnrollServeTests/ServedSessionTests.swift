import Testing
import UnrollApp
import UnrollLessons
import UnrollServe
import UnrollTUI

/// A class in memory: sessions without a network, driven key by key.
final class TestClass {
    static let library = LessonLibrary.load(files: LessonLibrary.builtIn)
    let classroom: ClassRoom

    init(record: ClassRecord? = nil) {
        classroom = ClassRoom(library: TestClass.library, lessons: LessonLibrary.builtIn, record: record)
    }
    static let profile = TerminalProfile(palette: .color256, unicode: true, term: "xterm-256color")

    func session(_ name: String, _ role: Participant.Role, width: Int = 100, height: Int = 30) -> ServedSession {
        let p = classroom.join(userName: name, role: role) {}
        let s = ServedSession(participant: p, classroom: classroom, width: width, height: height, profile: Self.profile)
        _ = s.start()
        return s
    }

    /// The first lesson with a question, and the 1-based step of its first question.
    static var lessonWithQuestion: (lesson: Lesson, step: Int)? {
        for entry in library.entries {
            if let lesson = entry.lesson, let i = lesson.steps.firstIndex(where: { !$0.questions.isEmpty }) { return (lesson, i + 1) }
        }
        return nil
    }
}

extension ServedSession {
    func press(_ keys: Key...) { for k in keys { handle(.key(k)) } }

    /// Lets the scene computed in the background arrive (and the teacher publish it).
    func settle() {
        app.waitForBackgroundWork()
        tick()
    }

    /// Opens a lesson from the start screen (the entry whose action opens it) and lets its scene arrive.
    func open(_ lesson: Lesson) {
        guard case let .start(start) = app.state.screen,
              let index = start.entries.firstIndex(where: { if case .lesson(lesson.id, _) = $0.action { return true } else { return false } }) else { return }
        for _ in 0..<index { press(.down) }
        press(.enter)
        settle()
    }

    var stepNumber: Int? { showsTeacher ? followedState()?.lesson?.stepNumber : app.state.lesson?.stepNumber }
}

@Suite(.serialized) struct ServedSessionTests {
    /// Rows the class layer does not touch: below the header's badge, above the status line.
    static func body(_ b: Buffer) -> [String] { Array(b.lines.dropFirst().dropLast(2)) }

    @Test func theServedFrameIsTheLocalFrameForTheSameKeys() throws {
        let c = TestClass()
        let served = c.session("ada", .teacher, width: 90, height: 28)
        let labs = StartState.labs(shipped: ModelStore(files: LessonLibrary.builtIn).names)
        let lessons = StartState.lessons(TestClass.library, progress: StudyProgress())
        let local = App(state: AppState(screen: .start(StartState(entries: lessons + labs)), width: 90, height: 28),
                        library: TestClass.library, lessons: LessonLibrary.builtIn)
        _ = local.handle(.resize(width: 90, height: 28))
        let keys: [Key] = [.down, .down, .char("j"), .up, .char("?")]
        var screen = VirtualScreen(width: 90, height: 28)
        screen.feed(served.start())
        for key in keys {
            served.receive(Self.bytes(for: key))
            _ = local.handle(.key(key))
            screen.feed(served.frame())
        }
        var expected = Buffer(width: 90, height: 28)
        local.render(into: &expected, glyphs: .utf8)
        let drawn = served.render()
        // The badge sits at the right of the header; everything else is the local tutor's frame.
        #expect(Array(drawn.lines.dropFirst()) == Array(expected.lines.dropFirst()))
        #expect(drawn.cells.dropFirst(90) == expected.cells.dropFirst(90))
        #expect(screen.lines == drawn.lines, "the bytes sent draw the served buffer")
    }

    /// The bytes a terminal sends for a key.
    static func bytes(for key: Key) -> [UInt8] {
        switch key {
        case let .char(c): return Array(String(c).utf8)
        case .up: return Array("\u{1B}[A".utf8)
        case .down: return Array("\u{1B}[B".utf8)
        case .right: return Array("\u{1B}OC".utf8)
        case .left: return Array("\u{1B}[D".utf8)
        case .enter: return [13]
        case .escape: return [27]
        default: return []
        }
    }

    @Test func studentsFollowTheTeachersStep() throws {
        let c = TestClass()
        let (lesson, _) = try #require(TestClass.lessonWithQuestion)
        let student = c.session("bo", .student)
        #expect(!student.showsTeacher, "before the teacher opens a lesson the student has the start screen")
        let teacher = c.session("teacher", .teacher)
        teacher.open(lesson)
        #expect(student.showsTeacher)
        #expect(student.stepNumber == 1)
        teacher.press(.right)
        teacher.settle()
        #expect(teacher.app.state.lesson?.stepNumber == 2)
        #expect(student.stepNumber == 2)
        #expect(student.render().lines[0].contains("following"))
        #expect(teacher.render().lines[0].contains("1/1 follow"))
    }

    /// Presenter notes are the teacher's: on in the teacher's session, off in what a student sees.
    @Test func presenterNotesReachTheTeacherOnly() throws {
        let c = TestClass()
        let (lesson, _) = try #require(TestClass.lessonWithQuestion)
        let teacher = c.session("teacher", .teacher)
        let student = c.session("bo", .student)
        teacher.open(lesson)
        #expect(teacher.app.state.notes)
        #expect(!student.app.state.notes)
        #expect(student.followedState()?.notes == false)
    }

    @Test func aStudentExploresAloneAndSnapsBackWithOneKey() throws {
        let c = TestClass()
        let (lesson, _) = try #require(TestClass.lessonWithQuestion)
        let teacher = c.session("teacher", .teacher)
        let student = c.session("cy", .student)
        teacher.open(lesson)
        student.press(ServedSession.exploreKey)
        #expect(!student.showsTeacher)
        #expect(student.render().lines[0].contains("on your own"))
        #expect(teacher.render().lines[0].contains("0/1 follow"))
        student.press(.right)
        student.settle()
        student.press(.right)
        student.settle()
        #expect(student.app.state.lesson?.stepNumber == 3)
        #expect(teacher.app.state.lesson?.stepNumber == 1, "the student's keys never move the teacher")
        student.press(ServedSession.followKey)
        #expect(student.showsTeacher)
        #expect(student.stepNumber == 1)
        #expect(teacher.render().lines[0].contains("1/1 follow"))
    }

    @Test func aFollowingStudentCannotActAsTheTeacher() throws {
        let c = TestClass()
        let (lesson, step) = try #require(TestClass.lessonWithQuestion)
        let teacher = c.session("teacher", .teacher)
        let student = c.session("dee", .student)
        teacher.open(lesson)
        for _ in 1..<step { teacher.press(.right); teacher.settle() }
        student.press(.right, .left, .char("g"), ServedSession.revealKey, .enter)
        #expect(teacher.app.state.lesson?.stepNumber == step)
        #expect(student.stepNumber == step)
        let key = PollKey(lesson: lesson.id, step: step, question: 0)
        #expect(c.classroom.existingPoll(key)?.revealed == nil, "only the teacher reveals")
        #expect(student.render().lines.contains { $0.contains("following the teacher") })
    }

    @Test func aLivePollCountsAnswersAndTheRevealReachesEveryone() throws {
        let c = TestClass()
        let (lesson, step) = try #require(TestClass.lessonWithQuestion)
        let question = lesson.steps[step - 1].questions[0]
        guard case let .choices(choices) = question.kind else { Issue.record("the first question is not multiple choice"); return }
        let teacher = c.session("teacher", .teacher)
        let students = ["ann", "ben", "cat"].map { c.session($0, .student) }
        teacher.open(lesson)
        for _ in 1..<step { teacher.press(.right); teacher.settle() }
        teacher.press(.char("1"))
        #expect(teacher.app.state.lesson?.questions[0].revealed == nil, "the teacher's digits do not answer for the class")
        students[0].press(.char("1"))
        students[1].press(.char("1"))
        students[2].press(.char(Character(String(min(choices.count, 2)))))
        students[2].press(.char("1"))  // a second answer is ignored
        let key = PollKey(lesson: lesson.id, step: step, question: 0)
        let poll = try #require(c.classroom.existingPoll(key))
        #expect(poll.answers.count == 3)
        #expect(poll.answers["ann"] == QuestionResponse.choice(0))
        #expect(poll.answers["cat"] == QuestionResponse.choice(min(choices.count, 2) - 1))
        let panel = teacher.render().lines.joined(separator: "\n")
        #expect(panel.contains("answered 3 of 3"))
        #expect(students[0].render().lines.joined().contains("waiting for the teacher"))
        teacher.press(ServedSession.revealKey)
        let revealed = try #require(c.classroom.existingPoll(key)?.revealed)
        #expect(teacher.app.state.lesson?.questions[0].revealed != nil)
        for (s, mine) in zip(students, [0, 0, min(choices.count, 2) - 1]) {
            let q = try #require(s.followedState()?.lesson?.questions[0])
            let r = try #require(q.revealed)
            #expect(r.response == QuestionResponse.choice(mine))
            #expect(r.correct == (revealed.choice == mine))
        }
    }

    @Test func anEscapeFilledUserNameNeverReachesAScreen() {
        let c = TestClass()
        let evil = c.session("\u{1B}]0;pwned\u{7}\u{1B}[2J\u{9B}31mx", .student)
        #expect(evil.participant.nickname.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F && !(0x80...0x9F).contains($0.value) })
        let teacher = c.session("t", .teacher)
        let bytes = teacher.frame()
        #expect(!String(decoding: bytes, as: UTF8.self).contains("]0;"))
    }
}

@Suite(.serialized) struct SlowReaderTests {
    /// A client that does not read while the teacher pages gets one frame when it reads again:
    /// the newest, never a backlog of the steps in between.
    @Test func framesCoalesceTheNewestWins() throws {
        let c = TestClass()
        let (lesson, _) = try #require(TestClass.lessonWithQuestion)
        let teacher = c.session("teacher", .teacher)
        let student = c.session("slow", .student)
        teacher.open(lesson)
        var screen = VirtualScreen(width: 100, height: 30)
        screen.feed(student.start())
        let before = student.render()
        for _ in 0..<20 {
            teacher.press(.right)
            teacher.settle()
            teacher.press(.left)
            teacher.settle()
        }
        teacher.press(.right)
        teacher.settle()
        let bytes = student.frame()
        var oneStep = FrameEncoder(profile: TestClass.profile)
        _ = oneStep.encode(before)
        #expect(bytes == oneStep.encode(student.render()), "exactly the one change from the frame shown to the newest, not 41 frames")
        screen.feed(bytes)
        #expect(screen.lines == student.render().lines)
        #expect(screen.lines[0].contains("step 2/"))
        #expect(student.frame().isEmpty, "nothing more to send")
    }
}
