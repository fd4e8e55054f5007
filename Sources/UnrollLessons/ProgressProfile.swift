import UnrollCore

/// Whose progress a tutor keeps: the login's own (the default), or a named person's on a shared login.
///
/// A profile name is 1–32 letters, digits, `-`, `_` or `.` (not starting with `.`), so it is a safe
/// folder name: `unroll --profile ana` keeps Ana's progress in `…/unroll/profiles/ana/progress.json`.
public struct ProgressProfile: Sendable, Equatable {
    /// The person's name, already validated.
    public let name: String

    /// The longest profile name.
    public static let maxLength = 32

    /// A profile for `name`, or why it cannot be one (a one-line message for `--profile`).
    public static func named(_ name: String) -> Result<ProgressProfile, ProgressStoreError> {
        guard !name.isEmpty else { return .failure(ProgressStoreError(message: "a profile name cannot be empty")) }
        guard name.count <= maxLength else {
            return .failure(ProgressStoreError(message: "a profile name has at most \(maxLength) characters (got \(name.count))"))
        }
        guard !name.hasPrefix(".") else { return .failure(ProgressStoreError(message: "a profile name cannot start with '.'")) }
        let allowed = name.unicodeScalars.allSatisfy { s in
            (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || (s >= "0" && s <= "9") || s == "-" || s == "_" || s == "."
        }
        guard allowed else {
            return .failure(ProgressStoreError(message: "a profile name uses only letters, digits, '-', '_' and '.' (got '\(TerminalSafe.line(String(name.prefix(64))))')"))
        }
        return .success(ProgressProfile(name: name))
    }

    private init(name: String) { self.name = name }

    /// The profile's folder inside the login's progress folder.
    public func directory(in base: String) -> String { base + "/profiles/" + name }
}
