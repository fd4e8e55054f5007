/// A value together with where the author wrote it, so later errors about it can point there.
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var location: SourcePosition

    public init(_ value: Value, at location: SourcePosition) {
        self.value = value
        self.location = location
    }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}
