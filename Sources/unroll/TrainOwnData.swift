import ArgumentParser
import Foundation
import UnrollCore

/// `unroll train wave|csv|text`: training on a seeded wave, a column of the user's CSV, or the user's text.
extension TrainCommand {
    /// The training configuration from the command line, with the task's defaults.
    var ownConfig: TrainingConfig {
        let d = task.defaults
        return TrainingConfig(epochs: epochs ?? d.epochs, optimizer: optimizer, learningRate: lr ?? d.learningRate,
                              clipNorm: clip ?? 1, bpttWindow: bptt)
    }

    /// Runs a task on the user's own data and writes the model (`--out`) and the JSON summary.
    func runOwnData() throws {
        let name = "train \(task.rawValue)"
        let report: (json: JSONValue, model: RecurrentModel)
        switch task {
        case .wave, .csv:
            let series: [Double]
            let description: String
            if task == .wave {
                series = Wave(seed: seed).values(length: data.length)
                description = "One-step-ahead forecaster of a seeded wave (sin(2πt/24+φ₁) + 0.4·sin(2πt/9+φ₂) + noise 0.05), made by: "
                    + commandLine
            } else {
                let file = data.file ?? ""
                do { series = try SeriesCSV.load(path: file, column: data.column ?? "") } catch {
                    throw fail(name, error.description, code: error.kind == .notFound ? Exit.noInput : Exit.dataError)
                }
                description = "One-step-ahead forecaster of column '\(data.column ?? "")' of \((file as NSString).lastPathComponent), made by: "
                    + commandLine
            }
            let training = SeriesTraining(series: series, task: task.rawValue)
            let options = SeriesTraining.Options(cell: cell, hidden: hidden ?? task.defaults.hidden, config: ownConfig, seed: seed,
                                                 window: data.window ?? 48, nonlinearity: nonlinearity)
            do {
                let r = try training.run(options, description: description, progress: progressLine(name))
                report = (r.json, r.model)
            } catch {
                throw fail(name, "\(data.file ?? "the wave"): \(error.description)", code: Exit.dataError)
            }
        case .text:
            let file = data.file ?? ""
            let corpus: TextCorpus
            do { corpus = try TextCorpus.load(path: file, level: data.level) } catch {
                throw fail(name, error.description, code: error.kind == .notFound ? Exit.noInput : Exit.dataError)
            }
            let options = TextTraining.Options(cell: cell, hidden: hidden ?? task.defaults.hidden, config: ownConfig, seed: seed,
                                               window: data.window ?? 32, nonlinearity: nonlinearity)
            let base = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
            let r = TextTraining(corpus: corpus).run(options, name: "\(base) \(data.level.rawValue) \(cell.rawValue) (seed \(seed))",
                                                     description: "Next-\(data.level == .word ? "word" : "character") model of \((file as NSString).lastPathComponent), made by: " + commandLine,
                                                     progress: progressLine(name))
            report = (r.json, r.model)
        default:
            throw fail(name, "not a task on your own data", code: Exit.usage)
        }
        if let out {
            let text = ModelFile.encode(report.model).serialized(indent: 1) + "\n"
            do { try OutputFile.write(Data(text.utf8), to: out) } catch {
                throw fail("train", "cannot write \(out): \(error)", code: 73)
            }
        }
        print(report.json.serialized())
    }

    /// The command line that made a model, for its description (the file named by its last path part).
    var commandLine: String {
        var parts = ["unroll train", task.rawValue]
        if let file = data.file { parts.append((file as NSString).lastPathComponent) }
        if let column = data.column { parts.append("--column \(column)") }
        if task == .wave { parts.append("--length \(data.length)") }
        if task == .text { parts.append("--level \(data.level.rawValue)") }
        parts.append("--cell \(cell.rawValue) --hidden \(hidden ?? task.defaults.hidden) --epochs \(epochs ?? task.defaults.epochs) --seed \(seed)")
        return parts.joined(separator: " ")
    }

    /// Progress on standard error: a line at every tenth of the epochs.
    func progressLine(_ name: String) -> (TrainingProgress) -> Void {
        { p in
            let every = max(1, p.epochs / 10)
            guard p.epoch % every == 0 || p.epoch == p.epochs else { return }
            let loss = p.loss.isFinite ? String(format: "%.5g", p.loss) : "\(p.loss)"
            FileHandle.standardError.write(Data("unroll \(name): epoch \(p.epoch)/\(p.epochs) loss \(loss)\n".utf8))
        }
    }
}

extension TrainCommand {
    /// The help's examples of training on your own data.
    static let ownDataExamples = [
        "unroll train wave --seed 0 --epochs 100 --out wave.json",
    ]

    /// The help's paragraph on training on your own data.
    static let ownDataDiscussion = """
        wave: a seeded sum of two sines with noise (--length steps); csv FILE --column NAME (unroll train csv \
        prices.csv --column close --out prices.json): that column of a CSV file \
        with a header row. Both train a one-step-ahead forecaster (input real, output regression, mean squared error) \
        on the first 80% and report its error on the rest against the naive forecast (tomorrow as today). \
        text FILE --level word|char (unroll train text story.txt --level word --out story.json): a next-token \
        model over the file's own vocabulary, trained on seeded windows; progress on standard error.
        """
}
