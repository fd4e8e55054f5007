import UnrollApp
import UnrollLessons
import UnrollTUI

/// One connection's tutor: its own `App`, its terminal's size and abilities, and its place in the
/// class (teacher, a student following the teacher, or a student exploring alone).
///
/// Free of the network, so it is tested byte for byte: `start` gives the bytes that open the
/// screen, `receive` takes what the client typed, `frame` renders now and gives the diff since the
/// last frame sent (a slow client simply gets fewer, newer frames), `finish` the bytes that
/// restore the terminal. Everything runs on the one thread that owns the session.
///
/// Keys of the class (free on every screen): a student presses `E` to explore alone and `F` to
/// snap back to the teacher's step; the teacher presses `V` to reveal a poll.
public final class ServedSession {
    /// The key that lets a following student explore alone.
    public static let exploreKey: Key = .char("E")
    /// The key that snaps a student back to the teacher.
    public static let followKey: Key = .char("F")
    /// The key that reveals the poll (teacher).
    public static let revealKey: Key = .char("V")

    public let participant: Participant
    private let classroom: ClassRoom
    /// The session's own tutor (the teacher's screen, or the student's when exploring or waiting).
    public private(set) var app: App
    /// Whether the student wants to follow the teacher (always false for the teacher).
    public private(set) var following: Bool
    public private(set) var width: Int
    public private(set) var height: Int
    private var encoder: FrameEncoder
    private var decoder = TerminalInputDecoder()
    /// The number a student types for a numeric poll.
    private var typed = ""
    /// A one-line message from the class layer (a refused key), shown until the next key.
    private var notice: String?
    /// The exit code once the session asked to end.
    public private(set) var exitCode: Int32?

    public init(participant: Participant, classroom: ClassRoom, width: Int, height: Int, profile: TerminalProfile) {
        self.participant = participant
        self.classroom = classroom
        self.width = max(1, width)
        self.height = max(1, height)
        self.encoder = FrameEncoder(profile: profile)
        self.following = participant.role == .student
        self.app = ServedSession.startApp(classroom: classroom, width: self.width, height: self.height,
                                          notes: participant.role == .teacher,
                                          progress: classroom.record?.studyProgress(nickname: participant.nickname) ?? StudyProgress())
    }

    /// A tutor on the start screen with the class's lessons.
    /// `notes`: show the lessons' presenter notes (the teacher's session).
    /// `progress`: what this person did in earlier class sessions (the start screen's marks).
    static func startApp(classroom: ClassRoom, width: Int, height: Int, notes: Bool = false,
                         progress: StudyProgress = StudyProgress()) -> App {
        let labs = StartState.labs(shipped: ModelStore(files: classroom.lessons).names)
        let lessons = classroom.library.map { StartState.lessons($0, progress: progress) } ?? []
        let start = StartState(entries: lessons + labs)
        let state = AppState(screen: .start(start), width: width, height: height, notes: notes)
        return App(state: state, library: classroom.library, lessons: classroom.lessons, loadLab: classroom.loadLab)
    }

    public var profile: TerminalProfile { encoder.profile }

    /// Whether the screen shows the teacher's (a following student while the teacher is past the start screen).
    public var showsTeacher: Bool {
        guard participant.role == .student, following, let t = classroom.teacher else { return false }
        if case .start = t.screen { return false }
        return true
    }

    /// Milliseconds between ticks the session needs now (nil: none).
    public var tickMilliseconds: Int? { showsTeacher ? nil : app.tickMilliseconds }

    /// The bytes that open the screen: the alternate screen, then the first frame.
    public func start() -> [UInt8] {
        _ = app.handle(.resize(width: width, height: height))
        publishIfTeacher()
        encoder.invalidate()
        return FrameEncoder.enter + frame()
    }

    /// The bytes that restore the client's terminal.
    public func finish() -> [UInt8] { FrameEncoder.leave }

    /// Takes bytes the client typed; returns whether the session wants to end (see `exitCode`).
    @discardableResult
    public func receive(_ bytes: some Sequence<UInt8>) -> Bool {
        for event in decoder.decode(bytes) {
            handle(event)
            if exitCode != nil { return true }
        }
        return false
    }

    /// The client's terminal changed size.
    public func resize(width w: Int, height h: Int) {
        width = max(1, min(w, 1000))
        height = max(1, min(h, 1000))
        handle(.resize(width: width, height: height))
    }

    /// A timer tick (animation, background work).
    public func tick() { handle(.tick) }

    /// Handles one event in the class's order: the class keys, the poll, then the tutor.
    public func handle(_ event: InputEvent) {
        if case .key = event { notice = nil }
        if case .resize = event { encoder.invalidate() }
        switch participant.role {
        case .teacher: teacherHandles(event)
        case .student: studentHandles(event)
        }
    }

    private func teacherHandles(_ event: InputEvent) {
        if case let .key(key) = event, let open = openPoll(classroom.teacher ?? app.state) {
            if key == Self.revealKey {
                reveal(open)
                return
            }
            if Self.isAnswerKey(key, for: open.question) {
                notice = "the class is answering: \(Self.revealKey.name) reveals the answer to everyone"
                return
            }
        }
        deliver(event)
    }

    private func studentHandles(_ event: InputEvent) {
        if showsTeacher {
            switch event {
            case .key(Self.exploreKey):
                explore()
            case .key(.char("q")), .key(.ctrl("c")):
                exitCode = 0
            case let .key(key):
                if let open = openPoll(classroom.teacher), answerKey(key, poll: open) { return }
                notice = "following the teacher: \(Self.exploreKey.name) explores on your own"
            case let .resize(w, h):
                _ = app.handle(.resize(width: w, height: h))
            case .mouse, .tick:
                break
            }
            return
        }
        if case .key(Self.followKey) = event {
            if let t = classroom.teacher, case .start = t.screen {
                notice = "the teacher has not opened a lesson yet: explore until they do"
            } else if classroom.teacher == nil {
                notice = "no teacher has connected yet: explore until they do"
            }
            following = true
            classroom.setFollowing(participant, true)
            return
        }
        deliver(event)
    }

    /// Gives an event to the session's own tutor.
    private func deliver(_ event: InputEvent) {
        if case let .quit(code) = app.handle(event) { exitCode = code }
        publishIfTeacher()
    }

    private func publishIfTeacher() {
        if participant.role == .teacher { classroom.publishTeacher(app.state) }
    }

    /// Leaves the teacher: the student's tutor starts from the teacher's screen as it is now.
    private func explore() {
        guard let state = followedState() else { return }
        app = App(state: state, library: classroom.library, lessons: classroom.lessons, loadLab: classroom.loadLab)
        if let job = app.state.lesson?.computing { app.perform(.computeScene(job)) }
        following = false
        classroom.setFollowing(participant, false)
    }

    // MARK: polls

    /// The question the class is answering on a screen: the lesson's active question, not yet revealed by the teacher.
    struct OpenPoll {
        var key: PollKey
        var question: Question
        var lesson: LessonState
    }

    func openPoll(_ state: AppState?) -> OpenPoll? {
        guard let lesson = state?.lesson, lesson.activeQuestion < lesson.questions.count else { return nil }
        let q = lesson.questions[lesson.activeQuestion]
        guard q.revealed == nil else { return nil }
        let key = PollKey(lesson: lesson.lesson.id, step: lesson.stepNumber, question: lesson.activeQuestion)
        if classroom.existingPoll(key)?.revealed != nil { return nil }
        return OpenPoll(key: key, question: q.question, lesson: lesson)
    }

    static func isAnswerKey(_ key: Key, for question: Question) -> Bool {
        guard case let .char(c) = key else { return key == .enter || key == .backspace }
        switch question.kind {
        case .choices: return QuestionState.choiceIndex(c) != nil && c.isNumber
        case .range: return c.isNumber || "-.+eE".contains(c)
        }
    }

    /// A following student's key at an open poll; returns whether it was a poll key.
    private func answerKey(_ key: Key, poll: OpenPoll) -> Bool {
        guard classroom.existingPoll(poll.key)?.answers[participant.nickname] == nil else {
            if Self.isAnswerKey(key, for: poll.question) {
                notice = "your answer is in: the teacher reveals it to everyone"
                return true
            }
            return false
        }
        switch poll.question.kind {
        case let .choices(choices):
            guard case let .char(c) = key, c.isNumber, let k = QuestionState.choiceIndex(c) else { return false }
            guard k < choices.count else {
                notice = "choose 1…\(choices.count)"
                return true
            }
            classroom.answer(poll.key, question: poll.question, by: participant, .choice(k))
            return true
        case .range:
            switch key {
            case .enter:
                guard let x = Double(typed), x.isFinite else {
                    notice = "type a number, then Enter"
                    return true
                }
                classroom.answer(poll.key, question: poll.question, by: participant, .number(x))
                typed = ""
                return true
            case .backspace:
                if !typed.isEmpty { typed.removeLast() }
                return true
            case let .char(c) where c.isNumber || "-.+eE".contains(c):
                if typed.count < 24 { typed.append(c) }
                return true
            default:
                return false
            }
        }
    }

    /// The teacher reveals: the core computes the answer on the teacher's scene; everyone sees it.
    private func reveal(_ open: OpenPoll) {
        guard let evaluator = open.lesson.evaluator else {
            notice = "this step's scene is still being computed: reveal in a moment"
            return
        }
        switch open.question.computeAnswer(with: evaluator) {
        case let .failure(error):
            notice = "the answer could not be computed: \(error)"
        case let .success(computed):
            classroom.reveal(open.key, question: open.question, answer: computed)
            // The teacher's own screen reveals too: the tutor is given the core's answer.
            let keys: [Key]
            if let choice = computed.choice { keys = [.char(Character(String(choice + 1)))] }
            else { keys = computed.text.map { .char($0) } + [.enter] }
            for key in keys { deliver(.key(key)) }
        }
    }

    // MARK: frames

    /// The teacher's screen as this student sees it: at this terminal's size, the student's own
    /// answers in place of the teacher's, the poll's state in the lesson's note.
    public func followedState() -> AppState? {
        guard var s = classroom.teacher else { return nil }
        s.width = width
        s.height = height
        if s.overlay == .help { s.overlay = nil }
        if case .goTo = s.overlay { s.overlay = nil }
        s.status = notice
        // Presenter notes are the teacher's alone.
        s.notes = false
        if case var .lesson(lesson) = s.screen {
            lesson.note = nil
            for i in lesson.questions.indices {
                let key = PollKey(lesson: lesson.lesson.id, step: lesson.stepNumber, question: i)
                let question = lesson.questions[i].question
                var mine = QuestionState(question: question)
                let poll = classroom.existingPoll(key)
                let response = poll?.answers[participant.nickname]
                if let response { mine.answer(response) }
                if let revealed = poll?.revealed {
                    if response != nil {
                        mine.reveal(revealed)
                    } else if i == lesson.activeQuestion || i + 1 == lesson.activeQuestion {
                        lesson.note = "revealed: the live model says \(revealed.text) (you did not answer)"
                    }
                }
                if i == lesson.activeQuestion && poll?.revealed == nil && mine.revealed == nil {
                    if let response {
                        lesson.note = "your answer: \(question.text(of: response)) · waiting for the teacher to reveal"
                    } else {
                        switch question.kind {
                        case .choices: lesson.note = "answer on your screen: press a number"
                        case .range: lesson.note = "answer on your screen: \(typed)_ (type a number, then Enter)"
                        }
                    }
                }
                lesson.questions[i] = mine
            }
            s.screen = .lesson(lesson)
        }
        return s
    }

    /// The frame as it is now, at this terminal's size.
    public func render() -> Buffer {
        var buffer = Buffer(width: width, height: height)
        let glyphs = encoder.profile.glyphs
        if showsTeacher {
            let key = followKey
            if let cached = classroom.cachedFrame(key), cached.width == width, cached.height == height {
                buffer = cached
            } else if let s = followedState() {
                view(s, into: &buffer, glyphs: glyphs)
                classroom.storeFrame(buffer, key: key)
            }
        } else {
            app.render(into: &buffer, glyphs: glyphs)
            if let notice { ClassBadge.status(notice, into: &buffer) }
        }
        if participant.role == .teacher, let open = openPoll(app.state) {
            PollPanel.render(classroom.poll(open.key, question: open.question), students: classroom.studentCounts.students,
                             revealKey: Self.revealKey, into: &buffer, glyphs: glyphs)
        }
        ClassBadge.render(badge, into: &buffer)
        if !glyphs.unicode { buffer.foldToASCII() }
        return buffer
    }

    /// Everything a follower's frame (before the badge) depends on: students with the same key see the same frame.
    var followKey: String {
        let (teacher, polls) = classroom.followVersion
        var mine = ""
        if let lesson = classroom.teacher?.lesson {
            for i in lesson.questions.indices {
                let answer = classroom.existingPoll(PollKey(lesson: lesson.lesson.id, step: lesson.stepNumber, question: i))?.answers[participant.nickname]
                mine += answer.map { "\($0)" } ?? "-"
                mine += ";"
            }
        }
        return "\(teacher)/\(polls)/\(width)x\(height)/\(encoder.profile.unicode)/\(mine)/\(typed)/\(notice ?? "")"
    }

    /// What the header's badge says.
    var badge: String {
        switch participant.role {
        case .teacher:
            let (following, students) = classroom.studentCounts
            return " teacher · \(following)/\(students) follow "
        case .student:
            if showsTeacher { return " \(participant.nickname) · following · \(Self.exploreKey.name) explores " }
            if following { return " \(participant.nickname) · waiting for the teacher " }
            return " \(participant.nickname) · on your own · \(Self.followKey.name) follows "
        }
    }

    /// Renders now and returns the bytes that bring the client's screen to it.
    public func frame() -> [UInt8] { encoder.encode(render()) }
}
