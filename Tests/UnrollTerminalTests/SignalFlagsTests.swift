import Testing
import UnrollTerminal
#if canImport(Glibc)
import Glibc
#endif

/// Polls `condition` for up to a second (a signal sent to the process lands on some thread).
func waitFor(_ condition: () -> Bool) -> Bool {
    for _ in 0..<100 {
        if condition() { return true }
        usleep(10_000)
    }
    return condition()
}

extension ProcessWide {
    @Suite struct SignalFlagsTests {
        @Test func exitStatusIs128PlusTheSignal() {
            #expect(SignalFlags.exitStatus(for: SIGINT) == 130)
            #expect(SignalFlags.exitStatus(for: SIGTERM) == 143)
            #expect(SignalFlags.exitStatus(for: SIGHUP) == 129)
            #expect(SignalFlags.exitStatus(for: SIGQUIT) == 131)
        }

        @Test(arguments: [SIGINT, SIGTERM, SIGHUP, SIGQUIT])
        func aSignalSetsTheFlagInsteadOfKilling(signal: Int32) {
            SignalFlags.install()
            defer { SignalFlags.uninstall() }
            #expect(SignalFlags.pending == 0)
            // Process-directed, as from the keyboard or `kill`: test threads may block signals.
            kill(getpid(), signal)
            #expect(waitFor { SignalFlags.pending == signal })
        }

        @Test func installClearsAndUninstallRestores() {
            SignalFlags.simulate(SIGTERM)
            SignalFlags.install()
            #expect(SignalFlags.pending == 0)
            SignalFlags.uninstall()
            SignalFlags.uninstall()  // idempotent
            var current = sigaction()
            sigaction(SIGTERM, nil, &current)
            #expect(unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self) == 0)  // SIG_DFL again
        }

        @Test func suspendRequestIsTakenOnce() {
            SignalFlags.install()
            defer { SignalFlags.uninstall() }
            var current = sigaction()
            sigaction(SIGTSTP, nil, &current)
            // Only when SIGTSTP was not ignored by our parent is the flag handler in place.
            guard unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self) > 1 else { return }
            kill(getpid(), SIGTSTP)
            #expect(waitFor { SignalFlags.suspendRequested })
            #expect(SignalFlags.takeSuspendRequest())
            #expect(!SignalFlags.takeSuspendRequest())
        }
    }
}
