/// `unroll serve`: the tutor over SSH for a whole class (one session per connection).
public enum ServeModule {
    /// The default port `unroll serve` listens on.
    public static let defaultPort = 2222
}
