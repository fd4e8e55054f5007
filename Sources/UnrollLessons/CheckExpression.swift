/// A parsed check expression: a tree of literals, quantities, calls and operators, each with its text range.
public struct CheckExpression: Sendable, Equatable {
    /// What the expression is.
    public indirect enum Node: Sendable, Equatable {
        case number(Double)
        /// A word: bare (`saw`) or quoted (`"."`).
        case word(String)
        case quantity(QuantityReference)
        /// A function from the `CheckFunctions` registry.
        case call(name: String, arguments: [CheckExpression])
        /// Unary minus.
        case negate(CheckExpression)
        case not(CheckExpression)
        case binary(BinaryOperator, CheckExpression, CheckExpression)
    }

    public let node: Node
    /// 0-based scalar offsets in the expression's text.
    public let range: Range<Int>

    public init(_ node: Node, range: Range<Int>) {
        self.node = node
        self.range = range
    }
}

/// `NAME@T[INDEX]`, optionally prefixed by `free.` (the unclamped run).
public struct QuantityReference: Sendable, Equatable {
    public let free: Bool
    public let quantity: CheckQuantity
    public var name: String { quantity.rawValue }
    public let nameRange: Range<Int>
    /// The step expression after `@`; nil without `@`.
    public let step: CheckExpression?
    public let index: IndexReference?
    /// The index's scalar offsets.
    public let indexRange: Range<Int>?
}

/// What `[…]` names: a unit or class number, or a word (a vocabulary word or a hidden label).
public enum IndexReference: Sendable, Equatable, CustomStringConvertible {
    case number(Int)
    case word(String)

    public var description: String {
        switch self {
        case let .number(k): return String(k)
        case let .word(w): return w
        }
    }
}

/// The binary operators, loosest first: `or`, `and`, comparisons, `+ -`, `* /`.
public enum BinaryOperator: String, Sendable, Equatable {
    case or, and
    case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", equal = "==", notEqual = "!="
    case add = "+", subtract = "-", multiply = "*", divide = "/"

    var isComparison: Bool {
        switch self {
        case .less, .lessOrEqual, .greater, .greaterOrEqual, .equal, .notEqual: return true
        default: return false
        }
    }
}
