import ArgumentParser
import UnrollCore

/// The `unroll` command: the tutor, and one subcommand per job.
@main
struct Unroll: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "unroll",
        abstract: "A terminal tutor for recurrent neural networks: see an RNN, an LSTM and a GRU think, step by step.",
        discussion: "With no subcommand, opens the tutor's start screen.",
        version: version,
        subcommands: [StartCommand.self, LessonCommand.self, LabCommand.self, GradientsCommand.self, RenderCommand.self, TraceCommand.self, ConvertCommand.self, TrainCommand.self, AnalyzeCommand.self, ListCommand.self, LintCommand.self, ProgressCommand.self, BenchCommand.self, ServeCommand.self],
        defaultSubcommand: StartCommand.self
    )
}
