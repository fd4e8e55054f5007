import ArgumentParser
import Foundation
import UnrollCore

extension Unroll {
    /// The entry point: `Invocation.run` instead of swift-argument-parser's own `main`, so a bad
    /// command line prints one line, never the usage (that is what `--help` is for).
    static func main() {
        let status = Invocation.run(Array(CommandLine.arguments.dropFirst()))
        fflush(nil)
        Foundation.exit(status)
    }
}

/// One command line, from arguments to exit status.
///
/// - `--help`, `-h`, `help CMD` and `--version` print on standard output, exit 0.
/// - A bad command line prints one line on standard error, `unroll CMD: message`, exit 64, and
///   nothing on standard output: an unknown command gets "did you mean" from the command it was
///   given to (never the usage of the hidden default `start`), an unknown option its closest
///   option, a negative number what is expected instead.
/// - A command that fails prints its own one line (`fail`) and exits with its code.
enum Invocation {
    /// What a command line parses to.
    enum Parsed {
        /// A command to run; `path` is its name under `unroll`, e.g. `["analyze", "race"]`.
        case command(any ParsableCommand, path: [String])
        /// Help or version text, for standard output (exit 0).
        case text(String)
        /// A bad command line: this line for standard error (exit 64).
        case usageError(String)
    }

    /// Parses (and validates) `arguments` without running anything.
    static func parse(_ arguments: [String]) -> Parsed {
        if arguments.starts(with: ["lab", "series"]) { return LabSeriesCommand.parseLine(Array(arguments.dropFirst(2))) }
        let path = CommandPath(arguments)
        if let problem = precheck(arguments, path: path) { return .usageError(problem) }
        do {
            return .command(try Unroll.parseAsRoot(arguments), path: path.names)
        } catch {
            if Unroll.exitCode(for: error) == .success { return .text(Unroll.fullMessage(for: error)) }
            return .usageError("\(path.prefix): \(message(for: error, arguments: arguments, path: path))")
        }
    }

    /// Parses and runs `arguments`; returns the exit status.
    static func run(_ arguments: [String]) -> Int32 {
        switch parse(arguments) {
        case let .text(text):
            print(text)
            return 0
        case let .usageError(line):
            printErrorLine(line)
            return Exit.usage
        case .command(var command, let path):
            CrashReport.prepare(for: command)
            do {
                try command.run()
                Warnings.flush()
                return 0
            } catch let code as ExitCode {
                if code.rawValue == 0 { Warnings.flush() }
                return code.rawValue
            } catch {
                Warnings.discard()
                if Unroll.exitCode(for: error) == .success {
                    print(Unroll.fullMessage(for: error))
                    return 0
                }
                printErrorLine("unroll \(path.joined(separator: " ")): \(firstLine(Unroll.message(for: error)))")
                return Unroll.exitCode(for: error).rawValue
            }
        }
    }

    // MARK: Checks swift-argument-parser does not make

    /// A problem found before parsing: `help` with an unknown command, `--version` with other
    /// arguments, an unknown subcommand.
    static func precheck(_ arguments: [String], path: CommandPath) -> String? {
        let options = arguments.prefix { $0 != "--" }
        if options.contains("--version") && arguments != ["--version"] {
            return "unroll: --version takes no other arguments (got \(arguments.count - 1) more)"
        }
        if arguments.first == "help" {
            var type: ParsableCommand.Type = Unroll.self
            for word in arguments.dropFirst() where !word.hasPrefix("-") {
                guard let sub = type.configuration.subcommands.first(where: { $0._commandName == word }) else {
                    return "unroll help: unknown command '\(word)'\(unknownCommandHint(word, of: type))"
                }
                type = sub
            }
            return nil
        }
        if let unknown = path.unknown {
            return "\(path.prefix): unknown command '\(unknown)'\(unknownCommandHint(unknown, of: path.type))"
        }
        // A group without a default (`unroll analyze`) needs one of its commands.
        let rest = arguments.dropFirst(path.consumed)
        if !isRoot(path.type), !path.type.configuration.subcommands.isEmpty, path.type.configuration.defaultSubcommand == nil,
           !rest.contains(where: { ["-h", "--help", "-help"].contains($0) }) {
            let names = path.type.configuration.subcommands.map { $0._commandName }
            return "\(path.prefix): which one? (commands: \(names.joined(separator: ", ")); see \(path.prefix) --help)"
        }
        return nil
    }

    /// " (did you mean 'lesson'? see unroll --help)" or the list of commands.
    static func unknownCommandHint(_ word: String, of type: ParsableCommand.Type) -> String {
        var names = type.configuration.subcommands.filter { $0.configuration.shouldDisplay }.map { $0._commandName }
        if isRoot(type) { names.append("help") }
        let help = isRoot(type) ? "unroll --help" : "unroll \(CommandPath.names(of: type).joined(separator: " ")) --help"
        if let guess = NameSuggestion.closest(to: word, in: names) { return " (did you mean '\(guess)'? see \(help))" }
        return " (commands: \(names.joined(separator: ", ")); see \(help))"
    }

    // MARK: Messages

    /// The one-line message for a parse error: an unknown option (with its closest option) or a
    /// negative number first, else swift-argument-parser's first line.
    static func message(for error: Error, arguments: [String], path: CommandPath) -> String {
        let spec = OptionSpec.of(path.type)
        let rest = Array(arguments.dropFirst(path.consumed))
        if let unknown = spec.firstUnknownLongOption(in: rest) {
            return "unknown option '\(unknown)'" + NameSuggestion.hint(for: unknown, in: spec.longNames)
        }
        let text = firstLine(Unroll.message(for: error))
        if text.hasPrefix("missing value for") || text.hasPrefix("unknown option") {
            for (i, word) in rest.enumerated() where i + 1 < rest.count && word.hasPrefix("-") && spec.takesValue(word) {
                let value = rest[i + 1]
                guard value.hasPrefix("-"), Double(value) != nil else { continue }
                if spec.isStep(word) { return "\(word) \(value): steps are numbered from 1" }
                return "\(word) \(value): a negative number is not accepted here"
            }
        }
        return text
    }

    /// The first non-empty line of `text`, without a leading "Error: ", first letter lowercased.
    static func firstLine(_ text: String) -> String {
        var line = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty } ?? "failed"
        if line.hasPrefix("Error: ") { line.removeFirst(7) }
        if let first = line.first, first.isUppercase, line.dropFirst().first?.isLowercase == true {
            line = first.lowercased() + line.dropFirst()
        }
        return line
    }
}

/// The subcommands a command line names, walked through the configurations.
struct CommandPath {
    /// The innermost command named.
    var type: ParsableCommand.Type = Unroll.self
    /// The subcommand names under `unroll`.
    var names: [String] = []
    /// How many leading arguments are subcommand names.
    var consumed = 0
    /// A word where a subcommand was expected that names none (nil when all is well).
    var unknown: String?

    init(_ arguments: [String]) {
        for word in arguments {
            let subcommands = type.configuration.subcommands
            guard !subcommands.isEmpty, !word.hasPrefix("-") else { break }
            if isRoot(type) && word == "help" { break }
            guard let sub = subcommands.first(where: { $0._commandName == word }) else {
                // Every command with subcommands takes no arguments of its own (the default
                // `start` takes only flags): a word here is a mistyped command.
                unknown = word
                break
            }
            type = sub
            names.append(word)
            consumed += 1
        }
    }

    /// "unroll analyze race", or "unroll" for the root: the prefix of a one-line error.
    var prefix: String { (["unroll"] + names).joined(separator: " ") }

    /// The path of names from the root to `type` (empty for the root or a type not found).
    static func names(of type: ParsableCommand.Type, from root: ParsableCommand.Type = Unroll.self) -> [String] {
        for sub in root.configuration.subcommands {
            if ObjectIdentifier(sub) == ObjectIdentifier(type) { return [sub._commandName] }
            let below = names(of: type, from: sub)
            if !below.isEmpty { return [sub._commandName] + below }
        }
        return []
    }
}

/// A command's options as swift-argument-parser describes them (its help dump), for messages.
struct OptionSpec {
    /// Every `--long` name, `-x` short name and `-long` single-dash name the command accepts.
    private(set) var names: Set<String> = ["--help", "-h"]
    /// The `--long` names, for "did you mean".
    private(set) var longNames: [String] = ["--help"]
    /// Names of options that take a value (the next argument).
    private(set) var valued: Set<String> = []
    /// Names of options that take any next argument as their value, even one starting with `-`.
    private(set) var unconditional: Set<String> = []

    nonisolated(unsafe) private static var cache: [ObjectIdentifier: OptionSpec] = [:]

    /// The spec of `type`, read once per process (the help dump is costly).
    static func of(_ type: ParsableCommand.Type) -> OptionSpec {
        if let known = cache[ObjectIdentifier(type)] { return known }
        let spec = OptionSpec(of: type)
        cache[ObjectIdentifier(type)] = spec
        return spec
    }

    init(of type: ParsableCommand.Type) {
        guard let data = type._dumpHelp().data(using: .utf8),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let command = root["command"] as? [String: Any],
              let arguments = command["arguments"] as? [[String: Any]] else { return }
        for argument in arguments {
            let kind = argument["kind"] as? String
            for name in argument["names"] as? [[String: Any]] ?? [] {
                guard let text = name["name"] as? String else { continue }
                let spelled: String
                switch name["kind"] as? String {
                case "long": spelled = "--" + text; longNames.append(spelled)
                case "short": spelled = "-" + text
                default: spelled = "-" + text
                }
                names.insert(spelled)
                if kind == "option" { valued.insert(spelled) }
                if kind == "option", argument["parsingStrategy"] as? String == "unconditional" { unconditional.insert(spelled) }
            }
        }
        if isRoot(type) { names.insert("--version"); longNames.append("--version") }
        // Options after a group's name may be its default command's (`unroll --plain`).
        if let fallback = type.configuration.defaultSubcommand {
            let inner = OptionSpec(of: fallback)
            names.formUnion(inner.names)
            longNames += inner.longNames.filter { !longNames.contains($0) }
            valued.formUnion(inner.valued)
            unconditional.formUnion(inner.unconditional)
        }
    }

    func takesValue(_ word: String) -> Bool { valued.contains(word) && !unconditional.contains(word) }

    /// Whether `word` names a step option (`--step`, `-t`, `-s`, `--lesson-step`).
    func isStep(_ word: String) -> Bool { ["--step", "-s", "-t", "--lesson-step"].contains(word) && valued.contains(word) }

    /// The first `--name` in `arguments` (before `--`) the command does not know, skipping option values.
    func firstUnknownLongOption(in arguments: [String]) -> String? {
        var i = 0
        while i < arguments.count {
            let word = arguments[i]
            if word == "--" { return nil }
            if word.hasPrefix("--") {
                let name = String(word.prefix { $0 != "=" })
                if !names.contains(name) { return name }
                if valued.contains(name) && !word.contains("=") { i += 1 }
            } else if word.hasPrefix("-"), valued.contains(word) {
                i += 1
            }
            i += 1
        }
        return nil
    }
}

/// Whether `type` is the root command, `unroll`.
func isRoot(_ type: ParsableCommand.Type) -> Bool { ObjectIdentifier(type) == ObjectIdentifier(Unroll.self) }
