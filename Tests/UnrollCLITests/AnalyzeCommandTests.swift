import Foundation
import Testing
import UnrollCore

@Suite(.serialized) struct AnalyzeCommandTests {
    func json(_ args: [String]) throws -> JSONValue {
        let r = try CLI.run(args)
        #expect(r.status == 0, "\(args): \(r.stderr)")
        return try JSONValue.parse(Data(r.stdout.utf8))
    }

    func numbers(_ v: JSONValue?) -> [Double] {
        guard case let .array(items)? = v else { return [] }
        return items.compactMap { if case let .number(d) = $0 { return d } else { return nil } }
    }

    @Test func vanishingPrintsTheCompositionSeries() throws {
        let j = try json(["analyze", "vanishing", "--function", "sigmoid", "--n", "10", "--from", "-6", "--to", "6", "--samples", "13", "--json"])
        #expect(numbers(j["x"]).count == 13 && numbers(j["x"]).first == -6)
        guard case let .array(values)? = j["values"], case let .array(derivs)? = j["derivatives"] else {
            Issue.record("missing series"); return
        }
        #expect(values.count == 10 && derivs.count == 10)
        #expect(numbers(values[9]).allSatisfy { abs($0 - 0.659) < 0.01 })
        #expect(numbers(j["max_slope"]).last ?? 1 < 1e-6)
        let table = try CLI.run(["analyze", "vanishing", "--function", "tanh", "--n", "3"])
        #expect(table.status == 0 && table.stdout.contains("max slope"))
    }

    @Test func powerReportsTheSpectrumAndTheNorms() throws {
        let j = try json(["analyze", "power", "--cell", "rnn", "--hidden", "8", "--init", "orthogonal", "--radius", "0.7",
                          "--steps", "10", "--json"])
        guard case let .array(ev)? = j["eigenvalues"] else { Issue.record("no eigenvalues"); return }
        #expect(ev.count == 8)
        #expect(abs((numbers(j["spectral_radius"].map { .array([$0]) }).first ?? 0) - 0.7) < 1e-12)
        let norms = numbers(j["norms"])
        #expect(norms.count == 11 && abs(norms[10] - pow(0.7, 10)) < 1e-9)
        let scaled = try json(["analyze", "power", "--cell", "gru", "--hidden", "4", "--gate", "update", "--scale", "-2", "--json"])
        #expect(scaled["matrix"] == .string("W_hz"))
    }

    /// `analyze power --model book-rnn --scale s` reports s times the radius at scale 1 with
    /// `converged: true`, its eigenvalues as numbers and finite ln ‖h_t‖: before, 1e160 printed radius 0
    /// and null eigenvalues, and 1e-170 a radius 62 % off that it called converged.
    @Test(arguments: [1e160, 1e-170, -1e100, 1e300])
    func powerIsRightAtEveryScale(_ s: Double) throws {
        let one = try json(["analyze", "power", "--model", "book-rnn", "--steps", "5", "--json"])
        let j = try json(["analyze", "power", "--model", "book-rnn", "--scale", "\(s)", "--steps", "5", "--json"])
        let rho1 = numbers(one["spectral_radius"].map { .array([$0]) }).first ?? 0
        let rho = numbers(j["spectral_radius"].map { .array([$0]) }).first ?? 0
        #expect(rho1 > 0 && abs(rho - abs(s) * rho1) <= 1e-12 * abs(s) * rho1, "ρ = \(rho) at \(s), \(rho1) at 1")
        #expect(j["converged"] == .bool(true))
        guard case let .array(ev)? = j["eigenvalues"], case let .array(ev1)? = one["eigenvalues"] else {
            Issue.record("no eigenvalues"); return
        }
        #expect(ev.count == ev1.count)
        for (l, l1) in zip(ev, ev1) {
            let m = numbers(l["abs"].map { .array([$0]) }), m1 = numbers(l1["abs"].map { .array([$0]) })
            #expect(m.count == 1 && m1.count == 1 && abs((m.first ?? 0) - abs(s) * (m1.first ?? 0)) <= 1e-12 * abs(s) * rho1)
        }
        let logs = numbers(j["log_norms"]), logs1 = numbers(one["log_norms"])
        #expect(logs.count == 6 && logs1.count == 6)
        for t in 0..<min(logs.count, logs1.count) {
            let expected = logs1[t] + Double(t) * log(abs(s))
            #expect(abs(logs[t] - expected) <= 1e-12 * max(1, abs(expected)), "t=\(t)")
        }
    }

    @Test func distanceReportsBothSeries() throws {
        let j = try json(["analyze", "distance", "--cell", "rnn", "--hidden", "16", "--radius", "0.7", "--length", "30", "--json"])
        let loss = numbers(j["loss_gradient"]), jac = numbers(j["jacobian"])
        #expect(loss.count == 31 && jac.count == 31)
        #expect(loss[20] / loss[1] < 1e-3, "lesson 10's check")
        #expect(abs(jac[0] - 4) < 1e-12, "√H at distance 0")
        let lstm = try json(["analyze", "distance", "--model", "book-lstm", "--input", "Doug saw Jane . Jane saw", "--target", "Spot", "--json"])
        #expect(lstm["state"] == .string("h,c") && numbers(lstm["loss_gradient_c"]).count == 7)
        let compare = try json(["analyze", "distance", "--compare", "--hidden", "4", "--length", "10", "--json"])
        guard case let .array(curves)? = compare["curves"] else { Issue.record("no curves"); return }
        #expect(curves.count == 11)
        let table = try CLI.run(["analyze", "distance", "--cell", "gru", "--hidden", "4", "--length", "5"])
        #expect(table.status == 0 && table.stdout.contains("‖∂h_T/∂s_t‖_F"))
    }

    @Test func raceRunsSmallAndReportsAccuracyPerCell() throws {
        let r = try CLI.run(["analyze", "race", "--delays", "2,3", "--steps", "10", "--hidden", "4", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try JSONValue.parse(Data(r.stdout.utf8))
        #expect(numbers(j["delays"]) == [2, 3])
        for cell in ["rnn", "lstm", "gru"] { #expect(numbers(j["accuracy"]?[cell]).count == 2) }
        #expect(r.stderr.contains("gru N=3"), "progress on standard error")
        let quiet = try CLI.run(["analyze", "race", "--delays", "1", "--cells", "gru", "--steps", "5", "--hidden", "2", "--quiet"])
        #expect(quiet.status == 0 && quiet.stderr.isEmpty && quiet.stdout.contains("GRU"))
    }

    @Test func badOptionsExit64AndMissingModels66() throws {
        let bad: [[String]] = [
            ["analyze", "vanishing", "--n", "0"], ["analyze", "vanishing", "--function", "softmax"],
            ["analyze", "vanishing", "--from", "2", "--to", "1"], ["analyze", "power", "--gate", "door"],
            ["analyze", "power", "--init", "zeros"], ["analyze", "power", "--hidden", "0"],
            ["analyze", "power", "--cell", "lstm", "--gate", "reset"],
            ["analyze", "distance", "--compare", "--model", "book-lstm"],
            ["analyze", "distance", "--model", "book-lstm", "--input", "Doug xyzzy"],
            ["analyze", "distance", "--model", "book-lstm", "--function", "sigmoid", "--input", "Doug"],
            ["analyze", "race", "--delays", "2,x"], ["analyze", "race", "--cells", "rnn,transformer"],
            ["analyze", "race", "--function", "sigmoid"], ["analyze", "race", "--steps", "0"],
        ]
        for args in bad {
            let r = try CLI.run(args)
            #expect(r.status == 64, "\(args) exited \(r.status)")
            #expect(!r.stderr.isEmpty)
        }
        #expect(try CLI.run(["analyze", "distance", "--model", "no-such-model"]).status == 66)
        for sub in ["vanishing", "power", "distance", "race"] {
            let r = try CLI.run(["analyze", sub, "--help"])
            #expect(r.status == 0 && r.stdout.contains("USAGE"), "\(sub) --help")
        }
    }
}
