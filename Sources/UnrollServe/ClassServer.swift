import Crypto
import Foundation
import NIOCore
import NIOPosix
import NIOSSH
import Synchronization

/// The SSH server of `unroll serve`: one tutor session per connection, nothing else.
///
/// Students log in with any user name and the class code as password; teachers with a key
/// listed in `--teacher-keys`. Only `session` channels open; in them only `pty-req`, `env` (locale
/// and `NO_COLOR`), `window-change` and `shell` are granted: exec, subsystems (sftp), X11, agent
/// and port forwarding are refused. Connections and sessions are capped, logins rate-limited per
/// address, idle sessions closed; a protocol error closes that connection only.
public final class ClassServer: Sendable {
    public let configuration: ServeConfiguration
    public let classroom: ClassRoom
    public let hostKey: NIOSSHPrivateKey
    public let teacherKeys: TeacherKeys
    let limiter: AuthAttemptLimiter
    let counts = Mutex((connections: 0, sessions: 0))
    private let group: MultiThreadedEventLoopGroup
    private let listener = Mutex<(any Channel)?>(nil)

    public init(configuration: ServeConfiguration, classroom: ClassRoom, hostKey: ServerHostKey,
                teacherKeys: TeacherKeys, threads: Int = System.coreCount) {
        self.configuration = configuration
        self.classroom = classroom
        self.hostKey = NIOSSHPrivateKey(ed25519Key: hostKey.key)
        self.teacherKeys = teacherKeys
        self.limiter = AuthAttemptLimiter(burst: configuration.authBurst, refillSeconds: configuration.authRefillSeconds)
        self.group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, threads))
    }

    /// Binds and starts accepting; returns the port bound (useful with port 0).
    public func start() throws -> Int {
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socket(SocketOptionLevel(SOL_SOCKET), SO_REUSEADDR), value: 1)
            .childChannelOption(ChannelOptions.socket(SocketOptionLevel(IPPROTO_TCP), TCP_NODELAY), value: 1)
            .childChannelInitializer { [self] channel in self.initialise(connection: channel) }
        let channel = try bootstrap.bind(host: configuration.host, port: configuration.port).wait()
        listener.withLock { $0 = channel }
        return channel.localAddress?.port ?? configuration.port
    }

    /// Blocks until the server stops.
    public func wait() throws {
        guard let channel = listener.withLock({ $0 }) else { return }
        try channel.closeFuture.wait()
    }

    /// Stops listening and closes every connection.
    public func stop() {
        let channel = listener.withLock { $0 }
        try? channel?.close().wait()
        try? group.syncShutdownGracefully()
    }

    /// Open connections and tutor sessions now.
    public var openCounts: (connections: Int, sessions: Int) { counts.withLock { ($0.connections, $0.sessions) } }

    private func initialise(connection channel: any Channel) -> EventLoopFuture<Void> {
        let admitted = counts.withLock { c -> Bool in
            guard c.connections < configuration.maximumConnections else { return false }
            c.connections += 1
            return true
        }
        guard admitted else {
            channel.close(promise: nil)
            return channel.eventLoop.makeSucceededVoidFuture()
        }
        channel.closeFuture.whenComplete { [self] _ in counts.withLock { $0.connections -= 1 } }
        let address = channel.remoteAddress?.ipAddress ?? "unknown"
        let login = LoginState()
        let delegate = ClassLoginDelegate(address: address, classCode: configuration.classCode, teacherKeys: teacherKeys,
                                          limiter: limiter, login: login)
        // A connection that has not logged in within the grace period is closed.
        let grace = configuration.loginGraceSeconds
        channel.eventLoop.scheduleTask(in: .seconds(Int64(grace))) {
            if login.identity == nil { channel.close(promise: nil) }
        }
        return channel.eventLoop.makeCompletedFuture {
            let ssh = NIOSSHHandler(
                role: .server(.init(hostKeys: [hostKey], userAuthDelegate: delegate, globalRequestDelegate: RefuseGlobalRequests())),
                allocator: channel.allocator,
                inboundChildChannelInitializer: { [self] child, type in
                    guard case .session = type else {
                        return child.eventLoop.makeFailedFuture(ServeError.channelRefused)
                    }
                    return child.eventLoop.makeCompletedFuture {
                        try child.pipeline.syncOperations.addHandler(SessionChannelHandler(server: self, login: login))
                    }
                })
            try channel.pipeline.syncOperations.addHandlers([ssh, CloseOnError()])
        }
    }

    /// Takes a session slot; false when the class is full.
    func openSession() -> Bool {
        counts.withLock { c in
            guard c.sessions < configuration.maximumSessions else { return false }
            c.sessions += 1
            return true
        }
    }

    func closeSession() { counts.withLock { $0.sessions -= 1 } }
}

/// Why the server refused something.
enum ServeError: Error {
    case channelRefused
}

/// Who logged in on one connection (set by the login delegate, read by the session).
final class LoginState: Sendable {
    struct Identity: Sendable {
        var userName: String
        var role: Participant.Role
    }

    private let value = Mutex<Identity?>(nil)
    var identity: Identity? {
        get { value.withLock { $0 } }
        set { value.withLock { $0 = newValue } }
    }
}

/// Checks logins: the class code (password) for students, a listed key for teachers; failures count
/// against the address, and an address over its limit fails without a check.
final class ClassLoginDelegate: NIOSSHServerUserAuthenticationDelegate, Sendable {
    let address: String
    let classCode: String
    let teacherKeys: TeacherKeys
    let limiter: AuthAttemptLimiter
    let login: LoginState

    init(address: String, classCode: String, teacherKeys: TeacherKeys, limiter: AuthAttemptLimiter, login: LoginState) {
        self.address = address
        self.classCode = classCode
        self.teacherKeys = teacherKeys
        self.limiter = limiter
        self.login = login
    }

    var supportedAuthenticationMethods: NIOSSHAvailableUserAuthenticationMethods {
        teacherKeys.keys.isEmpty ? .password : [.password, .publicKey]
    }

    func requestReceived(request: NIOSSHUserAuthenticationRequest, responsePromise: EventLoopPromise<NIOSSHUserAuthenticationOutcome>) {
        guard limiter.mayAttempt(address) else {
            responsePromise.succeed(.failure)
            return
        }
        switch request.request {
        case let .password(p):
            if Self.constantTimeEqual(p.password, classCode) {
                login.identity = .init(userName: request.username, role: .student)
                responsePromise.succeed(.success)
            } else {
                limiter.failed(address)
                responsePromise.succeed(.failure)
            }
        case let .publicKey(k):
            // The signature was verified by NIOSSH; the key must be a teacher's.
            if teacherKeys.keys.contains(k.publicKey) {
                login.identity = .init(userName: request.username, role: .teacher)
                responsePromise.succeed(.success)
            } else {
                responsePromise.succeed(.failure)
            }
        default:
            responsePromise.succeed(.failure)
        }
    }

    /// Compares without an early exit, so timing does not tell how much of a guess was right.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var diff = UInt8(x.count == y.count ? 0 : 1)
        for i in 0..<max(x.count, y.count) {
            diff |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0)
        }
        return diff == 0
    }
}

/// Refuses every global request (tcpip-forward and the rest).
struct RefuseGlobalRequests: GlobalRequestDelegate {}

/// Closes the connection on any error in its pipeline (garbage, a protocol violation): that
/// connection only.
final class CloseOnError: ChannelInboundHandler, Sendable {
    typealias InboundIn = Any

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
