import Testing
import UnrollTUI
import UnrollTerminal

extension ProcessWide {
    /// Headless curses: `newterm` on a file with xterm-256color's sequences, input from a file.
    @Suite struct TerminalSessionTests {
        func sample(width: Int = 20, height: Int = 5) -> Buffer {
            var buffer = Buffer(width: width, height: height)
            buffer.put("hello σ ⊙ ▉", x: 0, y: 0, style: Style(.title))
            buffer.put("second row", x: 2, y: 1, style: Style(.focus))
            buffer.put("corner", x: width - 6, y: height - 1)
            return buffer
        }

        @Test func charactersLandWhereTheBufferPutsThem() throws {
            let h = try Headless()
            defer { h.remove() }
            let session = try h.session()
            defer { session.stop() }
            #expect(session.width == 20 && session.height == 5)
            session.draw(sample())
            #expect(session.screenRow(0) == "hello σ ⊙ ▉" + String(repeating: " ", count: 9))
            #expect(session.screenRow(1).hasPrefix("  second row "))
            #expect(session.screenRow(4).hasSuffix("corner"))  // bottom-right cell too
            #expect(session.lastFrameCells == 100)
        }

        @Test func attributesAndColourPairsFollowThePalette() throws {
            let h = try Headless()
            defer { h.remove() }
            let session = try h.session()
            defer { session.stop() }
            #expect(session.colorsEnabled)
            session.draw(sample())
            let title = try #require(session.screenCell(x: 0, y: 0))
            #expect(title.character == "h")
            #expect(title.appearance == CellAppearance.resolve(Style(.title), palette: .color256, colors: true))
            let focus = try #require(session.screenCell(x: 2, y: 1))
            #expect(focus.appearance.pair == ColorPairs.pair(for: .focus) && focus.appearance.bold)
            #expect(session.screenCell(x: 20, y: 0) == nil)
        }

        @Test func monochromeSessionUsesAttributesOnly() throws {
            let h = try Headless()
            defer { h.remove() }
            let session = try h.session(palette: .monochrome)
            defer { session.stop() }
            #expect(!session.colorsEnabled)
            session.draw(sample())
            let focus = try #require(session.screenCell(x: 2, y: 1))
            #expect(focus.appearance == CellAppearance(pair: 0, reverse: true))
        }

        @Test func secondDrawSendsOnlyTheChangedCells() throws {
            let h = try Headless()
            defer { h.remove() }
            let session = try h.session(width: 80, height: 24)
            defer { session.stop() }
            var buffer = sample(width: 80, height: 24)
            let sizeBefore = h.outputSize  // setup sequences (mouse, cursor) are already out
            session.draw(buffer)
            let first = try #require(session.lastFrameBytes)
            let sizeAfterFirst = h.outputSize
            #expect(first > 0)
            #expect(sizeAfterFirst - sizeBefore == first)  // the counter agrees with the file

            buffer.put("X", x: 10, y: 10)
            session.draw(buffer)
            let second = try #require(session.lastFrameBytes)
            #expect(session.lastFrameCells == 1)
            #expect(second > 0 && second < 20)
            #expect(second < first)
            #expect(h.outputSize - sizeAfterFirst == second)
            #expect(session.bytesWritten == first + second)
            #expect(session.screenRow(10).dropFirst(10).first == "X")

            session.draw(buffer)  // nothing changed: nothing sent
            #expect(session.lastFrameCells == 0)
            #expect(session.lastFrameBytes == 0)
        }

        @Test func invalidateRepaintsEverything() throws {
            let h = try Headless()
            defer { h.remove() }
            let session = try h.session()
            defer { session.stop() }
            session.draw(sample())
            session.invalidate()
            session.draw(sample())
            #expect(session.lastFrameCells == 100)
        }

        @Test func drawingIsClippedToTheScreen() throws {
            let h = try Headless()
            defer { h.remove() }
            let session = try h.session(width: 10, height: 3)
            defer { session.stop() }
            var big = Buffer(width: 30, height: 8)
            big.put("0123456789abcdefghij", x: 0, y: 0)
            session.draw(big)
            #expect(session.screenRow(0) == "0123456789")
            #expect(session.lastFrameCells == 30)
            session.draw(Buffer(lines: ["ab"]))  // a smaller buffer: the rest is erased
            #expect(session.screenRow(0) == "ab        ")
        }

        @Test func asciiSessionReplacesNonAsciiCharacters() throws {
            let h = try Headless()
            defer { h.remove() }
            let session = try h.session(unicode: false)
            defer { session.stop() }
            session.draw(Buffer(lines: ["a σ b"]))
            #expect(session.screenRow(0).hasPrefix("a ? b"))
        }

        @Test func readsKeysFromInput() throws {
            let h = try Headless()
            defer { h.remove() }
            // a, ^C as a byte, xterm's keypad Up (ESC O A), Enter, DEL, F5 (ESC [ 1 5 ~), tab, σ.
            let session = try h.session(input: try h.input("a\u{03}\u{1B}OA\r\u{7F}\u{1B}[15~\tσ"))
            defer { session.stop() }
            var keys: [Key] = []
            while case .event(.key(let key)) = session.readEvent(timeoutMilliseconds: nil) { keys.append(key) }
            #expect(keys == [.char("a"), .ctrl("c"), .up, .enter, .backspace, .function(5), .tab, .char("σ")])
        }

        /// xterm-256color's kmous is SGR (1006): ESC [ < button ; column ; row M, 1-based; a
        /// release ends in `m` and is dropped; 64 and 65 are the wheel.
        @Test(arguments: [
            ("\u{1B}[<0;5;3M\u{1B}[<0;5;3m", InputEvent.mouse(x: 4, y: 2, button: .left)),
            ("\u{1B}[<1;3;1M", .mouse(x: 2, y: 0, button: .middle)),
            ("\u{1B}[<2;7;4M\u{1B}[<2;7;4m", .mouse(x: 6, y: 3, button: .right)),
            ("\u{1B}[<64;1;1M", .mouse(x: 0, y: 0, button: .scrollUp)),
            ("\u{1B}[<65;2;2M", .mouse(x: 1, y: 1, button: .scrollDown)),
        ])
        func readsMouseButtonsAndWheel(sequence: String, expected: InputEvent) throws {
            let h = try Headless()
            defer { h.remove() }
            let session = try h.session(input: try h.input(sequence + "z"))
            defer { session.stop() }
            var events: [InputEvent] = []
            while true {
                let outcome = session.readEvent(timeoutMilliseconds: nil)
                if case .event(let event) = outcome { events.append(event) } else if outcome != .ignored { break }
            }
            #expect(events == [expected, .key(.char("z"))])
        }

        @Test func endOfInputIsAHangUpNotASpin() throws {
            let h = try Headless()
            defer { h.remove() }
            let session = try h.session(input: try h.input("x"))
            defer { session.stop() }
            #expect(session.readEvent(timeoutMilliseconds: nil) == .event(.key(.char("x"))))
            #expect(session.readEvent(timeoutMilliseconds: nil) == .hangUp)
            // With a timeout: a few early ERRs at most, then the hang-up.
            var outcomes: [TerminalSession.ReadOutcome] = []
            for _ in 0..<5 {
                let outcome = session.readEvent(timeoutMilliseconds: 200)
                outcomes.append(outcome)
                if outcome == .hangUp { break }
            }
            #expect(outcomes.last == .hangUp)
            #expect(!outcomes.contains(.timeout))
        }

        @Test func aPendingSignalIsReportedBeforeReading() throws {
            let h = try Headless()
            defer { h.remove() }
            let session = try h.session(input: try h.input("x"))
            defer { session.stop() }
            SignalFlags.simulate(15)
            #expect(session.readEvent(timeoutMilliseconds: nil) == .signal(15))
        }

        @Test func onlyOneSessionAtATimeAndStopIsIdempotent() throws {
            let h = try Headless()
            defer { h.remove() }
            let session = try h.session()
            #expect(throws: TerminalSession.StartError.alreadyActive) { _ = try h.session() }
            session.stop()
            session.stop()
            #expect(!session.isActive && session.width == 0)
            #expect(session.readEvent(timeoutMilliseconds: nil) == .hangUp)
            let again = try h.session()
            again.stop()
        }

        @Test func unknownTerminalOrMissingFilesFailToStart() throws {
            let h = try Headless()
            defer { h.remove() }
            let caps = Headless.capabilities()
            #expect(throws: TerminalSession.StartError.newtermFailed(terminal: "no-such-terminal-xyz")) {
                _ = try TerminalSession(capabilities: caps, device: .headless(
                    terminal: "no-such-terminal-xyz", output: h.output, width: 10, height: 3))
            }
            #expect(throws: TerminalSession.StartError.cannotOpen(path: "/nonexistent/input")) {
                _ = try TerminalSession(capabilities: caps, device: .headless(
                    terminal: "xterm-256color", output: h.output, input: "/nonexistent/input", width: 10, height: 3))
            }
            let ok = try h.session()  // a failed start leaves nothing half-open
            ok.stop()
        }
    }
}
