import ArgumentParser
import Foundation
import UnrollLessons

/// `--profile NAME`: whose progress this tutor keeps (default: `$UNROLL_PROFILE`, else the login's own).
struct ProgressOptions: ParsableArguments {
    @Option(name: .customLong("profile"), help: ArgumentHelp(
        "Keep progress for this person (letters, digits, - _ .), for a login several people share (default: $UNROLL_PROFILE, else the login's own).",
        valueName: "name"))
    var name: String?

    /// The chosen profile: the option, else the environment's, else none (the login's own progress).
    func profile(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ProgressProfile? {
        let (given, source) = name.map { ($0, "--profile") }
            ?? (environment["UNROLL_PROFILE"].flatMap { $0.isEmpty ? nil : $0 }.map { ($0, "UNROLL_PROFILE") } ?? ("", ""))
        guard !source.isEmpty else { return nil }
        switch ProgressProfile.named(given) {
        case let .success(profile): return profile
        case let .failure(error): throw ValidationError("\(source): \(error.message)")
        }
    }

    func validate() throws { _ = try profile() }

    /// The store for the chosen profile.
    func store() throws -> ProgressStore { ProgressStore(profile: try profile()) }
}
