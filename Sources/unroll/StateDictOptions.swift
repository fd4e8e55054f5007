import ArgumentParser
import Foundation
import UnrollCore

/// `--vocab`, `--nonlinearity`, `--head`, `--embedding`: what a PyTorch `state_dict` (`.pt`, `.pth`,
/// `.safetensors`) cannot say about itself, when neither its metadata nor a sidecar `NAME.json` says it.
struct StateDictOptions: ParsableArguments {
    @Option(help: ArgumentHelp("For a .pt/.safetensors model: the vocabulary, space-separated, in input order.", valueName: "words"))
    var vocab: String?

    @Option(help: ArgumentHelp("For a .pt/.safetensors rnn: tanh or relu.", valueName: "name"))
    var nonlinearity: String?

    @Option(help: ArgumentHelp("For a .pt/.safetensors model: the read-out's module (fc for fc.weight).", valueName: "module"))
    var head: String?

    @Option(help: ArgumentHelp("For a .pt/.safetensors model: the embedding's module (emb for emb.weight).", valueName: "module"))
    var embedding: String?

    /// The hints for the state-dict reader.
    var hints: StateDictHints {
        StateDictHints(vocab: vocab.map { $0.split(whereSeparator: \.isWhitespace).map(String.init) },
                       nonlinearity: nonlinearity, head: head, embedding: embedding)
    }

    /// The options given, as they were spelled (for messages).
    var given: [String] {
        [("--vocab", vocab), ("--nonlinearity", nonlinearity), ("--head", head), ("--embedding", embedding)]
            .compactMap { $0.1 == nil ? nil : $0.0 }
    }

    func validate() throws {
        if let nonlinearity, !["tanh", "relu"].contains(nonlinearity) {
            throw ValidationError("--nonlinearity '\(nonlinearity)': expected tanh or relu")
        }
        if let vocab, vocab.split(whereSeparator: \.isWhitespace).isEmpty {
            throw ValidationError("--vocab: expected the words of the vocabulary, space-separated")
        }
    }
}
