import UnrollCore

/// A value a check read while it was evaluated, e.g. `probs@6[Doug] = 0.21`.
public struct Observation: Sendable, Equatable, CustomStringConvertible {
    /// The quantity or call as written.
    public let text: String
    public let value: CheckValue
    public var description: String { "\(text) = \(value)" }
}

/// Evaluates check expressions on a scene run.
///
/// Numbers compare with `==` within 1e-9 (relative); words compare only with `==` and `!=`, and a word
/// literal compared with a quantity must be in the model's vocabulary (so a typo is an error, not a
/// silently false check). Both sides of `and`/`or` are always evaluated, so no error hides behind them.
public struct CheckEvaluator: Sendable {
    public let run: SceneRun
    public let functions: CheckFunctions
    public let models: ModelStore?
    /// Slow analyses' results, shared with every evaluator of the same runner.
    public let analyses: AnalysisCache

    public init(run: SceneRun, functions: CheckFunctions = .standard, models: ModelStore? = nil, analyses: AnalysisCache? = nil) {
        self.run = run
        self.functions = functions
        self.models = models
        self.analyses = analyses ?? AnalysisCache()
    }

    /// The value of `formula` and the quantities it read, or an error located in the expression.
    public func evaluate(_ formula: Formula) -> Result<(value: CheckValue, observations: [Observation]), CheckError> {
        var evaluation = Evaluation(evaluator: self, formula: formula)
        do {
            let value = try evaluation.eval(formula.expression)
            return .success((value, evaluation.observations))
        } catch {
            return .failure(error)
        }
    }

    /// Runs `formula` as a claim: it must evaluate to true.
    public func check(_ formula: Formula) -> CheckOutcome {
        switch evaluate(formula) {
        case let .failure(e): return .invalid(e)
        case let .success((.bool(b), observations)): return b ? .passed(observations) : .failed(observations)
        case let .success((value, _)):
            return .invalid(CheckError("a check must be true or false (a comparison); this gives \(value.kindName): \(value)",
                                       at: formula.expression.range))
        }
    }
}

/// The result of a check.
public enum CheckOutcome: Sendable, Equatable {
    case passed([Observation])
    case failed([Observation])
    /// The check could not be evaluated (unknown word, step out of range, type mismatch, …).
    case invalid(CheckError)

    public var passed: Bool {
        if case .passed = self { return true }
        return false
    }

    /// The lint message for a failed check: `check failed: EXPR (a = 1, b = 2)`.
    public static func failureMessage(_ formula: Formula, _ observations: [Observation]) -> String {
        let seen = observations.isEmpty ? "" : " (" + observations.map(\.description).joined(separator: ", ") + ")"
        return "check failed: \(formula.text.trimmed)\(seen)"
    }
}

/// One evaluation: the tree walk and the observations it makes.
private struct Evaluation {
    let evaluator: CheckEvaluator
    let formula: Formula
    var observations: [Observation] = []

    init(evaluator: CheckEvaluator, formula: Formula) {
        self.evaluator = evaluator
        self.formula = formula
    }

    mutating func observe(_ range: Range<Int>, _ value: CheckValue) {
        let text = formula.slice(range)
        if !observations.contains(where: { $0.text == text }) { observations.append(Observation(text: text, value: value)) }
    }

    var model: RecurrentModel { evaluator.run.model }

    mutating func eval(_ e: CheckExpression) throws(CheckError) -> CheckValue {
        switch e.node {
        case let .number(v): return .number(v)
        case let .word(w): return .word(w)
        case let .quantity(q):
            let v = try quantity(q, range: e.range)
            observe(e.range, v)
            return v
        case let .call(name, arguments):
            let v = try call(name, arguments, range: e.range)
            observe(e.range, v)
            return v
        case let .negate(operand):
            let v = try eval(operand)
            guard case let .number(x) = v else { throw typeError("'-' needs a number", operand, v) }
            return .number(-x)
        case let .not(operand):
            let v = try eval(operand)
            guard case let .bool(b) = v else { throw typeError("'not' needs true or false", operand, v) }
            return .bool(!b)
        case let .binary(op, lhs, rhs):
            let a = try eval(lhs)
            let b = try eval(rhs)
            return try binary(op, lhs, a, rhs, b, range: e.range)
        }
    }

    func typeError(_ what: String, _ operand: CheckExpression, _ v: CheckValue) -> CheckError {
        var message = "\(what); '\(formula.slice(operand.range))' is \(v.kindName)"
        if case .vector = v, case .quantity = operand.node {
            message += ": index it ([u]) or use mean/max/min/norm"
        }
        return CheckError(message, at: operand.range)
    }

    mutating func binary(_ op: BinaryOperator, _ lhs: CheckExpression, _ a: CheckValue, _ rhs: CheckExpression, _ b: CheckValue,
                         range: Range<Int>) throws(CheckError) -> CheckValue {
        switch op {
        case .and, .or:
            guard case let .bool(x) = a else { throw typeError("'\(op.rawValue)' joins true/false conditions", lhs, a) }
            guard case let .bool(y) = b else { throw typeError("'\(op.rawValue)' joins true/false conditions", rhs, b) }
            return .bool(op == .and ? (x && y) : (x || y))
        case .add, .subtract, .multiply, .divide:
            guard case let .number(x) = a else { throw typeError("'\(op.rawValue)' needs numbers", lhs, a) }
            guard case let .number(y) = b else { throw typeError("'\(op.rawValue)' needs numbers", rhs, b) }
            switch op {
            case .add: return .number(x + y)
            case .subtract: return .number(x - y)
            case .multiply: return .number(x * y)
            default:
                guard y != 0 else { throw CheckError("division by zero: '\(formula.slice(rhs.range))' is 0", at: rhs.range) }
                return .number(x / y)
            }
        case .equal, .notEqual:
            let same: Bool
            switch (a, b) {
            case let (.number(x), .number(y)):
                // Non-finite values compare exactly (a relative tolerance of ∞ would match anything).
                same = x.isFinite && y.isFinite ? abs(x - y) <= 1e-9 * max(1, abs(x), abs(y)) : x == y
            case let (.word(x), .word(y)):
                try checkWordLiteral(lhs, against: rhs)
                try checkWordLiteral(rhs, against: lhs)
                same = x == y
            case let (.bool(x), .bool(y)):
                same = x == y
            default:
                if case .vector = a { throw typeError("'\(op.rawValue)' compares single values", lhs, a) }
                if case .vector = b { throw typeError("'\(op.rawValue)' compares single values", rhs, b) }
                throw CheckError("cannot compare '\(formula.slice(lhs.range))' (\(a.kindName)) with '\(formula.slice(rhs.range))' (\(b.kindName))",
                                 at: range)
            }
            return .bool(op == .equal ? same : !same)
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            guard case let .number(x) = a else { throw typeError("'\(op.rawValue)' compares numbers", lhs, a) }
            guard case let .number(y) = b else { throw typeError("'\(op.rawValue)' compares numbers", rhs, b) }
            switch op {
            case .less: return .bool(x < y)
            case .lessOrEqual: return .bool(x <= y)
            case .greater: return .bool(x > y)
            default: return .bool(x >= y)
            }
        }
    }

    /// A word literal compared with a quantity must be a vocabulary word (or `?`).
    func checkWordLiteral(_ literal: CheckExpression, against other: CheckExpression) throws(CheckError) {
        guard case let .word(w) = literal.node, w != "?" else { return }
        if case .word = other.node { return }
        guard let vocab = model.vocab, !vocab.contains(w) else { return }
        throw CheckError("'\(w)' is not in the vocabulary of \(evaluator.run.modelName) (\(vocab.joined(separator: " ")))\(Suggestion.hint(for: w, in: vocab))",
                         at: literal.range)
    }

    mutating func call(_ name: String, _ arguments: [CheckExpression], range: Range<Int>) throws(CheckError) -> CheckValue {
        let nameRange = range.lowerBound..<(range.lowerBound + name.unicodeScalars.count)
        guard let function = evaluator.functions.function(named: name) else {
            let names = evaluator.functions.all.map(\.name)
            throw CheckError("unknown function '\(name)'\(Suggestion.hint(for: name, in: names)) (functions: \(names.joined(separator: ", ")))",
                             at: nameRange)
        }
        guard function.arity.contains(arguments.count) else {
            let wanted = function.arity.lowerBound == function.arity.upperBound ? "\(function.arity.lowerBound)"
                : "\(function.arity.lowerBound)…\(function.arity.upperBound)"
            throw CheckError("\(name) takes \(wanted) argument\(function.arity == 1...1 ? "" : "s"), not \(arguments.count)", at: range)
        }
        var values: [CheckValue] = []
        for argument in arguments { values.append(try eval(argument)) }
        let context = CheckContext(run: evaluator.run, models: evaluator.models, analyses: evaluator.analyses)
        do {
            return try function.body(CheckArguments(values, function: name), context)
        } catch let error as CheckFunctionError {
            let at = error.argument.flatMap { $0 < arguments.count ? arguments[$0].range : nil } ?? range
            throw CheckError(error.message, at: at)
        } catch {
            throw CheckError("\(name): \(error)", at: range)
        }
    }

    // MARK: Quantities

    mutating func quantity(_ q: QuantityReference, range: Range<Int>) throws(CheckError) -> CheckValue {
        let spec = q.quantity.spec
        let view = evaluator.run.view(free: q.free)
        let trace = view.trace, m = view.model
        let T = trace.steps
        var t = 0
        if let stepExpression = q.step {
            let v = try eval(stepExpression)
            guard case let .number(x) = v, let whole = LessonInteger.from(x, in: CheckArguments.integerRange) else {
                throw CheckError("a step must be a whole number, not \(v)", at: stepExpression.range)
            }
            t = whole
            let low = spec.allowsZero ? 0 : 1
            guard t >= low && t <= T else {
                throw CheckError("step \(t) is outside \(low)…\(T) (this scene has \(T) step\(T == 1 ? "" : "s"))", at: stepExpression.range)
            }
        }

        func needsGradients() throws(CheckError) -> Gradients {
            guard let g = view.gradients else {
                throw CheckError("\(q.name) needs targets: give the scene 'targets' (a loss to differentiate)", at: q.nameRange)
            }
            return g
        }
        func unitVector(_ values: [Double]) throws(CheckError) -> CheckValue {
            guard let index = q.index else { return .vector(values) }
            let u = try unit(index, model: m, range: q.indexRange ?? range)
            guard u < values.count else { throw CheckError("unit \(u) is outside 0…\(values.count - 1)", at: q.indexRange ?? range) }
            return .number(values[u])
        }
        func outputVector(_ values: [Double]) throws(CheckError) -> CheckValue {
            guard let index = q.index else { return .vector(values) }
            return .number(values[try outputClass(index, model: m, range: q.indexRange ?? range)])
        }

        switch q.quantity {
        case .steps:
            return .number(Double(T))
        case .predicted:
            let k = trace.predicted(at: t)
            return m.vocabCoversOutputs ? .word(m.outputLabel(k)) : .number(Double(k))
        case .token:
            guard trace.tokens != nil else { throw CheckError("this input has no tokens", at: q.nameRange) }
            guard let k = trace.token(at: t) else { return .word("?") }
            return m.vocab != nil ? .word(m.inputLabel(k)) : .number(Double(k))
        case .target:
            guard let k = trace.target(at: t) else { return .word("?") }
            return m.vocabCoversOutputs ? .word(m.outputLabel(k)) : .number(Double(k))
        case .probs:
            return try outputVector(trace.probabilities(at: t))
        case .logits:
            return try outputVector(trace.logits(at: t))
        case .loss:
            if q.step != nil {
                guard let l = trace.loss(at: t) else {
                    throw CheckError("step \(t) has no target, so no loss (targets: '?' there)", at: q.step?.range ?? range)
                }
                return .number(l)
            }
            guard let total = trace.totalLoss else { throw CheckError("loss needs targets: give the scene 'targets'", at: q.nameRange) }
            return .number(total)
        case .accuracy:
            var correct = 0, total = 0
            for s in 1...max(1, T) where s <= T {
                guard let target = trace.target(at: s) else { continue }
                total += 1
                if trace.predicted(at: s) == target { correct += 1 }
            }
            guard total > 0 else { throw CheckError("accuracy needs targets: give the scene 'targets'", at: q.nameRange) }
            return .number(Double(correct) / Double(total))
        case .hidden:
            return try unitVector(trace.hidden(at: t))
        case .cell:
            guard let c = trace.cell(at: t) else { throw CheckError("a \(m.kind.displayName) has no cell state (only the LSTM)", at: q.nameRange) }
            return try unitVector(c)
        case .gradH:
            return try unitVector(try needsGradients().hidden(at: t))
        case .gradC:
            let g = try needsGradients()
            guard let c = g.cell(at: t) else { throw CheckError("a \(m.kind.displayName) has no cell state (only the LSTM)", at: q.nameRange) }
            return try unitVector(c)
        case .gradNorm:
            let g = try needsGradients().hidden(at: t)
            return .number(g.reduce(0) { $0 + $1 * $1 }.squareRoot())
        case .input, .forget, .candidate, .output, .reset, .update:
            guard let gate = q.quantity.gate else { throw CheckError("unknown quantity '\(q.name)'", at: q.nameRange) }
            guard let values = trace.gate(gate, at: t) else {
                let gates = m.kind.gates.map(\.rawValue)
                let has = gates.isEmpty ? "no gates" : "gates \(gates.joined(separator: ", "))"
                throw CheckError("a \(m.kind.displayName) has no \(q.name) gate (it has \(has))", at: q.nameRange)
            }
            return try unitVector(values)
        }
    }

    func unit(_ index: IndexReference, model m: RecurrentModel, range at: Range<Int>) throws(CheckError) -> Int {
        switch index {
        case let .number(u):
            guard u < m.hiddenSize else { throw CheckError("unit \(u) is outside 0…\(m.hiddenSize - 1)", at: at) }
            return u
        case let .word(label):
            guard let u = UnitReference.label(label).resolve(in: m) else {
                let labels = m.hiddenLabels.map { " (labels: \($0.joined(separator: ", ")))" } ?? " (this model has no hidden_labels: use a unit number)"
                throw CheckError("no hidden unit labelled '\(label)'\(labels)", at: at)
            }
            return u
        }
    }

    func outputClass(_ index: IndexReference, model m: RecurrentModel, range: Range<Int>) throws(CheckError) -> Int {
        switch index {
        case let .number(k):
            guard k < m.outputSize else { throw CheckError("class \(k) is outside 0…\(m.outputSize - 1)", at: range) }
            return k
        case let .word(w):
            guard m.vocabCoversOutputs, let vocab = m.vocab else {
                throw CheckError("this model's outputs have no words: use a class number 0…\(m.outputSize - 1)", at: range)
            }
            guard let k = vocab.firstIndex(of: w) else {
                throw CheckError("'\(w)' is not in the vocabulary of \(evaluator.run.modelName) (\(vocab.joined(separator: " ")))\(Suggestion.hint(for: w, in: vocab))",
                                 at: range)
            }
            return k
        }
    }
}
