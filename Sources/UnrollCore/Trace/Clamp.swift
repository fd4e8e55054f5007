/// A gate held at a constant: `GATE[UNITS]=VALUE@STEPS`, as in the trace format.
///
/// A clamped value replaces the gate's activation before it is used; being a constant, it passes
/// no gradient back into the gate's weights or the earlier state through the clamped units and steps.
public struct Clamp: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var gate: Gate
    /// 0-based unit indices; nil for every unit.
    public var units: [Int]?
    /// 1-based inclusive step range; nil for every step.
    public var steps: ClosedRange<Int>?
    public var value: Double

    public init(gate: Gate, units: [Int]? = nil, steps: ClosedRange<Int>? = nil, value: Double) {
        self.gate = gate
        self.units = units
        self.steps = steps
        self.value = value
    }

    /// Whether the clamp holds at 1-based step `t`.
    public func applies(atStep t: Int) -> Bool { steps.map { $0.contains(t) } ?? true }

    /// Whether the clamp holds for unit `u`.
    public func applies(toUnit u: Int) -> Bool { units.map { $0.contains(u) } ?? true }

    /// The spec form, e.g. `forget[1,4]=0@3..5`.
    public var description: String {
        var s = gate.rawValue
        if let units { s += "[" + units.map(String.init).joined(separator: ",") + "]" }
        s += "=" + formatNumber(value)
        if let steps { s += "@" + (steps.lowerBound == steps.upperBound ? "\(steps.lowerBound)" : "\(steps.lowerBound)..\(steps.upperBound)") }
        return s
    }

    /// Why a clamp spec was refused.
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public let spec: String
        public let reason: String
        public var description: String { "malformed clamp '\(spec)': \(reason)" }
    }

    /// Parses `GATE=VALUE`, `GATE[UNITS]=VALUE`, `GATE=VALUE@STEPS` or `GATE[UNITS]=VALUE@STEPS`
    /// (UNITS a comma list of 0-based indices, STEPS `t` or `a..b`, 1-based) for a cell of `kind`.
    public static func parse(_ spec: String, kind: CellKind, hiddenSize: Int) throws -> Clamp {
        try parse(spec, cell: kind.standardCell, hiddenSize: hiddenSize)
    }

    /// Parses a clamp spec for `cell` (see `parse(_:kind:hiddenSize:)`).
    public static func parse(_ spec: String, cell: any RecurrentCell, hiddenSize: Int) throws -> Clamp {
        let kind = cell.kind
        func fail(_ reason: String) -> ParseError { ParseError(spec: spec, reason: reason) }
        let trimmed = spec.filter { !$0.isWhitespace }
        guard let eq = trimmed.firstIndex(of: "=") else { throw fail("expected GATE[UNITS]=VALUE@STEPS") }
        var lhs = String(trimmed[..<eq])
        var rhs = String(trimmed[trimmed.index(after: eq)...])
        var units: [Int]? = nil
        if let open = lhs.firstIndex(of: "[") {
            guard lhs.last == "]" else { throw fail("expected ']' after the unit list") }
            let inner = lhs[lhs.index(after: open)..<lhs.index(before: lhs.endIndex)]
            var list: [Int] = []
            for part in inner.split(separator: ",", omittingEmptySubsequences: false) {
                guard let u = Int(part) else { throw fail("unit '\(part)' is not a whole number") }
                guard u >= 0 && u < hiddenSize else { throw fail("unit \(u) is outside 0..\(hiddenSize - 1)") }
                list.append(u)
            }
            guard !list.isEmpty else { throw fail("empty unit list") }
            units = list
            lhs = String(lhs[..<open])
        }
        let gateNames = cell.gateList.map(\.rawValue)
        guard let gate = Gate(rawValue: lhs), cell.block(of: gate) != nil else {
            if gateNames.isEmpty { throw fail("a \(kind.rawValue) has no gates to clamp") }
            throw fail("unknown gate '\(lhs)' (a \(kind.rawValue) has \(gateNames.joined(separator: ", ")))")
        }
        var steps: ClosedRange<Int>? = nil
        if let at = rhs.firstIndex(of: "@") {
            let stepText = String(rhs[rhs.index(after: at)...])
            rhs = String(rhs[..<at])
            if let dots = stepText.firstRange(of: "..") {
                guard let a = Int(stepText[..<dots.lowerBound]), let b = Int(stepText[dots.upperBound...]) else {
                    throw fail("steps '\(stepText)' should be t or a..b")
                }
                guard a >= 1, b >= a else { throw fail("steps '\(stepText)' should be 1-based with a ≤ b") }
                steps = a...b
            } else {
                guard let t = Int(stepText) else { throw fail("steps '\(stepText)' should be t or a..b") }
                guard t >= 1 else { throw fail("steps are numbered from 1") }
                steps = t...t
            }
        }
        guard let value = decimal(rhs) else { throw fail("value '\(rhs)' is not a decimal number") }
        let range = valueRange(of: gate)
        guard range.contains(value) else {
            throw fail("\(gate.rawValue) is a \(gate.isTanh ? "tanh" : "σ") output: the value must be in \(formatNumber(range.lowerBound))…\(formatNumber(range.upperBound)), got \(rhs)")
        }
        return Clamp(gate: gate, units: units, steps: steps, value: value)
    }

    /// The values a gate's activation can take: [−1, 1] for the tanh candidate, [0, 1] for σ gates.
    public static func valueRange(of gate: Gate) -> ClosedRange<Double> {
        gate.isTanh ? -1...1 : 0...1
    }

    /// A plain decimal (`-0.5`, `1`, `.25`, `1e-3`), nil for anything else: no hex (`0x1`),
    /// `inf`, `nan`, or spelling `Double(_:)` would otherwise accept.
    static func decimal(_ text: String) -> Double? {
        var scalars = Substring(text).unicodeScalars[...]
        if let sign = scalars.first, sign == "-" || sign == "+" { scalars = scalars.dropFirst() }
        let digits = scalars.prefix { ("0"..."9").contains($0) }
        scalars = scalars.dropFirst(digits.count)
        var fraction = 0
        if scalars.first == "." {
            scalars = scalars.dropFirst()
            fraction = scalars.prefix { ("0"..."9").contains($0) }.count
            scalars = scalars.dropFirst(fraction)
        }
        guard digits.count + fraction > 0 else { return nil }
        if let e = scalars.first, e == "e" || e == "E" {
            scalars = scalars.dropFirst()
            if let sign = scalars.first, sign == "-" || sign == "+" { scalars = scalars.dropFirst() }
            let exponent = scalars.prefix { ("0"..."9").contains($0) }.count
            guard exponent > 0 else { return nil }
            scalars = scalars.dropFirst(exponent)
        }
        guard scalars.isEmpty, text.count <= 64, let value = Double(text), value.isFinite else { return nil }
        return value
    }
}

/// Formats a number briefly for specs and labels: integers without a decimal point.
public func formatNumber(_ v: Double) -> String {
    if v == v.rounded(), abs(v) < 1e15 { return String(Int(v)) }
    return String(v)
}
