/// How `unroll serve` listens and what it allows: the flags, with defaults sane for a class of
/// 30–100 on a laptop or a small server.
public struct ServeConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = ServeModule.defaultPort
    /// The state folder: the host key and the class record.
    public var stateFolder: String
    /// The password students type.
    public var classCode: String
    /// Open TCP connections at once (over it a new connection is closed at once).
    public var maximumConnections = 200
    /// Tutor sessions at once (over it a shell request is refused with a message).
    public var maximumSessions = 150
    /// Seconds without a key before a session is closed.
    public var idleTimeoutSeconds = 3600
    /// Seconds a connection may take to log in.
    public var loginGraceSeconds = 30
    /// Bytes of frames waiting for a slow client before newer frames wait (and coalesce).
    public var outputLimitBytes = 256 * 1024
    /// Failed logins per address before the limit (then one more per `authRefillSeconds`).
    public var authBurst = 10
    public var authRefillSeconds = 2.0

    public init(stateFolder: String, classCode: String) {
        self.stateFolder = stateFolder
        self.classCode = classCode
    }
}
