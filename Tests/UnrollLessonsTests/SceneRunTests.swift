import Testing
@testable import UnrollLessons

@Suite struct SceneRunTests {
    @Test func theFreeViewIsTheUnclampedRun() throws {
        let clamped = try run(doc("## A\n```scene\nclamps: [output=0]\ntargets: saw Spot . Doug saw Jane\n```\n"))
        #expect(clamped.view().trace.hidden(at: 3) == [Double](repeating: 0, count: 8), "o = 0 zeroes h")
        #expect(clamped.view(free: true).trace.hidden(at: 3) != [Double](repeating: 0, count: 8))
        #expect(clamped.view(free: true).gradients?.hidden != clamped.view().gradients?.hidden)
        let free = try run(doc("## A\n"))
        #expect(free.view(free: true).trace.hiddenStates == free.view().trace.hiddenStates)
        #expect(free.gradients != nil, "no targets given: the next word is the target")
        let unknown = try run(doc("## A\n```scene\ninput: \"? ? ?\"\n```\n"))
        #expect(unknown.gradients == nil, "no known next word, no targets, no gradients")
    }
}
