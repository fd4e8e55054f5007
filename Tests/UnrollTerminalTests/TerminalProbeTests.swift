import Testing
import UnrollTerminal

extension ProcessWide {
    @Suite struct TerminalProbeTests {
        /// Under `swift test` the facts vary (tty or not, TERM or not); the probe must answer
        /// without exiting, and `detect` must agree with `decide` on what it gathered.
        @Test func probingTheRealTerminalIsSafeAndConsistent() {
            let probe = TerminalCapabilities.Probe.current()
            #expect(!probe.codeset.isEmpty)
            #expect(TerminalCapabilities.detect() == TerminalCapabilities.decide(probe))
            if !probe.terminfoFound { #expect(!probe.hasCursorAddressing) }
        }
    }
}
