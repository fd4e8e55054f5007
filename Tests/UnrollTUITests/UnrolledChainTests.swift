import SnapshotTesting
import Testing
@testable import UnrollTUI

/// Sample chains in every shape, built from fixed numbers (the widget takes plain values).
enum ChainSamples {
    static let words = ["Jane", "saw", "Spot", ".", "Doug", "saw", "Jane", "."]
    static func hidden(_ t: Int, _ H: Int = 5) -> [Double] {
        (0..<H).map { u in
            let k = Double((t * 7 + u * 3) % 11)
            let damp: Double = u % 2 == 0 ? 1 : 0.6
            return (k / 5 - 1) * damp
        }
    }
    static func cell(_ t: Int, _ H: Int = 5) -> [Double] { hidden(t + 3, H).map { $0 * 1.7 } }

    static func steps(count: Int = 8, lstm: Bool = true, layers: Int = 1, backward: Bool = false, H: Int = 5) -> [ChainStep] {
        (0..<count).map { t in
            let word = words[t % words.count]
            let next = words[(t + 1) % words.count]
            let predicted = t % 3 == 2 ? "Doug" : next
            return ChainStep(
                input: word, prediction: predicted, target: t == count - 1 ? nil : next,
                layers: (0..<layers).map { l in ChainState(hidden: hidden(t + l * 2, H), cell: lstm ? cell(t + l, H) : nil) },
                backward: backward ? ChainState(hidden: hidden(t + 5, H), cell: lstm ? cell(t + 5, H) : nil) : nil,
                clampMark: t == 2 ? "=f" : nil, clampChangedPrediction: t == 2)
        }
    }

    static let lstm = ChainModel(steps: steps())
    static let rnnLong = ChainModel(steps: steps(count: 30, lstm: false))
    static let stacked = ChainModel(steps: steps(lstm: false, layers: 2))
    static let bidirectional = ChainModel(steps: steps(count: 6, lstm: false, backward: true))
    static let encoderDecoder: ChainModel = {
        let enc = (0..<4).map { t in ChainStep(input: ["je", "vois", "Spot", "."][t], layers: [ChainState(hidden: hidden(t), cell: cell(t))]) }
        let dec = (0..<4).map { t in
            ChainStep(input: ["<s>", "I", "see", "Spot"][t], prediction: ["I", "see", "Spot", "."][t], target: ["I", "see", "Spot", "."][t],
                      layers: [ChainState(hidden: hidden(t + 4), cell: cell(t + 4))])
        }
        return ChainModel(steps: dec, encoder: enc, context: ChainState(hidden: hidden(9), cell: cell(9)))
    }()
    static let withGhosts: ChainModel = {
        var s = steps(count: 5, lstm: false)
        s[4].input = "?"
        s[4].fed = "Doug"
        for k in 0..<3 {
            s.append(ChainStep(input: ["Doug", "saw", "Jane"][k], prediction: ["saw", "Jane", "saw"][k], layers: [ChainState(hidden: hidden(k + 10))], ghost: true))
        }
        return ChainModel(steps: s)
    }()
    static let gradient: ChainModel = {
        var s = steps()
        for t in s.indices { s[t].gradientNorm = (0..<(s.count - 1 - t)).reduce(0.9) { acc, _ in acc * 0.55 } }
        return ChainModel(steps: s)
    }()
}

@Suite struct UnrolledChainTests {
    static let shapes: [(String, ChainModel, UnrolledChain.Mode)] = [
        ("lstm", ChainSamples.lstm, .forward), ("window", ChainSamples.rnnLong, .forward), ("stacked", ChainSamples.stacked, .forward),
        ("bidirectional", ChainSamples.bidirectional, .forward), ("encoderDecoder", ChainSamples.encoderDecoder, .forward),
        ("ghosts", ChainSamples.withGhosts, .forward), ("gradient", ChainSamples.gradient, .gradient),
    ]
    static let sizes = [(80, 24), (120, 40), (200, 60)]

    /// Every shape and mode at 80×24, 120×40 and 200×60: colour (role codes), no colour (text), ASCII.
    @Test(arguments: 0..<7) func snapshotEveryShapeAtEverySize(shape: Int) {
        let (name, model, mode) = UnrolledChainTests.shapes[shape]
        for (w, h) in UnrolledChainTests.sizes {
            let chain = UnrolledChain(model: model, cursor: 3, mode: mode)
            let utf8 = draw(chain, width: w, height: h)
            let ascii = draw(chain, width: w, height: h, glyphs: .ascii)
            assertSnapshot(of: utf8.styledText, as: .lines, named: "\(name)-\(w)x\(h)-colour")
            assertSnapshot(of: utf8.text, as: .lines, named: "\(name)-\(w)x\(h)-nocolour")
            assertSnapshot(of: ascii.text, as: .lines, named: "\(name)-\(w)x\(h)-ascii")
            #expect(ascii.text.allSatisfy { $0.isASCII }, "\(name) \(w)x\(h) ASCII frame has non-ASCII")
            #expect(writesOutside(chain, area: Rect(x: 2, y: 1, width: w - 4, height: h / 2), glyphs: .utf8).isEmpty)
        }
    }

    @Test func unitGlyphsShowSignAndStrengthWithoutColour() {
        let glyphs = [1.0, 0.3, 0.05, -0.3, -0.9].map { UnrolledChain.unitGlyph($0, scale: 1, glyphs: .utf8) }
        #expect(glyphs.map(\.0) == ["▲", "△", "·", "▽", "▼"])
        #expect(glyphs.map(\.1.role) == [.positive, .positive, .muted, .negative, .negative])
        #expect(glyphs.map(\.1.bold) == [true, false, false, false, true])
        #expect([1.0, 0.3, 0.05, -0.3, -0.9].map { UnrolledChain.unitGlyph($0, scale: 1, glyphs: .ascii).0 } == ["+", "^", ".", "v", "-"])
        #expect(UnrolledChain.unitGlyph(.nan, scale: 1, glyphs: .utf8).0 == "?")
        // The scale decides strength: 0.3 of a scale of 0.5 is strong.
        #expect(UnrolledChain.unitGlyph(0.3, scale: 0.5, glyphs: .utf8).0 == "▲")
    }

    @Test func truncationCutsAreLabelledAndExplainedInTheLegend() {
        var s = ChainSamples.steps()
        #expect(!UnrolledChain(model: ChainModel(steps: s)).legendParts(glyphs: .utf8).contains { $0.contains("truncated BPTT") })
        s[2].label = "|t=3"
        s[4].label = "|t=5"
        let chain = UnrolledChain(model: ChainModel(steps: s), cursor: 0)
        #expect(chain.legendParts(glyphs: .utf8).contains("|t= truncated BPTT cuts here"))
        let text = draw(chain, width: 200, height: 12).text
        #expect(text.contains("|t=3") && text.contains("|t=5") && !text.contains("|t=4"))
        #expect(text.contains("truncated BPTT cuts here"))
    }

    @Test func magnitudesInThreeCharacters() {
        #expect([0.764, 0.05, 0.999, 1.24, -7.96, 12.4, 250].map(UnrolledChain.magnitude) == [".76", ".05", "1.0", "1.2", "8.0", " 12", "99+"])
    }

    @Test func cursorBoxIsHeavyAndFocused() {
        let buffer = draw(UnrolledChain(model: ChainSamples.lstm, cursor: 3), width: 80, height: 8)
        let lines = buffer.lines
        let x = lines[1].distance(from: lines[1].startIndex, to: lines[1].firstIndex(of: "┏")!)
        #expect(lines[1].contains("┏t=4━━┓") && lines[4].contains("┗━━━━━┛"))
        #expect(buffer[x, 1].style.role == .focus && buffer[x + 1, 1].style.bold)
        #expect(buffer.lines[5].contains("  .  ") && buffer[x + 3, 5].style.role == .focus)
    }

    @Test func predictionsAreMarkedAgainstTheirTargets() {
        let buffer = draw(UnrolledChain(model: ChainSamples.lstm, cursor: 0), width: 120, height: 8)
        let top = buffer.lines[0]
        #expect(top.contains("saw ✓") && top.contains("Doug ✗ ."))
        let check = top.distance(from: top.startIndex, to: top.firstIndex(of: "✓")!)
        let cross = top.distance(from: top.startIndex, to: top.firstIndex(of: "✗")!)
        #expect(buffer[check, 0].style.role == .positive && buffer[cross, 0].style.role == .warning)
        // The last step has no target: its prediction stands alone.
        #expect(buffer.text.split(separator: "\n").first?.hasSuffix("Jane") == true)
    }

    @Test func aWindowAroundTheCursorWithCountsOnBothSides() {
        let chain = UnrolledChain(model: ChainSamples.rnnLong, cursor: 15)
        let t = text(chain, width: 80, height: 6)
        let lines = t.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let left = lines[2].prefix(9), right = lines[2].suffix(10)
        #expect(left.hasPrefix("◀ ") && left.contains(" more"))
        #expect(right.hasSuffix(" more ▶"))
        let c = chain.columns(for: Rect(width: 80, height: 6), glyphs: .utf8)
        #expect(c.hiddenLeft + c.slots.count + c.hiddenRight == 30)
        #expect(lines[2].hasPrefix("◀ \(c.hiddenLeft) more") && lines[2].hasSuffix("\(c.hiddenRight) more ▶"))
        #expect(lines[1].contains("┏t=16"))
        // A click on the cursor's box finds the cursor.
        let x = lines[1].distance(from: lines[1].startIndex, to: lines[1].firstIndex(of: "┏")!)
        #expect(chain.step(atColumn: x + 2, area: Rect(width: 80, height: 6)) == 15)
        #expect(chain.step(atColumn: 0, area: Rect(width: 80, height: 6)) == nil)
    }

    @Test func theCursorStaysVisibleForEveryStep() {
        for cursor in 0..<30 {
            let t = text(UnrolledChain(model: ChainSamples.rnnLong, cursor: cursor), width: 80, height: 6)
            #expect(t.contains("┏t=\(cursor + 1)"), "cursor \(cursor)")
        }
    }

    @Test func boxesGrowWithTheWidth() {
        let area80 = UnrolledChain(model: ChainSamples.lstm).columns(for: Rect(width: 80, height: 8), glyphs: .utf8)
        let area200 = UnrolledChain(model: ChainSamples.lstm).columns(for: Rect(width: 200, height: 8), glyphs: .utf8)
        #expect(area80.slots.count == 8 && area200.slots.count == 8)
        #expect(area200.boxWidth > 2 * area80.boxWidth)
        // The whole width is used: the last box ends near the right edge.
        #expect(area200.slots[7].x + area200.boxWidth > 200 - area200.arrowWidth - 8)
        #expect(area80.slots[7].x + area80.boxWidth > 80 - area80.arrowWidth - 8)
    }

    @Test func unknownStepsShowWhatWasFedAndGhostsAreDashed() {
        let t = text(UnrolledChain(model: ChainSamples.withGhosts, cursor: 0), width: 120, height: 8)
        #expect(t.contains("?→Doug"))
        #expect(t.contains("┌t=6┄") && t.contains("┆h"))
        #expect(text(UnrolledChain(model: ChainSamples.withGhosts), width: 120, height: 8, glyphs: .ascii).contains("?>Doug"))
        #expect(t.contains("┄ ghost: fed its own guess"))
    }

    @Test func clampMarksSitOnTheirStepsInTheClampedRole() {
        let buffer = draw(UnrolledChain(model: ChainSamples.lstm, cursor: 0), width: 120, height: 8)
        #expect(buffer.text(withRole: .clamped).split(separator: "\n").first.map { $0.trimmingPrefix(while: { $0 == " " }) } == "=f≠")
        #expect(buffer.text(withRole: .clamped).split(separator: "\n").count == 1)
        #expect(buffer.lines[6].contains("= clamped") && buffer.lines[6].contains("≠ clamp changed it"))
    }

    @Test func gradientModeReversesTheArrowsAndShowsTheNorms() {
        let chain = UnrolledChain(model: ChainSamples.gradient, cursor: 7, mode: .gradient)
        let t = text(chain, width: 120, height: chain.fullHeight)
        #expect(t.contains("│◀──│") || t.contains("│◀──┃"))
        #expect(!t.contains("──▶"))
        #expect(t.contains("0.90") && t.contains("0.01"))
        // Intensity: the last step's shade is the darkest, the first step's blank.
        let lines = t.split(separator: "\n").map(String.init)
        #expect(lines[4].contains("█0.90") && lines[4].contains("  0.01"))
    }

    @Test func stackedBidirectionalAndEncoderDecoderShapes() {
        #expect(ChainSamples.stacked.layerCount == 2 && ChainSamples.bidirectional.shape == .bidirectional && ChainSamples.encoderDecoder.shape == .encoderDecoder)
        let stacked = text(UnrolledChain(model: ChainSamples.stacked), width: 120, height: 12)
        #expect(stacked.split(separator: "\n").filter { $0.contains("┌t=1") }.count == 2)
        #expect(stacked.contains("─↑─"))
        let bi = text(UnrolledChain(model: ChainSamples.bidirectional), width: 120, height: 12)
        #expect(bi.contains("┌←t=1") && bi.contains("◀──"))
        let ed = text(UnrolledChain(model: ChainSamples.encoderDecoder), width: 120, height: 12)
        #expect(ed.contains("┌e1") && ed.contains("┌ctx") && ed.contains("┌t=1"))
        let row = ed.split(separator: "\n").map(String.init).first { $0.contains("┌ctx") } ?? ""
        #expect(row.firstRange(of: "┌e4") != nil && row.firstRange(of: "┌ctx")!.lowerBound < row.firstRange(of: "┌t=1")!.lowerBound)
    }

    @Test func shortAreasDropTheLegendThenMoveTheTokenIntoTheBorder() {
        let chain = UnrolledChain(model: ChainSamples.lstm, cursor: 0)
        #expect(chain.compactHeight == 5 && chain.fullHeight == 7)
        let compact = text(chain, width: 80, height: 5)
        #expect(compact.split(separator: "\n").last?.hasPrefix("┗Jane━┛") == true)
        let normal = text(chain, width: 80, height: 6)
        #expect(normal.split(separator: "\n").last?.contains("Jane") == true && !normal.contains("strong+"))
    }

    @Test func motionMovesABeadAlongTheArrowIntoTheCursorsBox() {
        func beads(_ flow: Double?, mode: UnrolledChain.Mode = .forward) -> [Int] {
            let buffer = draw(UnrolledChain(model: ChainSamples.lstm, cursor: 3, mode: mode, flow: flow), width: 80, height: 7)
            return (0..<80).filter { buffer[$0, 2].character == "●" }
        }
        #expect(beads(nil).isEmpty)
        let start = beads(0), middle = beads(0.5), end = beads(1)
        #expect(start.count == 1 && middle.count == 1 && end.count == 1)
        #expect(start[0] < middle[0] && middle[0] < end[0], "the bead moves forward in time")
        // It travels on the arrow just before the cursor's (heavy) box, on the h and the c rows.
        let buffer = draw(UnrolledChain(model: ChainSamples.lstm, cursor: 3, flow: 1), width: 80, height: 7)
        #expect(buffer[end[0] + 1, 2].character == "┃" && buffer[end[0], 3].character == "●")
        // Back in time in gradient mode: it leaves the box after the cursor's.
        let back = beads(0, mode: .gradient), backEnd = beads(1, mode: .gradient)
        #expect(back[0] > backEnd[0])
    }

    @Test func tinyAreasNeverTrapOrWriteOutside() {
        for (w, h) in [(0, 0), (1, 1), (3, 2), (7, 3), (12, 5), (30, 4)] {
            for (_, model, mode) in UnrolledChainTests.shapes {
                let chain = UnrolledChain(model: model, cursor: 2, mode: mode)
                #expect(writesOutside(chain, area: Rect(x: 1, y: 1, width: w, height: h), glyphs: .ascii).isEmpty)
            }
        }
        #expect(text(UnrolledChain(model: ChainModel(steps: [])), width: 20, height: 5).allSatisfy { $0 == "\n" })
    }
}

/// The chain in fewer rows than its compact height: predictions go first, then the c rows.
@Suite struct UnrolledChainShortAreaTests {
    @Test func belowCompactHeightThePredictionRowThenTheCellRowsGo() {
        let chain = UnrolledChain(model: ChainSamples.lstm, cursor: 3)
        #expect(chain.minimalHeight == 3)
        #expect(chain.compactHeight == 5)
        var four = Buffer(width: 80, height: 4)
        chain.render(into: &four, area: four.area, glyphs: .utf8)
        #expect(!four.text.contains("✓"), "no prediction row in 4 rows")
        let fourRows = four.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(fourRows.first?.contains("┏t=4") == true && fourRows.count >= 4 && fourRows[3].contains("┗"), "h and c rows inside the box in 4 rows")
        var three = Buffer(width: 80, height: 3)
        chain.render(into: &three, area: three.area, glyphs: .utf8)
        let rows = three.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(rows.first?.contains("┏t=4") == true, "the boxes start on the first row")
        #expect(rows.count >= 3 && rows[2].contains("┗"), "the boxes close on the third row")
    }

    @Test func aNarrowClampedBoxKeepsItsStepNumberAndMovesTheMarkDown() {
        let steps = ChainSamples.steps(count: 24)
        let chain = UnrolledChain(model: ChainModel(steps: steps.enumerated().map { k, s in
            var s = s
            s.clampMark = "=f"
            s.clampChangedPrediction = false
            _ = k
            return s
        }), cursor: 21)
        var buffer = Buffer(width: 80, height: chain.fullHeight)
        chain.render(into: &buffer, area: buffer.area, glyphs: .utf8)
        #expect(buffer.text.contains("┏t=22┓"), "the cursor's step number is whole")
        #expect(buffer.text.contains("=f┛") || buffer.text.contains("=┛"), "the clamp mark is on the bottom border")
    }
}
