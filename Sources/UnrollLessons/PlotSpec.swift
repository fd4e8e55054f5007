/// A free YAML value handed to the app: the parameters of a plot.
public indirect enum PlotValue: Sendable, Equatable {
    case text(String)
    case number(Double)
    case bool(Bool)
    case null
    case list([PlotValue])
    case mapping([String: PlotValue])

    /// The value as a number, when it is one.
    public var number: Double? {
        if case let .number(v) = self { return v }
        return nil
    }

    /// The value as a text, when it is one.
    public var text: String? {
        if case let .text(s) = self { return s }
        return nil
    }

    /// The value as a list of numbers, when it is one.
    public var numbers: [Double]? {
        guard case let .list(items) = self else { return nil }
        let values = items.compactMap(\.number)
        return values.count == items.count ? values : nil
    }

    /// A located YAML value as a plot value: unquoted numbers, `true`/`false` and null are typed.
    init(_ node: YAMLNode) {
        switch node {
        case let .scalar(s):
            if s.isNull { self = .null }
            else if s.style == .plain, let v = s.number { self = .number(v) }
            else if let b = s.bool { self = .bool(b) }
            else { self = .text(s.text) }
        case let .sequence(items, _):
            self = .list(items.map(PlotValue.init))
        case let .mapping(entries, _):
            var m: [String: PlotValue] = [:]
            for e in entries { m[e.key] = PlotValue(e.value) }
            self = .mapping(m)
        }
    }
}

/// A scene's plot: its kind (`squash`, `power`, `distance`, `loss`, `race`, …) and free parameters the app interprets.
public struct PlotSpec: Sendable, Equatable {
    public var kind: Located<String>
    public var parameters: [String: PlotValue]

    public init(kind: Located<String>, parameters: [String: PlotValue] = [:]) {
        self.kind = kind
        self.parameters = parameters
    }

    /// The typed kind, when `kind` names a standard one.
    public var plotKind: PlotKind? { PlotKind(name: kind.value) }

    /// The plot kinds lint knows by default (every `PlotKind`); `Linter.Options.plotKinds` can add more.
    public static let standardKinds: Set<String> = Set(PlotKind.allCases.map(\.rawValue))
}
