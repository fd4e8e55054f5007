import Foundation
import GRDB
import Synchronization
import UnrollLessons

/// The record of a class in SQLite (`class.sqlite` in the state folder): attendance, progress and
/// every answer, per nickname per class session (one session per server start).
///
/// The database runs in WAL mode; every answer is its own transaction, committed before the
/// student's screen says it was taken, so a crash or `kill -9` of the server loses no committed
/// answer and never corrupts the file. The schema is built by migrations (`v1`, …) run at open.
public final class ClassRecord: Sendable {
    /// The database file's name inside the state folder.
    public static let fileName = "class.sqlite"

    private let pool: DatabasePool
    /// This server run's row in `sessions`.
    public let sessionID: Int64
    /// The first error writing the record (it is reported once, the class goes on).
    private let firstError = Mutex<String?>(nil)
    private let onError: @Sendable (String) -> Void

    /// Opens (or creates) the record at `path`, migrates it and starts a class session.
    public init(path: String, onError: @escaping @Sendable (String) -> Void = { _ in }) throws {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")  // WAL: a commit survives a process crash
        }
        configuration.busyMode = .timeout(5)
        pool = try DatabasePool(path: path, configuration: configuration)
        try Self.migrator.migrate(pool)
        self.onError = onError
        sessionID = try pool.write { db in
            try db.execute(sql: "INSERT INTO sessions (started_at) VALUES (?)", arguments: [Self.now()])
            return db.lastInsertedRowID
        }
    }

    /// Opens an existing record for reading (the report), beside a server that may be writing it.
    ///
    /// An ordinary WAL connection that only reads: a `readonly` one was seen to fail its read
    /// transaction with SQLITE_IOERR while the server's connection wrote.
    public static func openForReading(path: String) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        return try DatabasePool(path: path, configuration: configuration)
    }

    /// The schema, one migration per version.
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE sessions (id INTEGER PRIMARY KEY AUTOINCREMENT, started_at TEXT NOT NULL);
                CREATE TABLE attendance (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, session_id INTEGER NOT NULL REFERENCES sessions(id),
                    nickname TEXT NOT NULL, role TEXT NOT NULL, joined_at TEXT NOT NULL, left_at TEXT);
                CREATE TABLE progress (
                    session_id INTEGER NOT NULL REFERENCES sessions(id), nickname TEXT NOT NULL, lesson TEXT NOT NULL,
                    step INTEGER NOT NULL, furthest INTEGER NOT NULL, at TEXT NOT NULL,
                    PRIMARY KEY (session_id, nickname, lesson));
                CREATE TABLE answers (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, session_id INTEGER NOT NULL REFERENCES sessions(id),
                    nickname TEXT NOT NULL, lesson TEXT NOT NULL, step INTEGER NOT NULL, question INTEGER NOT NULL,
                    prompt TEXT NOT NULL, given TEXT NOT NULL, correct INTEGER, core TEXT, answered_at TEXT NOT NULL,
                    UNIQUE (session_id, nickname, lesson, step, question));
                """)
        }
        return m
    }

    func joined(_ p: Participant) {
        write("INSERT INTO attendance (session_id, nickname, role, joined_at) VALUES (?, ?, ?, ?)",
              [sessionID, p.nickname, p.role.rawValue, Self.now()])
    }

    func left(_ p: Participant) {
        write("UPDATE attendance SET left_at = ? WHERE session_id = ? AND nickname = ? AND left_at IS NULL",
              [Self.now(), sessionID, p.nickname])
    }

    func progress(_ p: Participant, lesson: String, step: Int) {
        write("""
            INSERT INTO progress (session_id, nickname, lesson, step, furthest, at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (session_id, nickname, lesson) DO UPDATE SET step = excluded.step,
                furthest = max(furthest, excluded.step), at = excluded.at
            """, [sessionID, p.nickname, lesson, step, step, Self.now()])
    }

    func answered(_ p: Participant, key: PollKey, question: Question, response: QuestionResponse) {
        write("""
            INSERT OR IGNORE INTO answers (session_id, nickname, lesson, step, question, prompt, given, answered_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [sessionID, p.nickname, key.lesson, key.step, key.question, question.prompt, question.text(of: response), Self.now()])
    }

    func revealed(key: PollKey, question: Question, answer: ComputedAnswer, answers: [String: QuestionResponse]) {
        do {
            try pool.write { db in
                for (nickname, response) in answers {
                    try db.execute(sql: """
                        UPDATE answers SET correct = ?, core = ? WHERE session_id = ? AND nickname = ? AND lesson = ? AND step = ? AND question = ?
                        """, arguments: [question.isCorrect(response, answer: answer), answer.text, sessionID, nickname, key.lesson, key.step, key.question])
                }
            }
        } catch { report(error) }
    }

    /// What `nickname` has done in every class session so far: the furthest step per lesson and the
    /// answers whose reveal was recorded. A student who comes back next week sees their marks on the
    /// start screen (nil when the record cannot be read: the student starts with no marks).
    public func studyProgress(nickname: String) -> StudyProgress? {
        try? pool.read { db -> StudyProgress in
            var progress = StudyProgress()
            let steps = try Row.fetchAll(db, sql: """
                SELECT lesson, max(furthest) AS furthest FROM progress WHERE nickname = ? GROUP BY lesson
                """, arguments: [nickname])
            for row in steps {
                guard let lesson: String = row["lesson"], let furthest: Int = row["furthest"] else { continue }
                progress.visit(lesson: lesson, step: furthest)
            }
            let answers = try Row.fetchAll(db, sql: """
                SELECT lesson, step, question, given, correct FROM answers
                WHERE nickname = ? AND correct IS NOT NULL ORDER BY id
                """, arguments: [nickname])
            for row in answers {
                guard let lesson: String = row["lesson"], let step: Int = row["step"], let question: Int = row["question"],
                      let given: String = row["given"], let correct: Bool = row["correct"] else { continue }
                progress.record(AnswerRecord(step: step, question: question, given: given, correct: correct), lesson: lesson)
            }
            return progress
        }
    }

    private func write(_ sql: String, _ arguments: StatementArguments) {
        do { try pool.write { db in try db.execute(sql: sql, arguments: arguments) } } catch { report(error) }
    }

    private func report(_ error: any Error) {
        let message = "the class record could not be written: \(error)"
        let first = firstError.withLock { e -> Bool in
            if e != nil { return false }
            e = message
            return true
        }
        if first { onError(message) }
    }

    static func now() -> String {
        let f = ISO8601DateFormatter()
        return f.string(from: Date())
    }
}
