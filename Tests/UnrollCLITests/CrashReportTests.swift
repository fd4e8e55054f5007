import Testing
import UnrollTerminal
@testable import unroll

/// Finding 19: the tutor's crash report goes to a file, without the interactive backtracer.
/// (The crash itself, checked by hand in tmux: a trap in the lab exits 132 within a second,
/// the terminal restored, the notice line printed and `unroll-PID-*.log` written; a `setenv` of
/// `SWIFT_BACKTRACE` after start-up was measured to change nothing, hence the re-exec.)
@Suite(.serialized) struct CrashReportTests {
    @Test func theBacktracerIsNotInteractiveAndWritesIntoTheStateFolder() {
        #expect(CrashReport.settings(folder: "/s/unroll/crashes") == "interactive=no,output-to=/s/unroll/crashes")
        #expect(CrashReport.folder(["XDG_STATE_HOME": "/x/state", "HOME": "/home/a"]) == "/x/state/unroll/crashes")
        #expect(CrashReport.folder(["XDG_STATE_HOME": "", "HOME": "/home/a"]) == "/home/a/.local/state/unroll/crashes")
        #expect(CrashReport.folder(["XDG_STATE_HOME": "relative", "HOME": "/home/a"]) == "/home/a/.local/state/unroll/crashes")
        #expect(CrashReport.folder([:]) == nil)
    }

    @Test func theNoticeIsOneLineNamingTheFolder() {
        let line = CrashReport.notice(folder: "/home/a/.local/state/unroll/crashes")
        #expect(line.hasPrefix("unroll: crashed;") && line.contains("/home/a/.local/state/unroll/crashes/") && !line.contains("\n"))
    }

    @Test func theCrashGuardKeepsTheNoticeForItsHandler() {
        CrashGuard.setNotice("unroll: crashed; report in /tmp/x")
        #expect(CrashGuard.noticeText == "unroll: crashed; report in /tmp/x\n")
        CrashGuard.setNotice(nil)
        #expect(CrashGuard.noticeText == nil)
    }

    @Test func onlyCommandsThatMayOpenTheFullScreenAreReExecuted() throws {
        guard case let .command(lab, _) = Invocation.parse(["lab", "book-lstm"]),
              case let .command(plain, _) = Invocation.parse(["lab", "book-lstm", "--plain"]),
              case let .command(trace, _) = Invocation.parse(["trace", "book-lstm", "--input", "Doug"]),
              case let .command(frame, _) = Invocation.parse(["gradients", "--frame", "80x24"]) else {
            Issue.record("did not parse"); return
        }
        #expect((lab as? FullScreenCommand)?.mayOpenFullScreen == true)
        #expect((plain as? FullScreenCommand)?.mayOpenFullScreen == false)
        #expect(trace as? FullScreenCommand == nil)
        #expect((frame as? FullScreenCommand)?.mayOpenFullScreen == false)
    }
}
