/// `unroll serve`: the tutor over SSH for a whole class (one session per connection).
public enum ServeModule {
    /// The default state folder: `$XDG_STATE_HOME/unroll/serve`, else `~/.local/state/unroll/serve`.
    public static func defaultStateFolder(environment: [String: String]) -> String {
        if let x = environment["XDG_STATE_HOME"], x.hasPrefix("/") { return x + "/unroll/serve" }
        return (environment["HOME"] ?? ".") + "/.local/state/unroll/serve"
    }

    /// A class code students can type: six letters and digits without look-alikes (0/O, 1/l/I).
    public static func generateClassCode() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        var rng = SystemRandomNumberGenerator()
        return String((0..<6).map { _ in alphabet[Int(rng.next(upperBound: UInt(alphabet.count)))] })
    }

    /// The default port `unroll serve` listens on.
    public static let defaultPort = 2222
}
