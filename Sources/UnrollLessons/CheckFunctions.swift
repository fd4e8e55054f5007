import Foundation
import Synchronization

/// Why a function refused its arguments; `argument` (0-based) points the error at one of them.
public struct CheckFunctionError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public let argument: Int?

    public init(_ message: String, argument: Int? = nil) {
        self.message = message
        self.argument = argument
    }

    public var description: String { message }
}

/// The evaluated arguments of a call, with typed accessors whose errors point at the argument.
public struct CheckArguments: Sendable {
    public let values: [CheckValue]
    public let function: String

    public init(_ values: [CheckValue], function: String) {
        self.values = values
        self.function = function
    }

    public var count: Int { values.count }
    public subscript(_ i: Int) -> CheckValue { values[i] }

    /// Argument `i` as a number.
    public func number(_ i: Int) throws(CheckFunctionError) -> Double {
        guard i < values.count else { throw CheckFunctionError("\(function) needs argument \(i + 1)") }
        guard case let .number(v) = values[i] else {
            throw CheckFunctionError("argument \(i + 1) of \(function) should be a number, not \(values[i].kindName)", argument: i)
        }
        return v
    }

    /// The whole numbers a function argument may be (each function narrows it further).
    public static let integerRange = -999_999_999...999_999_999

    /// Argument `i` as a whole number.
    public func integer(_ i: Int) throws(CheckFunctionError) -> Int {
        let v = try number(i)
        guard let n = LessonInteger.from(v, in: Self.integerRange) else {
            throw CheckFunctionError("argument \(i + 1) of \(function) should be a whole number, not \(formatCheckNumber(v))", argument: i)
        }
        return n
    }

    /// Argument `i` as a word (bare words such as `lstm` or `sigmoid` are not checked against the vocabulary).
    public func word(_ i: Int) throws(CheckFunctionError) -> String {
        guard i < values.count else { throw CheckFunctionError("\(function) needs argument \(i + 1)") }
        guard case let .word(w) = values[i] else {
            throw CheckFunctionError("argument \(i + 1) of \(function) should be a word, not \(values[i].kindName)", argument: i)
        }
        return w
    }

    /// Every argument's numbers, vectors flattened (for max, min, mean, …).
    public func numbers() throws(CheckFunctionError) -> [Double] {
        var out: [Double] = []
        for (i, v) in values.enumerated() {
            switch v {
            case let .number(x): out.append(x)
            case let .vector(xs): out += xs
            default: throw CheckFunctionError("argument \(i + 1) of \(function) should be a number or a vector, not \(v.kindName)", argument: i)
            }
        }
        guard !out.isEmpty else { throw CheckFunctionError("\(function) needs at least one number") }
        return out
    }
}

/// What a function sees besides its arguments: the scene's runs, the lesson's models and the
/// results of slow analyses already computed (the runner's, so lint and the tutor share them).
public struct CheckContext: Sendable {
    public let run: SceneRun
    /// The lesson folder's models, to load another shipped model by name.
    public let models: ModelStore?
    public let analyses: AnalysisCache

    public init(run: SceneRun, models: ModelStore? = nil, analyses: AnalysisCache = AnalysisCache()) {
        self.run = run
        self.models = models
        self.analyses = analyses
    }
}

/// A named function of the check language.
public struct CheckFunction: Sendable {
    public typealias Body = @Sendable (CheckArguments, CheckContext) throws -> CheckValue
    public let name: String
    /// How many arguments it takes.
    public let arity: ClosedRange<Int>
    /// One line for the author's guide, e.g. `spectral_radius(): ρ(W_hh) of the scene's model`.
    public let summary: String
    public let body: Body

    public init(name: String, arity: ClosedRange<Int>, summary: String, body: @escaping Body) {
        self.name = name
        self.arity = arity
        self.summary = summary
        self.body = body
    }
}

/// A table of check functions: a value, built once from declarations, so the compiler links every
/// function lessons may call and no code changes the table behind another's back. Analyses add a
/// function by declaring it (name, arity, help, body) and listing it in `standard`'s source:
///
/// ```swift
/// let functions = CheckFunctions.standard.adding(
///     CheckFunction(name: "spectral_radius", arity: 0...0, summary: "ρ(W_hh)") { args, context in
///         .number(context.run.model.recurrentSpectralRadius())
///     })
/// ```
/// A function receives evaluated arguments (numbers, words, vectors) and the scene's runs; it throws
/// `CheckFunctionError` to refuse, and lint reports that at the call (or the argument) in the lesson.
public struct CheckFunctions: Sendable {
    private var table: [String: CheckFunction]

    /// A table holding `functions` (a later one of the same name replaces an earlier one).
    public init(_ functions: [CheckFunction] = []) {
        var t: [String: CheckFunction] = [:]
        for f in functions { t[f.name] = f }
        table = t
    }

    /// The table lessons use: the built-ins, the analyses and the shape functions.
    public static let standard = CheckFunctions(CheckFunctions.builtins + AnalysisFunctions.all + ShapeFunctions.all + SeriesFunctions.all)

    /// Adds (or replaces) a function in this table.
    public mutating func register(_ function: CheckFunction) {
        table[function.name] = function
    }

    /// This table with `function` added (or replacing the one of its name).
    public func adding(_ function: CheckFunction) -> CheckFunctions {
        var copy = self
        copy.register(function)
        return copy
    }

    /// The function named `name`.
    public func function(named name: String) -> CheckFunction? { table[name] }

    /// Every function, sorted by name.
    public var all: [CheckFunction] { table.values.sorted { $0.name < $1.name } }

    /// abs, max, min, mean, sum, norm, sqrt, log, exp.
    public static let builtins: [CheckFunction] = [
        CheckFunction(name: "abs", arity: 1...1, summary: "abs(x): |x|") { a, _ in .number(abs(try a.number(0))) },
        CheckFunction(name: "max", arity: 1...64, summary: "max(a, b, …): the largest number (vectors count all their values)") { a, _ in
            .number(try a.numbers().max() ?? 0)
        },
        CheckFunction(name: "min", arity: 1...64, summary: "min(a, b, …): the smallest number (vectors count all their values)") { a, _ in
            .number(try a.numbers().min() ?? 0)
        },
        CheckFunction(name: "mean", arity: 1...64, summary: "mean(v): the mean of the values, e.g. mean(forget@3)") { a, _ in
            let xs = try a.numbers()
            return .number(xs.reduce(0, +) / Double(xs.count))
        },
        CheckFunction(name: "sum", arity: 1...64, summary: "sum(v): the sum of the values") { a, _ in .number(try a.numbers().reduce(0, +)) },
        CheckFunction(name: "norm", arity: 1...64, summary: "norm(v): the Euclidean norm, e.g. norm(hidden@3)") { a, _ in
            .number(try a.numbers().reduce(0) { $0 + $1 * $1 }.squareRoot())
        },
        CheckFunction(name: "sqrt", arity: 1...1, summary: "sqrt(x)") { a, _ in
            let x = try a.number(0)
            guard x >= 0 else { throw CheckFunctionError("sqrt of a negative number (\(formatCheckNumber(x)))", argument: 0) }
            return .number(x.squareRoot())
        },
        CheckFunction(name: "log", arity: 1...1, summary: "log(x): the natural logarithm") { a, _ in
            let x = try a.number(0)
            guard x > 0 else { throw CheckFunctionError("log of a number ≤ 0 (\(formatCheckNumber(x)))", argument: 0) }
            return .number(Foundation.log(x))
        },
        CheckFunction(name: "exp", arity: 1...1, summary: "exp(x)") { a, _ in .number(Foundation.exp(try a.number(0))) },
    ]
}
