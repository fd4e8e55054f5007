import Testing
@testable import UnrollCore

@Suite struct DataTests {
    @Test func storiesFollowTheGrammar() {
        let book = ChildrensBook()
        var rng = SeededRandom(seed: 9)
        let story = book.story(sentences: 50, rng: &rng)
        #expect(story.count == 200)
        for s in stride(from: 0, to: story.count, by: 4) {
            #expect(story[s] < 3 && story[s + 2] < 3)
            #expect(story[s] != story[s + 2], "subject ≠ object")
            #expect(story[s + 1] == book.saw && story[s + 3] == book.period)
        }
        let rules = book.grammar(story: story)
        #expect(rules.count == 199)
        #expect(rules[1].subjectAfterSaw == story[0])
        #expect(!rules[1].valid.contains(story[0]))
        #expect(rules[3].valid == [0, 1, 2])
    }

    @Test func raceSequencesRecallTheFirstSymbol() {
        let race = MemoryRace(delay: 5)
        var rng = SeededRandom(seed: 1)
        let ex = race.example(rng: &rng)
        #expect(ex.input.count == 7)
        #expect(ex.targets.dropLast().allSatisfy { $0 == nil })
        #expect(ex.targets.last == ex.input.tokens?.first)
        #expect(ex.input.tokens?.last == race.cue)
    }

    @Test func dinnerCycleWraps() {
        let c = DinnerCycle(menu: ["a", "b", "c", "d"])
        #expect(c.days(6, startingWith: 2) == [2, 3, 0, 1, 2, 3])
        #expect(c.next(after: 3) == 0)
    }
}
