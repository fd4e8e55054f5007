import Foundation
import Testing
import UnrollTUI
import UnrollTerminal

/// Records events, shows the last one, quits on `q` with a chosen code.
final class Recorder: TerminalProgram {
    var events: [InputEvent] = []
    var renders = 0
    var tickMilliseconds: Int?
    var onEvent: (InputEvent) -> Void = { _ in }
    let quitCode: Int32

    init(tick: Int? = nil, quitCode: Int32 = 7) {
        tickMilliseconds = tick
        self.quitCode = quitCode
    }

    func handle(_ event: InputEvent) -> ProgramAction {
        events.append(event)
        onEvent(event)
        if event == .key(.char("q")) { return .quit(exitCode: quitCode) }
        if events.filter({ $0 == .tick }).count >= 3 { tickMilliseconds = nil }
        return .continue
    }

    func render(into buffer: inout Buffer, glyphs: Glyphs) {
        renders += 1
        buffer.put("events \(events.count) \(glyphs.vertical)", x: 0, y: 0)
    }
}

extension ProcessWide {
    @Suite struct FullScreenLoopTests {
        @Test func quitReturnsTheProgramsCodeAndStopsTheSession() throws {
            let h = try Headless()
            defer { h.remove() }
            let session = try h.session(input: try h.input("ab\u{1B}OAq ignored"))
            let program = Recorder()
            var frames: [FrameReport] = []
            let code = runLoop(program, in: session) { frames.append($0) }
            #expect(code == 7)
            #expect(program.events == [.key(.char("a")), .key(.char("b")), .key(.up), .key(.char("q"))])
            #expect(program.renders == 4)  // the first frame and one after each event before q
            #expect(frames.count == 4 && frames.first?.event == nil && frames.last?.event == .key(.up))
            #expect(frames.first?.changedCells == 100)
            #expect(frames.dropFirst().allSatisfy { $0.changedCells <= 2 })
            #expect(!session.isActive)
        }

        @Test func closedInputEndsTheLoopWithTheHangUpStatus() throws {
            let h = try Headless()
            defer { h.remove() }
            let session = try h.session(input: try h.input("a"))
            let program = Recorder()
            #expect(runLoop(program, in: session) == TerminalSession.hangUpExitStatus)
            #expect(program.events == [.key(.char("a"))])
        }

        @Test func aSignalEndsTheLoopWith128PlusIt() throws {
            let h = try Headless()
            defer { h.remove() }
            let session = try h.session(input: try h.input("abc"))
            let program = Recorder()
            program.onEvent = { _ in SignalFlags.simulate(2) }
            #expect(runLoop(program, in: session) == 130)
            #expect(program.events == [.key(.char("a"))])
        }

        @Test func ticksArriveWhileAnimatingThenTheLoopBlocks() throws {
            let h = try Headless()
            defer { h.remove() }
            // A FIFO whose writer sends `q` only after 400 ms: three 30 ms ticks come first, then
            // the program stops animating and the loop blocks until the key.
            let fifo = h.directory.appendingPathComponent("keys.fifo").path
            #expect(mkfifo(fifo, 0o600) == 0)
            let writer = Thread {
                let fd = open(fifo, O_WRONLY)
                guard fd >= 0 else { return }
                usleep(400_000)
                _ = write(fd, "q", 1)
                usleep(200_000)
                close(fd)
            }
            writer.start()
            let session = try h.session(input: fifo)
            let program = Recorder(tick: 30)
            #expect(runLoop(program, in: session) == 7)
            #expect(program.events == [.tick, .tick, .tick, .key(.char("q"))])
        }
    }
}
