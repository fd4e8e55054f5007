import ArgumentParser
import Foundation
import UnrollCore
import UnrollTUI

extension AnalyzeCommand {
    /// `unroll analyze vanishing`: fⁿ(x) and the derivative chain ∏ f′ for n = 1…N.
    struct Vanishing: ParsableCommand, DocumentedExamples {
        static let examples = ["unroll analyze vanishing --function sigmoid --n 10 --from -6 --to 6 --json"]

        static let configuration = CommandConfiguration(
            commandName: "vanishing",
            abstract: "Compose a squashing function with itself n = 1…N times: fⁿ(x) and its slope ∏ f′ over an x range.",
            discussion: CommandExamples.text(examples)
        )

        @Option(help: "sigmoid, tanh or relu.")
        var function: Squash = .sigmoid

        @Option(name: .customLong("n"), help: "N, the deepest composition.")
        var depth: Int = 10

        @Option(parsing: .unconditional, help: "The left end of the x range (negative values as --from -6).")
        var from: Double = -6

        @Option(parsing: .unconditional, help: "The right end of the x range.")
        var to: Double = 6

        @Option(help: "Evenly spaced sample points on [from, to].")
        var samples: Int = 121

        @Flag(help: "Print one JSON object instead of a table.")
        var json = false

        func validate() throws {
            if depth < 1 || depth > 1000 { throw ValidationError("--n must be 1…1000, got \(depth)") }
            if samples < 2 || samples > 100_000 { throw ValidationError("--samples must be 2…100000, got \(samples)") }
            if depth * samples > SquashComposition.maxPoints {
                throw ValidationError("--n × --samples must be at most \(SquashComposition.maxPoints), got \(depth) × \(samples) = \(depth * samples)")
            }
            if !(from.isFinite && to.isFinite && from < to) { throw ValidationError("--from must be below --to") }
        }

        func run() throws {
            let s = SquashComposition(function: function, depth: depth, from: from, to: to, samples: samples)
            if json {
                AnalyzeCommand.emit(.object([
                    ("function", .string(function.rawValue)), ("n", .number(Double(depth))),
                    ("from", .number(from)), ("to", .number(to)), ("x", .numbers(s.xs)),
                    ("values", .array((1...depth).map { .numbers(s.values(depth: $0)) })),
                    ("derivatives", .array((1...depth).map { .numbers(s.derivatives(depth: $0)) })),
                    ("max_slope", .numbers((1...depth).map { s.maximumSlope(depth: $0) })),
                    ("range", .numbers((1...depth).map { s.range(depth: $0) })),
                ]))
                return
            }
            // Five sample columns across the range.
            let picks = (0..<5).map { k in k * (samples - 1) / 4 }
            print("\(function.rawValue) composed n times on [\(from), \(to)]: fⁿ(x) at five points, then max |(fⁿ)′| and the spread of fⁿ")
            var header = AnalyzeCommand.left("n", 4)
            for k in picks { header += AnalyzeCommand.left("x=\(NumberFormat.general(s.xs[k], digits: 3))", 11) }
            print(header + "  max slope     spread")
            for n in 1...depth {
                let v = s.values(depth: n)
                var line = AnalyzeCommand.left("\(n)", 4)
                for k in picks { line += AnalyzeCommand.cell(v[k], width: 10) + " " }
                print(line + AnalyzeCommand.cell(s.maximumSlope(depth: n)) + AnalyzeCommand.cell(s.range(depth: n)))
            }
        }
    }
}
