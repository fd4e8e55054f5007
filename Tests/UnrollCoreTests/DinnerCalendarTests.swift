import Testing
@testable import UnrollCore

/// The weekday view of the dinner cycle behind lesson 1's feed-forward baseline.
@Suite struct DinnerCalendarTests {
    @Test func vocabularyIsDishesThenWeekdays() {
        let cal = DinnerCalendar()
        #expect(cal.vocab == ["pizza", "sushi", "waffles", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"])
        #expect(cal.weekdayToken(0) == 3)
        #expect(cal.weekdayToken(6) == 9)
        #expect(cal.weekdayToken(7) == 3)
        #expect(cal.weekdayToken(-1) == 9)
    }

    @Test func examplesPairWeekdaysWithTheCycle() {
        let ex = DinnerCalendar().example(days: 9, startWeekday: 5, startDish: 2)
        #expect(ex.input.tokens == [8, 9, 3, 4, 5, 6, 7, 8, 9].map { Optional($0) })
        #expect(ex.targets == [2, 0, 1, 2, 0, 1, 2, 0, 1].map { Optional($0) })
    }

    /// Any rule that looks only at the weekday is right on exactly 7 of every 21 days.
    @Test func weekdayOnlyRulesScoreOneThirdOverThreeWeeks() {
        let cal = DinnerCalendar()
        var rng = SeededRandom(seed: 3)
        for _ in 0..<20 {
            let rule = (0..<7).map { _ in rng.below(3) }
            for startWeekday in 0..<7 {
                for startDish in 0..<3 {
                    let ex = cal.example(days: 21, startWeekday: startWeekday, startDish: startDish)
                    let hits = (0..<21).filter { rule[(ex.input.tokens![$0]! - 3)] == ex.targets[$0]! }.count
                    #expect(hits == 7)
                }
            }
        }
    }

    @Test func feedForwardModelHasNoMemoryAndNoDishInputs() {
        let m = DinnerCalendar().feedForwardModel(hidden: 4, seed: 1)
        #expect(m.kind == .rnn && m.inputSize == 10 && m.outputSize == 10 && m.vocabCoversOutputs)
        for r in 0..<4 {
            for c in 0..<4 { #expect(m.weightHH(r, c) == 0) }
            for dish in 0..<3 { #expect(m.weightIH(r, dish) == 0) }
            #expect((3..<10).contains { m.weightIH(r, $0) != 0 })
        }
    }

    /// Training keeps W_hh at zero and ends near the best a weekday-only model can do: ln 3 per day.
    @Test func trainingStaysAtChance() {
        let cal = DinnerCalendar()
        let (model, outcome) = cal.trainFeedForward(epochs: 60, seed: 2)
        for r in 0..<4 { for c in 0..<4 { #expect(model.weightHH(r, c) == 0) } }
        #expect(outcome.losses.count == 60)
        #expect(outcome.finalLoss < outcome.losses[0])
        #expect(outcome.finalLoss / 63 > 1.0986)
        #expect(cal.accuracy(model, days: 21) <= 1.0 / 3 + 1e-12)
    }
}
