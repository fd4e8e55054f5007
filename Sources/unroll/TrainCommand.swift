import ArgumentParser
struct TrainCommand: ParsableCommand { static let configuration = CommandConfiguration(commandName: "train", abstract: "Train (coming).") }
struct BenchCommand: ParsableCommand { static let configuration = CommandConfiguration(commandName: "bench", abstract: "Bench (coming).") }
