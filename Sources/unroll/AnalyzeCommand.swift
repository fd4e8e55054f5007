import ArgumentParser
import Foundation
import UnrollCore
import UnrollTUI

/// `unroll analyze`: the gradient lab's series (squash composition, eigenvalues and powers of W,
/// gradient against distance, the memory race) as readable tables or one JSON object.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Print the vanishing-gradient analyses as tables or JSON (for scripts and notebooks).",
        discussion: """
        Every number is computed live by the core. Add --json for one JSON object on standard output.
        Exit codes: 64 bad command line, 65 malformed model file, 66 model not found.
        """,
        subcommands: [Vanishing.self, Power.self, Distance.self, Race.self]
    )

    // MARK: Option values

    /// The model an analysis runs on: a model file, or a seeded model built from options.
    struct ModelOptions: ParsableArguments {
        @Option(help: "A model file or a shipped model name (instead of building one with --cell).")
        var model: String?

        @Option(help: "Build a seeded model with this cell: rnn, lstm or gru.")
        var cell: CellKind = ElmanCell().kind

        @Option(help: "The built model's hidden size H.")
        var hidden: Int = 16

        @Option(help: "The built model's input (and output) size I.")
        var inputs: Int = 8

        @Option(name: .customLong("init"), help: "The built model's W_hh: random (PyTorch's default), identity or orthogonal.")
        var initialisation: RecurrentInitialisation = .random

        @Option(help: "Rescale W_hh so its (candidate) block has this spectral radius.")
        var radius: Double?

        @Option(help: "Seed of the built model and of random inputs.")
        var seed: UInt64 = 0

        func validate() throws {
            if hidden < 1 || hidden > 256 { throw ValidationError("--hidden must be 1…256, got \(hidden)") }
            if inputs < 1 || inputs > 256 { throw ValidationError("--inputs must be 1…256, got \(inputs)") }
            if let radius, !(radius >= 0 && radius.isFinite) { throw ValidationError("--radius must be a number ≥ 0") }
        }

        /// The model: loaded (exit 65/66 on failure) or built; `nonlinearity` for a built RNN.
        func resolve(command: String, nonlinearity: Nonlinearity = .tanh) throws -> RecurrentModel {
            if let path = model {
                var m = try loadModel(path, command: command)
                if let radius { m.rescaleRecurrentWeights(toSpectralRadius: radius) }
                return m
            }
            return RecurrentModel.analysisModel(kind: cell, inputSize: inputs, hiddenSize: hidden, nonlinearity: nonlinearity,
                                                initialisation: initialisation, spectralRadius: radius, seed: seed)
        }
    }

    /// The items of a list option: every value given (`--delays 2 5 10`), each also split at commas
    /// (the older `--delays 2,5,10`, which lessons and docs use), trimmed.
    static func listItems(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) } }
    }

    /// The whole numbers of a list option, each in `range`.
    static func integerList(_ values: [String], option: String, range: ClosedRange<Int>) throws -> [Int] {
        try integerList(listItems(values).joined(separator: ","), option: option, range: range)
    }

    /// Parses "2,5,10" into whole numbers in `range`.
    static func integerList(_ text: String, option: String, range: ClosedRange<Int>) throws -> [Int] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        var out: [Int] = []
        for p in parts {
            guard let v = Int(p), range.contains(v) else {
                throw ValidationError("\(option): '\(p)' should be a whole number \(range.lowerBound)…\(range.upperBound)")
            }
            out.append(v)
        }
        if out.isEmpty { throw ValidationError("\(option) is empty") }
        return out
    }

    /// A number for a table: 4 significant digits, scientific when small or large.
    static func cell(_ v: Double, width: Int = 11) -> String {
        let s: String
        if !v.isFinite { s = v.isNaN ? "nan" : (v > 0 ? "inf" : "-inf") }
        else if v == 0 { s = "0" }
        else if abs(v) >= 1e-3 && abs(v) < 1e5 { s = NumberFormat.general(v, digits: 4) }
        else { s = NumberFormat.scientific(v, decimals: 3) }
        return s.count >= width ? s + " " : String(repeating: " ", count: width - s.count) + s
    }

    /// Text left-aligned in a column.
    static func left(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }

    static func emit(_ json: JSONValue) { print(json.serialized()) }
}
