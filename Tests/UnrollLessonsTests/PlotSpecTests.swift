import Testing
@testable import UnrollLessons

@Suite struct PlotSpecTests {
    @Test func plotValuesHaveTypedAccessors() {
        #expect(PlotValue.number(2).number == 2 && PlotValue.text("a").number == nil)
        #expect(PlotValue.text("sigmoid").text == "sigmoid")
        #expect(PlotValue.list([.number(1), .number(2)]).numbers == [1, 2])
        #expect(PlotValue.list([.number(1), .text("x")]).numbers == nil)
        #expect(PlotSpec.standardKinds.isSuperset(of: ["squash", "power", "distance", "loss", "race"]))
    }

    @Test func quotedNumbersStayText() throws {
        let l = try lesson(doc("## A\n```scene\npanels: [plot]\nplot: {kind: power, steps: '10', scale: 0.7, on: true}\n```\n"))
        let p = try #require(l.steps[0].scene.plot)
        #expect(p.parameters == ["steps": .text("10"), "scale": .number(0.7), "on": .bool(true)])
        #expect(p.kind == Located("power", at: SourcePosition(line: 11, column: 14)))
    }
}
