import Foundation
import GRDB

/// `unroll serve report`: the class record read back: per question the share right, per student
/// their answers; or every answer as CSV (one row each, for a spreadsheet).
public enum ClassReport {
    /// One answer as stored.
    public struct Answer: Sendable, Equatable {
        public var session: Int64
        public var startedAt: String
        public var nickname: String
        public var lesson: String
        public var step: Int
        public var question: Int
        public var prompt: String
        public var given: String
        /// nil until the teacher revealed it.
        public var correct: Bool?
        public var core: String?
        public var answeredAt: String
    }

    /// Every answer in the record, oldest first.
    public static func answers(in db: DatabasePool) throws -> [Answer] {
        try db.read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.session_id, s.started_at, a.nickname, a.lesson, a.step, a.question, a.prompt, a.given, a.correct, a.core, a.answered_at
                FROM answers a JOIN sessions s ON s.id = a.session_id ORDER BY a.session_id, a.lesson, a.step, a.question, a.id
                """).map { r in
                Answer(session: r[0], startedAt: r[1], nickname: r[2], lesson: r[3], step: r[4], question: r[5], prompt: r[6],
                       given: r[7], correct: (r[8] as Int?).map { $0 != 0 }, core: r[9], answeredAt: r[10])
            }
        }
    }

    /// Attendance: per nickname, the sessions they were in.
    public static func attendance(in db: DatabasePool) throws -> [(nickname: String, role: String, sessions: Int)] {
        try db.read { db in
            try Row.fetchAll(db, sql: """
                SELECT nickname, role, COUNT(DISTINCT session_id) FROM attendance GROUP BY nickname, role ORDER BY role DESC, nickname
                """).map { ($0[0], $0[1], $0[2]) }
        }
    }

    /// The report as text lines.
    public static func text(in db: DatabasePool) throws -> String {
        let all = try answers(in: db)
        let people = try attendance(in: db)
        let sessions = try db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM sessions") ?? 0 }
        var out = ["class record: \(sessions) session\(sessions == 1 ? "" : "s"), \(people.filter { $0.role == "student" }.count) students, \(all.count) answers", ""]
        out.append("per question (share right among the revealed answers):")
        var questions: [(key: String, answers: [Answer])] = []
        for a in all {
            let key = "session \(a.session) · \(a.lesson) step \(a.step) question \(a.question + 1)"
            if let i = questions.firstIndex(where: { $0.key == key }) { questions[i].answers.append(a) } else { questions.append((key, [a])) }
        }
        if questions.isEmpty { out.append("  (no answers yet)") }
        for (key, answers) in questions {
            let revealed = answers.filter { $0.correct != nil }
            let right = revealed.filter { $0.correct == true }.count
            let share = revealed.isEmpty ? "not revealed" : "\(right) of \(revealed.count) right (\(right * 100 / revealed.count)%)"
            out.append("  \(key): \(answers.count) answered, \(share)")
            out.append("    \(answers[0].prompt)" + (answers.first { $0.core != nil }?.core.map { " → \($0)" } ?? ""))
        }
        out.append("")
        out.append("per student:")
        for p in people where p.role == "student" {
            let mine = all.filter { $0.nickname == p.nickname }
            let right = mine.filter { $0.correct == true }.count
            out.append("  \(p.nickname) (\(p.sessions) session\(p.sessions == 1 ? "" : "s")): \(mine.count) answers, \(right) right")
            for a in mine {
                let verdict = a.correct.map { $0 ? "right" : "not quite" } ?? "not revealed"
                out.append("    \(a.lesson) step \(a.step) question \(a.question + 1): \(a.given) (\(verdict))")
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// Every answer as CSV with a header row (RFC 4180 quoting).
    public static func csv(in db: DatabasePool) throws -> String {
        var out = "session,started_at,nickname,lesson,step,question,prompt,given,correct,core,answered_at\n"
        for a in try answers(in: db) {
            let fields: [String] = ["\(a.session)", a.startedAt, a.nickname, a.lesson, "\(a.step)", "\(a.question + 1)", a.prompt, a.given,
                                    a.correct.map { $0 ? "yes" : "no" } ?? "", a.core ?? "", a.answeredAt]
            out += fields.map(quote).joined(separator: ",") + "\n"
        }
        return out
    }

    /// A CSV field, quoted when it holds a comma, a quote or a line break; a leading `=`, `+`, `-`
    /// or `@` gets a `'` so a spreadsheet never runs a student's text as a formula.
    static func quote(_ field: String) -> String {
        var f = field
        if let first = f.first, "=+-@".contains(first), Double(f) == nil { f = "'" + f }
        guard f.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return f }
        return "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
