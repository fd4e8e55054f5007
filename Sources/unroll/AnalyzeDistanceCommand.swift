import ArgumentParser
import Foundation
import UnrollCore
import UnrollTUI

extension AnalyzeCommand {
    /// `unroll analyze distance`: ‖∂L_T/∂s_t‖ and ‖∂h_T/∂s_t‖_F for t = T…0.
    struct Distance: ParsableCommand, DocumentedExamples {
        static let examples = [
            "unroll analyze distance --cell rnn --function tanh --radius 0.7 --length 30",
            "unroll analyze distance --model book-lstm --input \"Doug saw Jane . Jane saw Spot .\"",
            "unroll analyze distance --compare --hidden 16 --length 50 --json",
        ]

        static let configuration = CommandConfiguration(
            commandName: "distance",
            abstract: "Gradient against distance: ‖∂L_T/∂h_t‖ and ‖∂h_T/∂h_t‖ (Frobenius) for t = T…0.",
            discussion: """
            The loss is the cross-entropy on the last step only. For the LSTM the state is (h_t, c_t) and both
            norms are taken over the pair. --compare runs the standard comparison instead: the RNN with tanh,
            relu and sigmoid × random, identity and orthogonal W_hh, then the LSTM and the GRU, at one H.
            \(CommandExamples.text(examples))
            """
        )

        @OptionGroup var source: ModelOptions

        @Option(help: "The RNN's squashing function: tanh, relu or sigmoid (default: the model's own).")
        var function: Squash?

        @Option(help: "Whitespace-separated input tokens from the model's vocabulary (default: random tokens).")
        var input: String?

        @Option(help: "T, the length of the random input.")
        var length: Int = 50

        @Option(help: "The class of the last-step loss (a vocabulary word or an index; default 0).")
        var target: String?

        @Flag(help: "Run the standard comparison of cells and initialisations.")
        var compare = false

        @Flag(help: "Print one JSON object instead of a table.")
        var json = false

        func validate() throws {
            if length < 1 || length > 100_000 { throw ValidationError("--length must be 1…100000, got \(length)") }
            if compare && (source.model != nil || input != nil || target != nil) {
                throw ValidationError("--compare builds its own models: drop --model, --input and --target")
            }
        }

        func run() throws {
            if compare { return runComparison() }
            let nonlinearity: Nonlinearity = function == .relu ? .relu : .tanh
            let model = try source.resolve(command: "analyze distance", nonlinearity: nonlinearity)
            let sequence: SequenceInput
            var targetIndex: Int? = nil
            do {
                if let input {
                    sequence = try model.parseInput(input)
                } else {
                    sequence = randomTokenInput(steps: length, inputSize: model.inputSize, seed: source.seed &+ 101)
                }
                if let target { targetIndex = try model.parseTargets(target, steps: 1, option: "--target")[0] }
            } catch let e as TokenError {
                throw fail("analyze distance", e.message, code: Exit.usage)
            }
            if function != nil && model.cell.isGated {
                throw fail("analyze distance", "--function applies to the rnn only", code: Exit.usage)
            }
            let g = GradientDistance(model: model, input: sequence, target: targetIndex, squash: function)
            let T = g.steps
            if json {
                var members: [(String, JSONValue)] = [
                    ("model", .string(model.name ?? source.model ?? "")), ("cell", .string(model.kind.rawValue)),
                    ("function", g.squash.map { .string($0.rawValue) } ?? .null),
                    ("hidden", .number(Double(model.hiddenSize))), ("steps", .number(Double(T))),
                    ("target", .number(Double(g.target))), ("loss", .number(g.loss)),
                    ("spectral_radius", .number(model.recurrentSpectralRadius())),
                    ("state", .string(model.cell.stateNames.joined(separator: ","))), ("jacobian_norm", .string("frobenius")),
                    ("distance", .numbers((0...T).map(Double.init))), ("step", .numbers((0...T).map { Double(T - $0) })),
                    ("loss_gradient", .numbers(g.lossGradientNorms)), ("jacobian", .numbers(g.jacobianNorms)),
                ]
                if model.cell.hasCellState {
                    members.append(("loss_gradient_h", .numbers(g.lossGradientHiddenNorms)))
                    members.append(("loss_gradient_c", .numbers(g.lossGradientCellNorms)))
                }
                AnalyzeCommand.emit(.object(members))
                return
            }
            let state = model.cell.stateTuple
            print("\(TerminalSafe.line(model.name ?? source.model ?? "model")): \(model.kind.displayName)\(g.squash.map { " \($0.rawValue)" } ?? ""), H=\(model.hiddenSize), T=\(T), ρ(W)=\(NumberFormat.general(model.recurrentSpectralRadius())), loss on step T = \(NumberFormat.general(g.loss))")
            print("    d     t   ‖∂L_T/∂s_t‖  relative   ‖∂h_T/∂s_t‖_F  relative    (s_t = \(state))")
            for d in 0...T {
                let relL = T >= 1 ? g.lossGradientNorms[d] / g.lossGradientNorms[min(1, T)] : 1
                let relJ = T >= 1 ? g.jacobianNorms[d] / g.jacobianNorms[min(1, T)] : 1
                print(AnalyzeCommand.cell(Double(d), width: 5) + AnalyzeCommand.cell(Double(T - d), width: 6)
                      + AnalyzeCommand.cell(g.lossGradientNorms[d], width: 14) + AnalyzeCommand.cell(relL)
                      + AnalyzeCommand.cell(g.jacobianNorms[d], width: 15) + AnalyzeCommand.cell(relJ))
            }
        }

        private func runComparison() {
            let curves = GradientDistance.comparison(hiddenSize: source.hidden, inputSize: source.inputs, steps: length,
                                                     seed: source.seed, spectralRadius: source.radius)
            if json {
                AnalyzeCommand.emit(.object([
                    ("hidden", .number(Double(source.hidden))), ("steps", .number(Double(length))),
                    ("seed", .number(Double(source.seed))), ("radius", source.radius.map { .number($0) } ?? .null),
                    ("distance", .numbers((0...length).map(Double.init))),
                    ("curves", .array(curves.map { c in
                        .object([("label", .string(c.label)), ("cell", .string(c.kind.rawValue)),
                                 ("function", c.squash.map { .string($0.rawValue) } ?? .null),
                                 ("init", .string(c.initialisation.rawValue)),
                                 ("loss_gradient", .numbers(c.distance.lossGradientNorms)),
                                 ("jacobian", .numbers(c.distance.jacobianNorms))])
                    })),
                ]))
                return
            }
            let ds = [1, 2, 5, 10, 20, 50, 100, 200, 500].filter { $0 <= length }
            print("‖∂h_T/∂s_{T−d}‖_F relative to d = 1, H=\(source.hidden), T=\(length)" + (source.radius.map { ", ρ(W)=\($0)" } ?? ""))
            print(AnalyzeCommand.left("curve", 24) + ds.map { AnalyzeCommand.cell(Double($0)) }.joined())
            for c in curves {
                print(AnalyzeCommand.left(c.label, 24) + ds.map { AnalyzeCommand.cell(c.distance.relativeJacobian(distance: $0)) }.joined())
            }
        }
    }
}
