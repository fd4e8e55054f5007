import Testing
import UnrollTerminal
#if canImport(Glibc)
import Glibc
#endif

extension ProcessWide {
    /// The crash path itself (endwin, then the previous handler) is checked end to end by
    /// `.ci/e2e-tmux.sh`; here: installing chains and uninstalling puts the old handlers back.
    @Suite struct CrashGuardTests {
        func handler(_ signal: Int32) -> Int {
            var action = sigaction()
            sigaction(signal, nil, &action)
            return unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self)
        }

        @Test func installReplacesAndUninstallRestoresEveryCrashHandler() {
            let before = CrashGuard.crashSignals.map(handler)
            CrashGuard.install()
            let during = CrashGuard.crashSignals.map(handler)
            CrashGuard.install()  // idempotent: must not save its own handler as "previous"
            CrashGuard.uninstall()
            let after = CrashGuard.crashSignals.map(handler)
            #expect(after == before)
            #expect(zip(before, during).allSatisfy { $0 != $1 })
            #expect(Set(during).count == 1)
        }

        @Test func coversTheTrapSignals() {
            for signal in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE] {
                #expect(CrashGuard.crashSignals.contains(signal))
            }
        }
    }
}
