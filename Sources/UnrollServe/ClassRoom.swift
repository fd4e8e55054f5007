import Synchronization
import UnrollApp
import UnrollLessons
import UnrollTUI

/// Who a connection is in the class.
public struct Participant: Sendable, Hashable {
    public enum Role: String, Sendable { case teacher, student }
    /// Unique while the server runs.
    public let id: Int
    /// Sanitised and unique in the class (see `Nickname`).
    public let nickname: String
    public let role: Role
}

/// Which question a poll is about: a lesson, a 1-based step and the question's index in the step.
public struct PollKey: Sendable, Hashable {
    public var lesson: String
    public var step: Int
    public var question: Int

    public init(lesson: String, step: Int, question: Int) {
        self.lesson = lesson
        self.step = step
        self.question = question
    }
}

/// One question the class answers: everyone's answer by nickname, and the core's once revealed.
public struct Poll: Sendable {
    public let question: Question
    public var answers: [String: QuestionResponse] = [:]
    public var revealed: ComputedAnswer?
}

/// The class one server holds: the teacher's screen as a value, who is connected and who
/// follows, and the polls; shared by every session (each on its own event loop) behind a lock.
///
/// Sessions register a `notify` closure (it hops to the session's event loop and marks the frame
/// dirty); a change notifies every other member, so students follow the teacher's step at once
/// and the teacher's counts stay live. Nothing here draws.
public final class ClassRoom: Sendable {
    private struct Member {
        var participant: Participant
        var following: Bool
        var notify: @Sendable () -> Void
    }

    private struct State {
        var nextID = 1
        var members: [Int: Member] = [:]
        var teacher: AppState?
        var teacherVersion = 0
        var polls: [PollKey: Poll] = [:]
        /// Bumped on every answer and reveal.
        var pollVersion = 0
    }

    private let state = Mutex(State())
    /// Followers' frames, shared by students whose screens are the same (size, answers): one
    /// render per distinct screen instead of one per student.
    private let frames = Mutex<[String: Buffer]>([:])
    /// The lessons every session opens, loaded once.
    public let library: LessonLibrary?
    /// The lesson files (models are read through them).
    public let lessons: any LessonFiles
    /// The shared lab loader (one `ModelStore` for the class).
    public let loadLab: @Sendable (String, String, String) -> Result<LabState, LabState.SetupError>
    /// The class record (nil: not kept, e.g. in tests).
    public let record: ClassRecord?

    public init(library: LessonLibrary?, lessons: any LessonFiles, record: ClassRecord? = nil) {
        self.library = library
        self.lessons = lessons
        self.loadLab = App.labLoader(models: ModelStore(files: lessons))
        self.record = record
    }

    /// Adds a member; its nickname is `userName` sanitised, suffixed `-2`, `-3`, … when taken.
    public func join(userName: String, role: Participant.Role, notify: @escaping @Sendable () -> Void) -> Participant {
        let base = Nickname.sanitise(userName)
        let participant: Participant = state.withLock { s in
            let taken = Set(s.members.values.map(\.participant.nickname))
            var name = base
            var n = 2
            while taken.contains(name) {
                name = String(base.prefix(Nickname.maximumLength - 1 - String(n).count)) + "-\(n)"
                n += 1
            }
            let p = Participant(id: s.nextID, nickname: name, role: role)
            s.nextID += 1
            s.members[p.id] = Member(participant: p, following: role == .student, notify: notify)
            return p
        }
        record?.joined(participant)
        notifyAll(except: participant.id)
        return participant
    }

    /// Removes a member (its connection closed).
    public func leave(_ participant: Participant) {
        let wasTeacher = state.withLock { s -> Bool in
            s.members[participant.id] = nil
            if participant.role == .teacher && !s.members.values.contains(where: { $0.participant.role == .teacher }) {
                s.teacher = nil
                return true
            }
            return false
        }
        record?.left(participant)
        _ = wasTeacher
        notifyAll(except: participant.id)
    }

    /// The teacher's screen changed: followers redraw from it.
    public func publishTeacher(_ app: AppState) {
        let changedStep: (String, Int)? = state.withLock { s in
            let before = s.teacher?.lesson.map { ($0.lesson.id, $0.stepNumber) }
            s.teacher = app
            s.teacherVersion += 1
            let after = app.lesson.map { ($0.lesson.id, $0.stepNumber) }
            return before.map { $0.0 } != after.map { $0.0 } || before.map { $0.1 } != after.map { $0.1 } ? after : nil
        }
        if let (lesson, step) = changedStep { recordFollowersProgress(lesson: lesson, step: step) }
        notifyAll(except: nil, students: true)
    }

    /// The teacher's screen, or nil before a teacher has connected.
    public var teacher: AppState? { state.withLock { $0.teacher } }

    /// How many change notifications the teacher's screen has had.
    public var teacherVersion: Int { state.withLock { $0.teacherVersion } }

    /// What followers' frames depend on besides their own answers: the teacher's screen and the polls.
    public var followVersion: (teacher: Int, polls: Int) { state.withLock { ($0.teacherVersion, $0.pollVersion) } }

    /// A follower's frame drawn before under `key`.
    func cachedFrame(_ key: String) -> Buffer? { frames.withLock { $0[key] } }

    /// Keeps a follower's frame for the others with the same screen (the cache is bounded).
    func storeFrame(_ buffer: Buffer, key: String) {
        frames.withLock { f in
            if f.count >= 64 { f.removeAll(keepingCapacity: true) }
            f[key] = buffer
        }
    }

    /// Whether a student follows the teacher.
    public func setFollowing(_ participant: Participant, _ following: Bool) {
        state.withLock { $0.members[participant.id]?.following = following }
        notifyAll(except: participant.id, students: false)
    }

    /// Students connected, and how many of them follow.
    public var studentCounts: (following: Int, students: Int) {
        state.withLock { s in
            let students = s.members.values.filter { $0.participant.role == .student }
            return (students.filter(\.following).count, students.count)
        }
    }

    /// The nicknames connected now, in the order they joined.
    public var nicknames: [String] {
        state.withLock { s in s.members.values.sorted { $0.participant.id < $1.participant.id }.map(\.participant.nickname) }
    }

    /// The poll for a question (opened on first use).
    public func poll(_ key: PollKey, question: Question) -> Poll {
        state.withLock { s in
            if let p = s.polls[key] { return p }
            let p = Poll(question: question)
            s.polls[key] = p
            return p
        }
    }

    /// The poll for a question, if anyone answered or it was revealed.
    public func existingPoll(_ key: PollKey) -> Poll? { state.withLock { $0.polls[key] } }

    /// Records a student's answer (the first answer counts; later ones are ignored); returns whether it was taken.
    @discardableResult
    public func answer(_ key: PollKey, question: Question, by participant: Participant, _ response: QuestionResponse) -> Bool {
        let taken = state.withLock { s -> Bool in
            var p = s.polls[key] ?? Poll(question: question)
            guard p.revealed == nil, p.answers[participant.nickname] == nil else { return false }
            p.answers[participant.nickname] = response
            s.polls[key] = p
            s.pollVersion += 1
            return true
        }
        if taken {
            record?.answered(participant, key: key, question: question, response: response)
            notifyAll(except: participant.id, students: false)
        }
        return taken
    }

    /// Reveals a poll with the core's answer: every student sees theirs against it.
    public func reveal(_ key: PollKey, question: Question, answer: ComputedAnswer) {
        let answers: [String: QuestionResponse] = state.withLock { s in
            var p = s.polls[key] ?? Poll(question: question)
            p.revealed = answer
            s.polls[key] = p
            s.pollVersion += 1
            return p.answers
        }
        record?.revealed(key: key, question: question, answer: answer, answers: answers)
        notifyAll(except: nil)
    }

    private func recordFollowersProgress(lesson: String, step: Int) {
        guard let record else { return }
        let followers = state.withLock { s in s.members.values.filter { $0.following && $0.participant.role == .student }.map(\.participant) }
        for p in followers { record.progress(p, lesson: lesson, step: step) }
    }

    /// Calls every member's `notify` (outside the lock): all but `except`, only students or only teachers when given.
    private func notifyAll(except id: Int?, students: Bool? = nil) {
        let targets = state.withLock { s in
            s.members.values.filter { m in
                m.participant.id != id && students.map { $0 == (m.participant.role == .student) } ?? true
            }.map(\.notify)
        }
        for notify in targets { notify() }
    }
}
