import NIOCore
import NIOSSH

/// One SSH session channel: the pty it asks for, its environment, then the tutor on `shell`.
///
/// Frames are pulled, not pushed: a change marks the session dirty and the handler renders when
/// the channel can take bytes, diffing against the last frame sent. A client that stops reading
/// therefore costs one frame in flight (at most `outputLimitBytes`), and when it reads again it
/// gets the newest frame, never a backlog.
final class SessionChannelHandler: ChannelDuplexHandler {
    typealias InboundIn = SSHChannelData
    typealias OutboundIn = Never
    typealias OutboundOut = SSHChannelData

    /// Environment variables a client may set (they only choose glyphs and colours).
    static let acceptedEnvironment: Set<String> = ["LANG", "LC_ALL", "LC_CTYPE", "NO_COLOR"]

    private let server: ClassServer
    private let login: LoginState
    private var term = "xterm"
    private var size: (width: Int, height: Int)?
    private var environment: [String: String] = [:]
    private var session: ServedSession?
    private var holdsSlot = false
    private var dirty = false
    private var flushScheduled = false
    private var bytesInFlight = 0
    private var tickScheduled = false
    private var lastInput = NIODeadline.now()
    private var idleCheck: Scheduled<Void>?
    private var context: ChannelHandlerContext?
    private var closing = false

    init(server: ClassServer, login: LoginState) {
        self.server = server
        self.login = login
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func channelInactive(context: ChannelHandlerContext) {
        end()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        end()
        self.context = nil
    }

    private func end() {
        idleCheck?.cancel()
        idleCheck = nil
        if let session {
            server.classroom.leave(session.participant)
            self.session = nil
        }
        if holdsSlot {
            holdsSlot = false
            server.closeSession()
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case let pty as SSHChannelRequestEvent.PseudoTerminalRequest:
            term = String(pty.term.prefix(64))
            size = (Self.bounded(pty.terminalCharacterWidth, 80), Self.bounded(pty.terminalRowHeight, 24))
            reply(pty.wantReply, true, context)
        case let env as SSHChannelRequestEvent.EnvironmentRequest:
            let ok = Self.acceptedEnvironment.contains(env.name) && env.value.utf8.count <= 128
            if ok { environment[env.name] = env.value }
            reply(env.wantReply, ok, context)
        case let change as SSHChannelRequestEvent.WindowChangeRequest:
            size = (Self.bounded(change.terminalCharacterWidth, 80), Self.bounded(change.terminalRowHeight, 24))
            if let session, let size {
                session.resize(width: size.width, height: size.height)
                markDirty()
            }
        case let shell as SSHChannelRequestEvent.ShellRequest:
            startTutor(wantReply: shell.wantReply, context: context)
        case let exec as SSHChannelRequestEvent.ExecRequest:
            reply(exec.wantReply, false, context)
        case let subsystem as SSHChannelRequestEvent.SubsystemRequest:
            reply(subsystem.wantReply, false, context)
        default:
            // X11, agent forwarding, signals, flow control and anything unknown: not granted.
            context.fireUserInboundEventTriggered(event)
        }
    }

    /// Terminal sizes from the client, bounded (a zero or absurd size becomes the fallback or 1000).
    static func bounded(_ value: Int, _ fallback: Int) -> Int {
        value <= 0 ? fallback : min(value, 1000)
    }

    private func reply(_ wantReply: Bool, _ ok: Bool, _ context: ChannelHandlerContext) {
        guard wantReply else { return }
        if ok { context.triggerUserOutboundEvent(ChannelSuccessEvent(), promise: nil) }
        else { context.triggerUserOutboundEvent(ChannelFailureEvent(), promise: nil) }
    }

    private func startTutor(wantReply: Bool, context: ChannelHandlerContext) {
        guard session == nil, let identity = login.identity else {
            reply(wantReply, false, context)
            return
        }
        guard let size else {
            reply(wantReply, true, context)
            sayAndClose("unroll serve needs a terminal: connect with ssh -t (or plain ssh, which asks for one)\r\n", context: context)
            return
        }
        guard server.openSession() else {
            reply(wantReply, true, context)
            sayAndClose("the class is full (\(server.configuration.maximumSessions) sessions): ask the teacher\r\n", context: context)
            return
        }
        holdsSlot = true
        reply(wantReply, true, context)
        let loop = context.eventLoop
        let bound = NIOLoopBound(self, eventLoop: loop)
        let participant = server.classroom.join(userName: identity.userName, role: identity.role) {
            loop.execute { bound.value.markDirty() }
        }
        let profile = TerminalProfile.decide(term: term, environment: environment)
        let session = ServedSession(participant: participant, classroom: server.classroom, width: size.width, height: size.height, profile: profile)
        self.session = session
        send(session.start(), context: context)
        scheduleTick()
        lastInput = .now()
        scheduleIdleCheck()
    }

    private func sayAndClose(_ text: String, context: ChannelHandlerContext) {
        var buffer = context.channel.allocator.buffer(capacity: text.utf8.count)
        buffer.writeString(text)
        context.writeAndFlush(wrapOutboundOut(SSHChannelData(type: .channel, data: .byteBuffer(buffer)))).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let message = unwrapInboundIn(data)
        guard case .channel = message.type, case let .byteBuffer(bytes) = message.data, let session, !closing else { return }
        lastInput = .now()
        let ended = bytes.withUnsafeReadableBytes { session.receive($0) }
        if ended {
            quit(context: context, code: session.exitCode ?? 0)
            return
        }
        markDirty()
        scheduleTick()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable && dirty { flushFrame() }
        context.fireChannelWritabilityChanged()
    }

    /// Something changed: draw when the channel can take it (coalescing every change until then).
    func markDirty() {
        guard session != nil, !closing else { return }
        dirty = true
        guard !flushScheduled, let context else { return }
        flushScheduled = true
        context.eventLoop.assumeIsolated().execute { [self] in
            flushScheduled = false
            flushFrame()
        }
    }

    private func flushFrame() {
        guard dirty, let context, let session, !closing else { return }
        guard context.channel.isWritable, bytesInFlight < server.configuration.outputLimitBytes else { return }
        dirty = false
        send(session.frame(), context: context)
        scheduleTick()
    }

    private func send(_ bytes: [UInt8], context: ChannelHandlerContext) {
        guard !bytes.isEmpty else { return }
        var buffer = context.channel.allocator.buffer(capacity: bytes.count)
        buffer.writeBytes(bytes)
        let n = bytes.count
        bytesInFlight += n
        let promise = context.eventLoop.makePromise(of: Void.self)
        promise.futureResult.assumeIsolated().whenComplete { [self] _ in
            bytesInFlight -= n
            if dirty { flushFrame() }
        }
        context.writeAndFlush(wrapOutboundOut(SSHChannelData(type: .channel, data: .byteBuffer(buffer))), promise: promise)
    }

    private func scheduleTick() {
        guard !tickScheduled, let context, let ms = session?.tickMilliseconds else { return }
        tickScheduled = true
        context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(Int64(ms))) { [self] in
            tickScheduled = false
            guard let session, !closing else { return }
            session.tick()
            if let code = session.exitCode, let context = self.context {
                quit(context: context, code: code)
                return
            }
            markDirty()
            scheduleTick()
        }
    }

    private func scheduleIdleCheck() {
        guard let context else { return }
        let timeout = TimeAmount.seconds(Int64(server.configuration.idleTimeoutSeconds))
        let wait = max(TimeAmount.milliseconds(10), lastInput + timeout - .now())
        idleCheck = context.eventLoop.assumeIsolated().scheduleTask(in: wait) { [self] in
            guard let context = self.context, !closing else { return }
            // A student following the teacher is in class, keys or not.
            if session?.showsTeacher == true { lastInput = .now() }
            if NIODeadline.now() - lastInput >= timeout {
                closing = true
                let text = FrameEncoder.leave + Array("unroll serve: closed after \(server.configuration.idleTimeoutSeconds) s without a key\r\n".utf8)
                finishWith(text, code: 0, context: context)
            } else {
                scheduleIdleCheck()
            }
        }
    }

    private func quit(context: ChannelHandlerContext, code: Int32) {
        guard !closing, let session else { return }
        closing = true
        finishWith(session.finish(), code: code, context: context)
    }

    private func finishWith(_ bytes: [UInt8], code: Int32, context: ChannelHandlerContext) {
        var buffer = context.channel.allocator.buffer(capacity: bytes.count)
        buffer.writeBytes(bytes)
        context.writeAndFlush(wrapOutboundOut(SSHChannelData(type: .channel, data: .byteBuffer(buffer))), promise: nil)
        context.triggerUserOutboundEvent(SSHChannelRequestEvent.ExitStatus(exitStatus: Int(code))).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }
}
