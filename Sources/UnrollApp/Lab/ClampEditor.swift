import UnrollCore
import UnrollTUI

/// The clamp editor (`c` in the lab): gate, units, steps and value, composed into a clamp spec.
///
/// Fields are plain text the student edits; the spec `GATE[UNITS]=VALUE@STEPS` is parsed by the
/// core, so the editor accepts exactly what `unroll trace --clamp` accepts.
public struct ClampEditor: Sendable, Equatable {
    public enum Field: Int, CaseIterable, Sendable {
        case gate, units, steps, value
    }

    public var gates: [Gate]
    public var gateIndex: Int
    /// `all` or a comma list of 0-based units.
    public var units: String
    /// `all`, `t`, or `a..b` (1-based).
    public var steps: String
    public var value: String
    public var field: Field
    /// Why the last Enter was refused.
    public var error: String?

    /// An editor preset to the lab's focus: its gate (or the first), its unit, the current step, value 0.
    public init(kind: CellKind, focus: LabFocus, t: Int) {
        gates = kind.gates
        if case let .gate(g) = focus.target, let i = gates.firstIndex(of: g) { gateIndex = i } else { gateIndex = 0 }
        units = "all"
        steps = "\(t)"
        value = "0"
        field = .gate
    }

    /// The spec the fields spell.
    public var spec: String {
        let gate = gates.isEmpty ? "" : gates[min(gateIndex, gates.count - 1)].rawValue
        var s = gate
        let u = units.trimmingSpaces
        if !u.isEmpty && u != "all" { s += "[\(u)]" }
        s += "=\(value.trimmingSpaces)"
        let st = steps.trimmingSpaces
        if !st.isEmpty && st != "all" { s += "@\(st)" }
        return s
    }

    /// What a key does to the editor.
    public enum Outcome: Equatable, Sendable {
        case editing
        case cancel
        case apply(Clamp)
    }

    /// Handles one key; Enter validates through `Clamp.parse` and the sequence length.
    public mutating func handle(_ key: Key, hiddenSize: Int, kind: CellKind, steps T: Int) -> Outcome {
        switch key {
        case .escape: return .cancel
        case .tab, .down: field = Field(rawValue: (field.rawValue + 1) % 4) ?? .gate
        case .backTab, .up: field = Field(rawValue: (field.rawValue + 3) % 4) ?? .gate
        case .left, .right:
            let delta = key == .left ? -1 : 1
            switch field {
            case .gate: if !gates.isEmpty { gateIndex = (gateIndex + delta + gates.count) % gates.count }
            case .value:
                let presets = ["0", "0.5", "1"]
                let i = presets.firstIndex(of: value) ?? (delta > 0 ? -1 : presets.count)
                value = presets[(i + delta + presets.count) % presets.count]
            case .units: units = units == "all" ? "0" : "all"
            case .steps: steps = steps == "all" ? "1..\(T)" : "all"
            }
        case .backspace, .delete:
            edit { if !$0.isEmpty { $0.removeLast() } }
        case let .char(ch) where ch.isNumber || ch == "." || ch == "," || ch == "-":
            edit { text in
                if text == "all" { text = "" }
                text.append(ch)
            }
        case .char("a") where field == .units || field == .steps:
            edit { $0 = "all" }
        case .enter:
            do {
                let clamp = try Clamp.parse(spec, kind: kind, hiddenSize: hiddenSize)
                if let s = clamp.steps, s.upperBound > T {
                    error = "step \(s.upperBound) is past the last step \(T)"
                    return .editing
                }
                error = nil
                return .apply(clamp)
            } catch let e as Clamp.ParseError {
                error = e.reason
            } catch {
                self.error = "\(error)"
            }
        default: break
        }
        return .editing
    }

    private mutating func edit(_ change: (inout String) -> Void) {
        switch field {
        case .gate: break
        case .units: change(&units)
        case .steps: change(&steps)
        case .value: change(&value)
        }
        error = nil
    }
}

extension String {
    /// Without leading and trailing spaces.
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
