import Testing
import UnrollCore
@testable import UnrollLessons

/// The analysis functions against the core computed directly, and their refusals.
@Suite struct AnalysisFunctionsTests {
    func value(_ expression: String) throws -> CheckValue {
        try evaluate(expression, on: try run(CheckEvaluatorTests.withTargets)).get()
    }

    func number(_ expression: String) throws -> Double {
        guard case let .number(x) = try value(expression) else { Issue.record("\(expression) is not a number"); return .nan }
        return x
    }

    @Test func squashingFlattensAndBounds() throws {
        #expect(abs(try number("squash(sigmoid, 2, 0)") - sigmoid(0.5)) < 1e-15)
        #expect(try number("sigmoid(0)") == 0.5 && abs(try number("tanh(1)") - 0.7615941559557649) < 1e-15)
        #expect(try number("squash_slope(sigmoid, 1)") == 0.25)
        let deep = try number("squash_slope(sigmoid, 10)"), shallow = try number("squash_slope(sigmoid, 1)")
        #expect(deep < 1e-3 * shallow)
        #expect(try number("toy_loop(none, 2, 100)") > 1e20)
        #expect(try number("toy_loop(tanh, 2, 100)") <= 1)
        #expect(try value("toy_loop(none, 2, 100) > 1e20 and toy_loop(tanh, 2, 100) <= 1") == .bool(true))
        // An infinite value equals nothing finite (a relative tolerance must not swallow ∞).
        #expect(try number("toy_loop(none, 2, 1100)") == .infinity)
        #expect(try value("toy_loop(none, 2, 1100) == 0") == .bool(false))
    }

    @Test func spectralRadiusAndGradientRatios() throws {
        let r = try run(CheckEvaluatorTests.withTargets)
        #expect(try number("spectral_radius()") == r.model.recurrentSpectralRadius())
        let ratio = try number("grad_ratio(3)")
        let g = GradientDistance(model: r.model, input: r.input, target: r.targets?.last.flatMap { $0 })
        #expect(ratio == g.relativeLossGradient(distance: 3))
        #expect(try number("radius_grad_ratio(0.7, 20)") < 1e-3)
        let exploding = try number("radius_grad_ratio(1.5, 5)"), vanishing = try number("radius_grad_ratio(0.7, 5)")
        #expect(exploding > vanishing)
    }

    @Test func eigenvaluesNonNormalityAndPowerNormsReadTheScenesMatrix() throws {
        let r = try run(CheckEvaluatorTests.withTargets)
        let w = r.model.recurrentBlock(), H = r.model.hiddenSize
        #expect(try number("eigenvalue_abs(1)") == r.model.recurrentSpectralRadius())
        let sizes = try (1...H).map { try number("eigenvalue_abs(\($0))") }
        #expect(sizes == sizes.sorted(by: >), "largest first")
        #expect(try number("nonnormality()") == nonNormality(of: w, size: H))
        let series = PowerSeries(matrix: w, size: H, scale: 0.5, initial: randomUnitVector(size: H, seed: 0), steps: 12)
        #expect(try number("power_norm(0.5, 12)") == series.norms[12] && series.norms[12] != series.norms[11])
        #expect(abs(try number("power_norm(0.5, 0)") - 1) < 1e-12, "h₀ is a unit vector")
        for bad in ["eigenvalue_abs(0)", "eigenvalue_abs(\(H + 1))", "power_norm(10, 3)", "power_norm(1, 501)", "power_norm(1, -1)"] {
            if case .success = evaluate(bad, on: r) { Issue.record("\(bad) was accepted") }
        }
    }

    @Test func analyticGradientMatchesFiniteDifferences() throws {
        let analytic = try number("grad(weight_hh_l0, 0, 1)")
        let numeric = try number("fd_grad(weight_hh_l0, 0, 1)")
        #expect(analytic != 0 && abs(analytic - numeric) < 1e-6)
        #expect(try number("clip_after(0.001)") <= 0.001 + 1e-12)
        #expect(try number("grad_total_norm()") > 0.001)
        let shares = try (1...6).map { try number("step_share(weight_hh_l0, \($0))") }
        #expect(abs(shares.reduce(0, +) - 1) < 1e-9)
    }

    @Test func oneStepEqualsTheUnrolledRunAndGreedyWrites() throws {
        #expect(try number("one_step_gap(4)") < 1e-12)
        guard case let .word(w) = try value("greedy(1)") else { Issue.record("greedy gave no word"); return }
        #expect(["Doug", "Jane", "Spot", "saw", "."].contains(w))
        #expect(try value("greedy(1) == predicted@6") == .bool(true))
    }

    @Test func badArgumentsAreLocatedErrors() throws {
        for bad in ["squash(softmax, 2, 0)", "grad(weights, 0, 0)", "grad(weight_hh_l0, 99, 0)", "race_accuracy(transformer, 5)",
                    "step_share(weight_hh_l0, 40)", "squash_slope(tanh, 0)",
                    "race_accuracy(gru, 5, 0, 1)", "race_accuracy(lstm, 5, 0, 50)", "race_accuracy(lstm, 5, 0, 1, 2)"] {
            switch evaluate(bad, on: try run(CheckEvaluatorTests.withTargets)) {
            case .success: Issue.record("\(bad) was accepted")
            case .failure: break
            }
        }
    }
}
