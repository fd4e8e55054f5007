import ArgumentParser
import UnrollCore

/// `unroll bench`: measures the core's speed on the book task and on one long sequence.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure training time per token-step (book task, H=8) and one forward + BPTT pass over T=1000 at H=32.",
        discussion: "Build with -c release for meaningful figures: swift run -c release unroll bench"
    )

    @Option(help: "Epochs of the book task per cell (each 199 token-steps).")
    var epochs: Int = 300

    @Option(help: "Repetitions of the T=1000 pass (the median is reported).")
    var repeats: Int = 21

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func validate() throws {
        if epochs < 1 { throw ValidationError("--epochs must be ≥ 1") }
        if repeats < 1 { throw ValidationError("--repeats must be ≥ 1") }
    }

    func run() throws {
        let results = Benchmarks.run(epochs: epochs, repeats: repeats)
        if json {
            print(JSONValue.object(results.map { ($0.name, .number($0.value)) }).serialized())
        } else {
            for r in results { print("\(r.name.padding(32))\(r.formatted)") }
        }
    }
}

extension String {
    /// Left-aligned in a column of `width` characters.
    func padding(_ width: Int) -> String { count >= width ? self + " " : self + String(repeating: " ", count: width - count) }
}
