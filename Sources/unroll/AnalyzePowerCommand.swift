import ArgumentParser
import Foundation
import UnrollCore
import UnrollTUI

extension AnalyzeCommand {
    /// `unroll analyze power`: the eigenvalues of W and ‖((cW)ᵗ)ᵀ h₀‖ over t.
    struct Power: ParsableCommand, DocumentedExamples {
        static let examples = ["unroll analyze power --cell rnn --hidden 32 --init orthogonal --scale 0.9 --steps 100 --json"]

        static let configuration = CommandConfiguration(
            commandName: "power",
            abstract: "Eigenvalues and spectral radius of a model's W_hh (scaled by c), and ‖h_t‖ for h_t = ((cW)ᵗ)ᵀ h₀.",
            discussion: """
            For the LSTM and GRU the H×H block of one gate is used (--gate; default the candidate).
            \(CommandExamples.text(examples))
            """
        )

        @OptionGroup var source: ModelOptions

        @Option(help: "Gated cells: the gate whose block of W_hh to use (input, forget, candidate, output, reset, update).")
        var gate: String?

        @Option(parsing: .unconditional, help: "c, the factor multiplying W.")
        var scale: Double = 1

        @Option(help: "T, the number of powers.")
        var steps: Int = 50

        @Flag(help: "Print one JSON object instead of a table.")
        var json = false

        func validate() throws {
            if !scale.isFinite { throw ValidationError("--scale must be a number") }
            if steps < 0 || steps > 1_000_000 { throw ValidationError("--steps must be 0…1000000, got \(steps)") }
            if let gate, Gate(rawValue: gate) == nil {
                throw ValidationError("--gate '\(gate)' is not a gate (\(Gate.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
        }

        func run() throws {
            let model = try source.resolve(command: "analyze power")
            let g = gate.flatMap(Gate.init(rawValue:))
            if let g, model.cell.isGated, g.block(in: model.cell) == nil {
                throw fail("analyze power", "--gate: a \(model.kind.rawValue) has no \(g.rawValue) gate", code: Exit.usage)
            }
            let w = model.recurrentBlock(g)
            let H = model.hiddenSize
            var solver = EigenSolver()
            let ev = solver.eigenvalues(of: w, size: H, scaledBy: scale)
            let rho = ev.first?.magnitude ?? 0
            let series = PowerSeries(matrix: w, size: H, scale: scale, initial: randomUnitVector(size: H, seed: source.seed),
                                     steps: steps)
            let blockName = model.cell.isGated ? "W_h\((g ?? .candidate).symbol(in: model.cell))" : "W_hh"
            if json {
                AnalyzeCommand.emit(.object([
                    ("model", .string(model.name ?? source.model ?? "")), ("cell", .string(model.kind.rawValue)),
                    ("hidden", .number(Double(H))), ("matrix", .string(blockName)), ("scale", .number(scale)),
                    ("eigenvalues", .array(ev.map { .object([("re", .number($0.real)), ("im", .number($0.imaginary)),
                                                             ("abs", .number($0.magnitude))]) })),
                    ("spectral_radius", .number(rho)), ("converged", .bool(solver.converged)),
                    ("steps", .number(Double(steps))), ("norms", .numbers(series.norms)),
                    ("log_norms", .numbers(series.logNorms)), ("average_growth", .number(series.averageGrowth)),
                ]))
                return
            }
            print("\(TerminalSafe.line(model.name ?? source.model ?? "model")): \(blockName) (H=\(H)) scaled by \(scale)")
            print("spectral radius ρ = \(NumberFormat.general(rho, digits: 6))   average growth of ‖h_t‖ per step = \(NumberFormat.general(series.averageGrowth, digits: 6))")
            print("eigenvalues (largest |λ| first):")
            print("   #         re         im        |λ|")
            for (k, l) in ev.enumerated() {
                print(AnalyzeCommand.left("\(k + 1)", 4) + AnalyzeCommand.cell(l.real) + AnalyzeCommand.cell(l.imaginary) + AnalyzeCommand.cell(l.magnitude))
            }
            print("h_t = ((cW)ᵗ)ᵀ h₀ from a random unit h₀:")
            print("     t       ‖h_t‖")
            for t in 0...steps { print(AnalyzeCommand.cell(Double(t), width: 6) + AnalyzeCommand.cell(series.norms[t], width: 12)) }
        }
    }
}
