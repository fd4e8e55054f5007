@preconcurrency import CNcursesw
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension TerminalCapabilities {
    /// Gathers the real facts and decides; also sets the process locale from the environment.
    ///
    /// Calls `setlocale(LC_ALL, "")` (curses needs it before `newterm` to draw UTF-8), checks
    /// `isatty` on fds 0 and 1, and asks terminfo about `TERM` with `setupterm` (with an error
    /// pointer, so a missing entry is reported instead of exiting), then releases the entry.
    public static func detect() -> TerminalCapabilities {
        decide(Probe.current())
    }
}

extension TerminalCapabilities.Probe {
    /// The facts of this process's terminal, read now.
    public static func current() -> TerminalCapabilities.Probe {
        setlocale(LC_ALL, "")
        let codeset = nl_langinfo(nl_item(CODESET)).map { String(cString: $0) } ?? ""
        let term = environment("TERM")
        var found = false, cup = false, colors = -1
        if let term, !term.isEmpty, term != "dumb" {
            var status: Int32 = 0
            if setupterm(term, 1, &status) == OK && status == 1 {
                found = true
                cup = unroll_has_string_cap("cup") == 1
                colors = Int(tigetnum("colors"))
                unroll_release_probe_term()
            }
        }
        return TerminalCapabilities.Probe(
            term: term, noColor: environment("NO_COLOR"),
            stdinIsTerminal: isatty(0) == 1, stdoutIsTerminal: isatty(1) == 1,
            terminfoFound: found, hasCursorAddressing: cup, colors: colors, codeset: codeset)
    }

    private static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}
