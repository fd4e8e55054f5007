import Testing
import UnrollCore
@testable import unroll

/// List options are arrays (`--delays 2 5 10`); the older comma spelling lessons and docs use still reads.
@Suite struct ListOptionTests {
    @Test func delaysAndCellsReadBothSpellings() throws {
        let spaced = try AnalyzeCommand.Race.parse(["--delays", "2", "5", "10", "--cells", "rnn", "gru"])
        let commas = try AnalyzeCommand.Race.parse(["--delays", "2,5,10", "--cells", "rnn,gru"])
        let mixed = try AnalyzeCommand.Race.parse(["--delays", "2,5", "10", "--cells", "rnn", "--cells", "gru"])
        for race in [spaced, commas, mixed] {
            #expect(try AnalyzeCommand.integerList(race.delays, option: "--delays", range: 0...100) == [2, 5, 10])
            #expect(try race.parsedCells() == [.rnn, .gru])
        }
        let defaults = try AnalyzeCommand.Race.parse([])
        #expect(try defaults.parsedCells() == CellKind.allCases)
        let gradients = try GradientsCommand.parse(["race", "--delays", "2", "10", "--steps", "300"])
        #expect(try AnalyzeCommand.integerList(gradients.delays, option: "--delays", range: 0...1000) == [2, 10])
    }

    @Test func badItemsAreNamed() throws {
        #expect(throws: (any Error).self) { try AnalyzeCommand.integerList(["2", "x"], option: "--delays", range: 0...10) }
        do {
            _ = try AnalyzeCommand.Race.parse(["--cells", "rnn", "transformer"])
            Issue.record("an unknown cell was accepted")
        } catch {
            #expect(AnalyzeCommand.Race.message(for: error).contains("--cells: 'transformer' is not rnn, lstm or gru"))
        }
        #expect(AnalyzeCommand.listItems(["2, 5", "7"]) == ["2", "5", "7"])
    }
}
