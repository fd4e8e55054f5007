import Foundation
import Testing
@testable import UnrollServe

@Suite struct NicknameTests {
    @Test func onlySafeCharactersSurviveBoundedInLength() {
        #expect(Nickname.sanitise("ada") == "ada")
        #expect(Nickname.sanitise("\u{1B}[31mred\u{1B}[0m") == "31mred0m")
        #expect(Nickname.sanitise("a b\tc\n") == "abc")
        #expect(Nickname.sanitise("\u{202E}evil") == "evil")
        #expect(Nickname.sanitise("") == "student")
        #expect(Nickname.sanitise("\u{7}\u{1B}") == "student")
        #expect(Nickname.sanitise(String(repeating: "x", count: 500)).count == Nickname.maximumLength)
        #expect(Nickname.sanitise("José") == "José")
    }

    @Test func namesAreUniquePerClass() {
        let c = TestClass()
        let names = (0..<4).map { _ in c.classroom.join(userName: "sam", role: .student) {}.nickname }
        #expect(names == ["sam", "sam-2", "sam-3", "sam-4"])
        let long = String(repeating: "z", count: 40)
        let a = c.classroom.join(userName: long, role: .student) {}.nickname
        let b = c.classroom.join(userName: long, role: .student) {}.nickname
        #expect(a != b && b.count <= Nickname.maximumLength)
    }

    @Test func aChangeNotifiesTheOthers() {
        let c = TestClass()
        let count = NotifyCounter()
        let teacherCount = NotifyCounter()
        let s = c.classroom.join(userName: "s", role: .student) { count.bump() }
        #expect(count.value == 0, "joining does not notify yourself")
        _ = c.classroom.join(userName: "t", role: .teacher) { teacherCount.bump() }
        #expect(count.value == 1, "a join notifies the others")
        c.classroom.publishTeacher(TestClass().session("x", .teacher).app.state)
        #expect(count.value == 2, "the teacher's screen notifies the students")
        #expect(teacherCount.value == 0, "but not the teacher")
        c.classroom.setFollowing(s, false)
        #expect(teacherCount.value == 1, "a student who stops following notifies the teacher")
    }
}

final class NotifyCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func bump() { lock.lock(); n += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return n }
}

@Suite struct AuthAttemptLimiterTests {
    final class Clock: @unchecked Sendable { var now = 0.0 }

    @Test func failuresPastTheBurstAreRefusedUntilTheBucketRefills() {
        let clock = Clock()
        let limiter = AuthAttemptLimiter(burst: 3, refillSeconds: 10, clock: { clock.now })
        for _ in 0..<3 {
            #expect(limiter.mayAttempt("10.0.0.1"))
            limiter.failed("10.0.0.1")
        }
        #expect(!limiter.mayAttempt("10.0.0.1"))
        #expect(limiter.mayAttempt("10.0.0.2"), "other addresses are not affected")
        clock.now = 10
        #expect(limiter.mayAttempt("10.0.0.1"))
        limiter.failed("10.0.0.1")
        #expect(!limiter.mayAttempt("10.0.0.1"))
    }

    @Test func aFloodOfAddressesIsBounded() {
        let clock = Clock()
        let limiter = AuthAttemptLimiter(burst: 2, refillSeconds: 1, maximumAddresses: 100, clock: { clock.now })
        for i in 0..<1000 { limiter.failed("a\(i)") }
        #expect(limiter.rememberedAddresses <= 101)
    }
}

@Suite struct PollPanelTests {
    @Test func theHistogramPutsEveryNumberInABin() {
        let h = PollPanel.histogram([0, 0.05, 0.5, 1, 5, -3], low: 0, high: 1)
        #expect(h.count == PollPanel.bins)
        #expect(h.map(\.count).reduce(0, +) == 6)
        #expect(h[0].count == 3, "0, 0.05 and -3 (below the range) fall in the first bin")
        #expect(h[4].count == 1)
        #expect(h[PollPanel.bins - 1].count == 2, "1 and 5 (above the range) fall in the last bin")
    }
}
