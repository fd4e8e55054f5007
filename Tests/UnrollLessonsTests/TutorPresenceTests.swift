import Foundation
import Testing
@testable import UnrollLessons

@Suite struct TutorPresenceTests {
    let lab = TutorPresence.Place(host: "lab-3", sshClient: "10.0.0.7", terminal: "/dev/pts/1")
    let home = TutorPresence.Place(host: "lab-3", sshClient: "10.0.0.9", terminal: "/dev/pts/2")

    @Test func aSecondTutorOnASharedLoginSeesTheFirstAndSaysSo() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let first = try #require(TutorPresence.register(in: dir, place: lab, pid: 101))
        #expect(first.others.isEmpty)
        #expect(first.sharedLoginNotice == nil)
        let second = try #require(TutorPresence.register(in: dir, place: home, pid: 102))
        #expect(second.others == [lab])
        let notice = try #require(second.sharedLoginNotice)
        #expect(notice.contains("from 10.0.0.7") && notice.contains("--profile NAME"))
        #expect(notice.count <= 80, "one status line at 80 columns: \(notice)")
        withExtendedLifetime(first) {}
    }

    @Test func twoTerminalsOfOnePersonAreNotASharedLogin() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let here = TutorPresence.Place(host: "laptop", sshClient: nil, terminal: "/dev/pts/4")
        let there = TutorPresence.Place(host: "laptop", sshClient: nil, terminal: "/dev/pts/5")
        let first = try #require(TutorPresence.register(in: dir, place: here, pid: 201))
        let second = try #require(TutorPresence.register(in: dir, place: there, pid: 202))
        #expect(second.others == [here])
        #expect(second.sharedLoginNotice == nil)
        withExtendedLifetime(first) {}
    }

    @Test func aTutorThatHasGoneIsForgottenAndItsFileRemoved() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            let gone = try #require(TutorPresence.register(in: dir, place: lab, pid: 301))
            #expect(FileManager.default.fileExists(atPath: dir + "/.tutor-301"))
            withExtendedLifetime(gone) {}
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/.tutor-301"), "a tutor that quits removes its file")
        // A file left by a tutor killed with SIGKILL: nobody holds its lock.
        try "lab-3\n10.0.0.7\n-\n".write(toFile: dir + "/.tutor-302", atomically: false, encoding: .utf8)
        let now = try #require(TutorPresence.register(in: dir, place: home, pid: 303))
        #expect(now.others.isEmpty)
        #expect(now.sharedLoginNotice == nil)
        #expect(!FileManager.default.fileExists(atPath: dir + "/.tutor-302"), "the killed tutor's file is removed")
    }

    @Test func whatAnotherTutorWroteReachesTheNoticeOnlyAsSafeText() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let hostile = TutorPresence.Place(host: "h\u{1B}]0;pwned\u{07}", sshClient: "\u{1B}[2J10.0.0.8", terminal: nil)
        let first = try #require(TutorPresence.register(in: dir, place: hostile, pid: 401))
        let second = try #require(TutorPresence.register(in: dir, place: lab, pid: 402))
        let notice = try #require(second.sharedLoginNotice)
        #expect(!notice.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "no control characters: \(notice)")
        withExtendedLifetime(first) {}
    }

    @Test func aFolderThatCannotBeUsedMeansNoPresenceNotAFailure() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/not-a-folder"
        try "x".write(toFile: file, atomically: false, encoding: .utf8)
        #expect(TutorPresence.register(in: file, place: lab, pid: 501) == nil)
    }
}

@Suite struct ProgressProfileTests {
    @Test(arguments: ["ana", "Ana-2", "b_o.b", String(repeating: "x", count: 32)])
    func aSafeNameIsAProfileWithItsOwnFolder(_ name: String) throws {
        let profile = try ProgressProfile.named(name).get()
        #expect(profile.directory(in: "/s/unroll") == "/s/unroll/profiles/\(name)")
        #expect(ProgressStore(environment: ["XDG_STATE_HOME": "/s"], profile: profile).path == "/s/unroll/profiles/\(name)/progress.json")
    }

    @Test(arguments: ["", ".hidden", "..", "a/b", "../x", "a b", "\u{1B}[31m", String(repeating: "x", count: 33), "é"])
    func anUnsafeNameIsRefusedWithAReason(_ name: String) {
        guard case let .failure(error) = ProgressProfile.named(name) else {
            Issue.record("'\(name)' was accepted")
            return
        }
        #expect(!error.message.isEmpty)
        #expect(!error.message.unicodeScalars.contains { $0.value == 0x1B }, "the message never carries the escape itself")
    }

    @Test func noProfileIsTheLoginsOwnFile() {
        #expect(ProgressStore(environment: ["XDG_STATE_HOME": "/s"], profile: nil).path == "/s/unroll/progress.json")
    }
}
