import Foundation
import Testing
import UnrollApp
import UnrollLessons
@testable import UnrollServe

func scratchFolder(_ name: String) -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-serve-\(name)-\(UUID().uuidString)").path
    return path
}

@Suite struct HostKeyTests {
    @Test func theKeyIsMadeOnceKeptMode0600AndTheSameNextTime() throws {
        let folder = scratchFolder("key")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = try HostKey.loadOrCreate(folder: folder)
        let attributes = try FileManager.default.attributesOfItem(atPath: folder + "/" + HostKey.fileName)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let second = try HostKey.loadOrCreate(folder: folder)
        #expect(first.key.rawRepresentation == second.key.rawRepresentation)
        #expect(first.fingerprint.hasPrefix("SHA256:") && first.fingerprint == second.fingerprint)
    }

    @Test func aKeyOthersMayReadIsRefused() throws {
        let folder = scratchFolder("key-open")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try HostKey.loadOrCreate(folder: folder)
        chmod(folder + "/" + HostKey.fileName, 0o644)
        #expect(throws: HostKey.KeyError.self) { try HostKey.loadOrCreate(folder: folder) }
    }

    @Test func aDamagedKeyIsRefusedNamingTheFile() throws {
        let folder = scratchFolder("key-bad")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/" + HostKey.fileName
        FileManager.default.createFile(atPath: path, contents: Data("not hex".utf8), attributes: [.posixPermissions: 0o600])
        do {
            _ = try HostKey.loadOrCreate(folder: folder)
            Issue.record("a damaged key was accepted")
        } catch {
            #expect(error.description.contains(path))
        }
    }
}

@Suite struct TeacherKeysTests {
    static let ed25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBQHuc3bqg2qntqqmqXOWBRrnChT/lq1cBHP1t6EAIKk teacher@lab"

    @Test func keysWithCommentsOptionsAndBlankLinesAreRead() throws {
        let text = "# the teachers\n\n\(Self.ed25519)\nno-pty,from=\"10.0.0.0/8\" \(Self.ed25519.replacingOccurrences(of: "teacher@lab", with: "again"))\n"
        let keys = try TeacherKeys.parse(text, name: "keys")
        #expect(keys.keys.count == 1)
    }

    @Test func aLineWithoutAKeyIsAnErrorNamingItsLine() {
        do {
            _ = try TeacherKeys.parse("\(Self.ed25519)\nssh-ed25519 notbase64\n", name: "teachers.pub")
            Issue.record("a bad line was accepted")
        } catch {
            #expect(error.description.hasPrefix("teachers.pub:2:"))
        }
    }

    @Test func anRSAKeySaysWhatToMakeInstead() {
        let rsa = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 teacher@old-laptop"
        do {
            _ = try TeacherKeys.parse("\(Self.ed25519)\n\(rsa)\n", name: "teachers.pub")
            Issue.record("an RSA key was accepted, but the SSH library cannot verify its signatures")
        } catch {
            #expect(error.description.hasPrefix("teachers.pub:2: ssh-rsa keys"))
            #expect(error.description.contains("ssh-keygen -t ed25519"))
        }
    }
}

@Suite(.serialized) struct ClassRecordTests {
    @Test func answersAreCommittedWhenGivenAndTheReportListsThem() throws {
        let folder = scratchFolder("record")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/" + ClassRecord.fileName
        let (lesson, step) = try #require(TestClass.lessonWithQuestion)
        do {
            let c = TestClass(record: try ClassRecord(path: path))
            let teacher = c.session("teacher", .teacher)
            let ann = c.session("ann", .student)
            let ben = c.session("ben", .student)
            teacher.open(lesson)
            for _ in 1..<step { teacher.press(.right); teacher.settle() }
            ann.press(.char("1"))
            // Before any reveal, a second connection to the file already sees the answer.
            let reader = try ClassRecord.openForReading(path: path)
            #expect(try ClassReport.answers(in: reader).map(\.nickname) == ["ann"])
            ben.press(.char("2"))
            teacher.press(ServedSession.revealKey)
            let revealed = try #require(c.classroom.existingPoll(PollKey(lesson: lesson.id, step: step, question: 0))?.revealed)
            #expect(revealed.choice == 0 || revealed.choice == 1, "the test wants one right and one wrong answer")
        }
        let db = try ClassRecord.openForReading(path: path)
        let answers = try ClassReport.answers(in: db)
        #expect(answers.count == 2)
        #expect(answers.first { $0.nickname == "ann" }?.correct != answers.first { $0.nickname == "ben" }?.correct)
        #expect(answers.allSatisfy { $0.correct != nil })
        let text = try ClassReport.text(in: db)
        #expect(text.contains("1 of 2 right (50%)"))
        #expect(text.contains("ann") && text.contains("ben"))
        let csv = try ClassReport.csv(in: db)
        #expect(csv.split(separator: "\n").count == 3)

        // Next week: a new class session on the same record; Ann's start screen carries her marks.
        let nextWeek = try ClassRecord(path: path)
        let ann = try #require(nextWeek.studyProgress(nickname: "ann"))
        #expect((ann.lessons[lesson.id]?.stepReached ?? 0) >= step, "the furthest step she followed to")
        #expect(ann.lessons[lesson.id]?.answers.count == 1)
        #expect(ann.lessons[lesson.id]?.answers.first?.correct == answers.first { $0.nickname == "ann" }?.correct)
        #expect(nextWeek.studyProgress(nickname: "carol")?.lessons.isEmpty == true, "a newcomer starts with no marks")
        let c = TestClass(record: nextWeek)
        let returning = c.session("ann", .student)
        let newcomer = c.session("carol", .student)
        guard case let .start(annStart) = returning.app.state.screen, case let .start(carolStart) = newcomer.app.state.screen else {
            Issue.record("both open on the start screen")
            return
        }
        let shown = { (start: StartState) in start.entries.map { "\($0.title) | \($0.detail) | \($0.action)" } }
        #expect(shown(annStart) != shown(carolStart), "Ann's start screen shows her progress, Carol's does not")
        let library = try #require(c.classroom.library)
        #expect(shown(carolStart) == shown(StartState(entries: StartState.lessons(library, progress: StudyProgress())
                                                      + StartState.labs(shipped: ModelStore(files: c.classroom.lessons).names))))
    }

    @Test func reopeningMigratesOnceAndStartsANewSession() throws {
        let folder = scratchFolder("record2")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/" + ClassRecord.fileName
        let a = try ClassRecord(path: path).sessionID
        let b = try ClassRecord(path: path).sessionID
        #expect(b == a + 1)
    }

    @Test func csvFieldsAreQuotedAndFormulasDefused() {
        #expect(ClassReport.quote("plain") == "plain")
        #expect(ClassReport.quote("a,b") == "\"a,b\"")
        #expect(ClassReport.quote("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(ClassReport.quote("=1+1") == "'=1+1")
        #expect(ClassReport.quote("-0.5") == "-0.5")
    }
}
