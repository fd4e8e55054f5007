/// A student's name as the class sees it: the SSH user name made safe to draw on anyone's terminal.
///
/// Only letters, digits and `-`, `_`, `.` are kept (every control character, escape sequence
/// byte, bidirectional override and space is dropped), at most `maximumLength` of them; an
/// empty result becomes `student`. Names are unique per class: `Roster` suffixes `-2`, `-3`, …
public enum Nickname {
    /// The most characters a nickname keeps.
    public static let maximumLength = 16

    /// The safe form of a user name.
    public static func sanitise(_ userName: String) -> String {
        var out = ""
        for scalar in userName.unicodeScalars {
            guard out.unicodeScalars.count < maximumLength else { break }
            let allowed = (scalar.properties.isAlphabetic || scalar.properties.numericType != nil) && scalar.value < 0x2000
                || scalar == "-" || scalar == "_" || scalar == "."
            // Combining marks and wide scripts would break the one-column-per-character grid.
            if allowed && scalar.value >= 0x20 && !(0x7F...0x9F).contains(scalar.value) && !(0x0300...0x036F).contains(scalar.value) {
                out.unicodeScalars.append(scalar)
            }
        }
        return out.isEmpty ? "student" : out
    }
}
