import Testing
@testable import UnrollLessons

/// Finding 2 of issue 10: the parameters a plot reads are range-checked at their value.
@Suite struct PlotParametersTests {
    /// The four plot parameters that trapped, and their neighbours: a located error naming the key and the range.
    static let hugePlotParameters: [(yaml: String, column: Int, fragment: String)] = [
        ("plot: {kind: squash, n: 1e300}", 25, "'n' should be a whole number 1–30, not '1e300'"),
        ("plot: {kind: squash, n: 0}", 25, "'n' should be a whole number 1–30"),
        ("plot: {kind: squash, n: 2.5}", 25, "'n' should be a whole number 1–30"),
        ("plot: {kind: squash, from: -1e300}", 28, "'from' should be a number from -100 to 100"),
        ("plot: {kind: squash, from: 2, to: 1}", 35, "'to' should be more than 'from'"),
        ("plot: {kind: squash, function: sigmoidd}", 32, "'function' should be one of sigmoid, tanh, relu (did you mean 'sigmoid'?)"),
        ("plot: {kind: toy_loop, steps: 1e19}", 31, "'steps' should be a whole number 2–200, not '1e19'"),
        ("plot: {kind: toy_loop, w: 1e300}", 27, "'w' should be a number from -100 to 100"),
        ("plot: {kind: power, steps: 1e300}", 28, "'steps' should be a whole number 2–500"),
        ("plot: {kind: power, scale: 1e300}", 28, "'scale' should be a number from 0.05 to 4"),
        ("plot: {kind: race, delays: [-1e300]}", 29, "each item of 'delays' should be a whole number 0–60, not '-1e300'"),
        ("plot: {kind: race, delays: [5, .nan]}", 32, "each item of 'delays' should be a whole number 0–60"),
        ("plot: {kind: race, delays: 5}", 28, "'delays' should be a list of whole numbers 0–60"),
        ("plot: {kind: race, delays: [1, 2, 3, 4, 5, 6, 7]}", 28, "'delays' should list 1–6 numbers, not 7"),
        ("plot: {kind: accuracy, delays: [99999999999999999999]}", 33, "each item of 'delays' should be a whole number 0–60"),
        ("plot: {kind: clipping, clip: 0}", 30, "'clip' should be a number from 0.01 to 100"),
        ("plot: {kind: clipping, seed: 100}", 30, "'seed' should be a whole number 0–99"),
        ("cursor: 1e300", 9, "'cursor' should be a whole number"),
        ("cursor: 99999999999999999999", 9, "'cursor' should be a whole number"),
        ("cursor: 2000000", 9, "'cursor' is a 1-based step: 1–1000000"),
    ]

    @Test(arguments: hugePlotParameters)
    func outOfRangePlotParametersAreLocatedErrorsNotTraps(_ c: (yaml: String, column: Int, fragment: String)) throws {
        let result = parse(doc("## A\n```scene\npanels: [plot, text]\n\(c.yaml)\n```\n"))
        #expect(result.lesson == nil, "the lesson is refused")
        let error = try #require(result.diagnostics.errors.first)
        #expect(error.line == 11 && error.column == c.column, "\(error)")
        #expect(error.message.contains(c.fragment), "\(error.message)")
    }

    @Test func inRangePlotParametersStillParse() throws {
        let l = try lesson(doc("## A\n```scene\npanels: [plot, text]\nplot: {kind: toy_loop, function: none, w: 2, steps: 100}\n```\n"
                               + "## B\n```scene\nplot: {kind: race, delays: [0, 60], colour: red}\n```\n"))
        #expect(l.steps[0].scene.plot?.integer("steps", default: 30) == 100)
        #expect(l.steps[1].scene.plot?.integers("delays", default: []) == [0, 60])
        #expect(l.steps[1].scene.plot?.parameters["colour"] == .text("red"), "other keys pass through unchanged")
    }

    @Test func plotAccessorsClampSpecsBuiltOutsideTheParser() {
        let spec = PlotSpec(kind: Located("squash", at: .start), parameters: [
            "n": .number(1e300), "from": .number(-1e300), "delays": .list([.number(-1e300)]),
        ])
        #expect(spec.integer("n", default: 5) == 30)
        #expect(spec.number("from", default: -6) == -100)
        #expect(spec.integer("missing", default: 7) == 7)
        let race = PlotSpec(kind: Located("race", at: .start), parameters: ["delays": .list(Array(repeating: .number(1e19), count: 50))])
        #expect(race.integers("delays", default: [5]) == Array(repeating: 60, count: 6), "at most 6 delays, each at most 60")
    }
}
