import Testing
import UnrollCore
@testable import UnrollLessons

@Suite struct CheckFunctionsTests {
    @Test func builtinsComputeOnNumbersAndVectors() throws {
        let r = try run(doc("## A\n"))
        let h = r.trace.hidden(at: 3)
        #expect(try evaluate("norm(hidden@3)", on: r).get() == .number(h.reduce(0) { $0 + $1 * $1 }.squareRoot()))
        #expect(try evaluate("max(hidden@3)", on: r).get() == .number(h.max() ?? .nan))
        #expect(try evaluate("min(hidden@3, -5)", on: r).get() == .number(-5))
        #expect(try evaluate("mean(1, 2, 6)", on: r).get() == .number(3))
        #expect(try evaluate("sum(probs@2)", on: r).get() == .number(r.trace.probabilities(at: 2).reduce(0, +)))
        #expect(try evaluate("abs(-2.5)", on: r).get() == .number(2.5))
        #expect(try evaluate("sqrt(16)", on: r).get() == .number(4))
        #expect(try evaluate("exp(log(3))", on: r).get() == .number(3.0000000000000004))
    }

    @Test func aRegisteredFunctionIsCallableWithoutTouchingTheParser() throws {
        var registry = CheckFunctions(CheckFunctions.builtins)
        registry.register(CheckFunction(name: "spectral_radius_bound", arity: 0...0, summary: "a test analysis") { _, context in
            // Any analysis of the scene's model: here the largest |W_hh| entry times H.
            let m = context.run.model
            var largest = 0.0
            for r in 0..<m.layout.gateRows { for c in 0..<m.hiddenSize { largest = max(largest, abs(m.weightHH(r, c))) } }
            return .number(largest * Double(m.hiddenSize))
        })
        registry.register(CheckFunction(name: "race_accuracy", arity: 2...2, summary: "cell, delay") { args, _ in
            let cell = try args.word(0)
            let delay = try args.integer(1)
            guard CellKind(rawValue: cell) != nil else { throw CheckFunctionError("unknown cell '\(cell)'", argument: 0) }
            return .number(delay < 20 ? 0.95 : 0.5)
        })
        let r = try run(doc("## A\n"))
        #expect(try evaluate("spectral_radius_bound() > 0", on: r, functions: registry).get() == .bool(true))
        #expect(try evaluate("race_accuracy(lstm, 10) >= 0.9", on: r, functions: registry).get() == .bool(true))
        // Errors thrown by a function point at the argument it names.
        let e = try #require(evaluate("race_accuracy(cnn, 10) > 0", on: r, functions: registry).failure)
        #expect(e.message == "unknown cell 'cnn'")
        #expect(e.range == 14..<17)
        let e2 = try #require(evaluate("race_accuracy(lstm, 2.5) > 0", on: r, functions: registry).failure)
        #expect(e2.message.contains("should be a whole number"))
        #expect(e2.range == 20..<23)
        // The standard table is untouched.
        #expect(CheckFunctions.standard.function(named: "spectral_radius_bound") == nil)
        #expect(registry.all.map(\.name).contains("spectral_radius_bound"))
    }

    /// The table is a value: an extended copy calls the new function, the standard table never changes.
    @Test func theStandardTableExtendsByValue() throws {
        let extended = CheckFunctions.standard.adding(CheckFunction(name: "unroll_test_constant", arity: 0...0, summary: "42") { _, _ in .number(42) })
        let r = try run(doc("## A\n"))
        #expect(try evaluate("unroll_test_constant() == 42", on: r, functions: extended).get() == .bool(true))
        #expect(CheckFunctions.standard.function(named: "unroll_test_constant") == nil)
        #expect(extended.all.count == CheckFunctions.standard.all.count + 1)
    }

    @Test func otherErrorsFromAFunctionAreReportedAtTheCall() throws {
        struct Oops: Error, CustomStringConvertible { var description: String { "oops" } }
        let registry = CheckFunctions([CheckFunction(name: "boom", arity: 0...1, summary: "") { _, _ in throw Oops() }])
        let r = try run(doc("## A\n"))
        let e = try #require(evaluate("1 + boom()", on: r, functions: registry).failure)
        #expect(e.message == "boom: oops")
        #expect(e.range == 4..<10)
        let arity = try #require(evaluate("boom(1, 2)", on: r, functions: registry).failure)
        #expect(arity.message == "boom takes 0…1 arguments, not 2")
    }
}

extension Result {
    /// The error, if any.
    var failure: Failure? {
        if case let .failure(e) = self { return e }
        return nil
    }
}
