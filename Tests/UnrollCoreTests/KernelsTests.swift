import Foundation
import Testing
@testable import UnrollCore

/// Every kernel level this CPU runs (plain, AVX2 + FMA, AVX-512) against plain Swift loops.
@Suite struct KernelsTests {
    /// Rows × columns that cross every tile and vector boundary (1, 3, 4, 5, 8, 9, 16, 17, 33 …).
    static let sizes = [1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33]

    static func values(_ n: Int, _ rng: inout SeededRandom) -> [Double] { (0..<n).map { _ in rng.uniform(-2, 2) } }

    /// |a − b| ≤ 1e-13 (1 + |b|) for every element.
    static func close(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-13 * (1 + abs($1)) }
    }

    @Test func thePlainLevelIsAlwaysThereAndTheActiveOneIsSupported() {
        let names = Kernels.supportedLevels.map(\.name)
        #expect(names.first == "plain")
        #expect(names.contains(Kernels.levelName), "active \(Kernels.levelName), supported \(names)")
    }

    @Test func matrixProductsMatchPlainLoopsAtEveryLevel() {
        var rng = SeededRandom(seed: 11)
        for level in Kernels.supportedLevels {
            let t = level.table
            for rows in Self.sizes {
                for cols in Self.sizes {
                    let w = Self.values(rows * cols, &rng), x = Self.values(cols, &rng), d = Self.values(rows, &rng)
                    var y = Self.values(rows, &rng), z = Self.values(cols, &rng), g = Self.values(rows * cols, &rng)
                    var yRef = y, zRef = z, gRef = g
                    for r in 0..<rows {
                        for j in 0..<cols {
                            yRef[r] += w[r * cols + j] * x[j]
                            zRef[j] += w[r * cols + j] * d[r]
                            gRef[r * cols + j] += d[r] * x[j]
                        }
                    }
                    t.matvec_add?(w, x, &y, rows, cols)
                    t.mattvec_add?(w, d, &z, rows, cols)
                    t.outer_add?(d, x, &g, rows, cols)
                    #expect(Self.close(y, yRef), "\(level.name) matvec \(rows)×\(cols)")
                    #expect(Self.close(z, zRef), "\(level.name) transposed \(rows)×\(cols)")
                    #expect(Self.close(g, gRef), "\(level.name) outer \(rows)×\(cols)")
                }
            }
        }
    }

    @Test func blockedOuterProductsMatchOneAtATimeAtEveryLevel() {
        var rng = SeededRandom(seed: 12)
        for level in Kernels.supportedLevels {
            for rows in Self.sizes {
                for cols in Self.sizes {
                    for count in [1, 3, 32] {
                        // D rows are `rows + 2` apart and X rows `cols + 1` apart, as strides allow.
                        let ldd = rows + 2, ldx = cols + 1
                        let d = Self.values(count * ldd, &rng), x = Self.values(count * ldx, &rng)
                        var g = Self.values(rows * cols, &rng)
                        var gRef = g
                        for k in 0..<count {
                            for r in 0..<rows { for j in 0..<cols { gRef[r * cols + j] += d[k * ldd + r] * x[k * ldx + j] } }
                        }
                        level.table.outer_block_add?(d, ldd, x, ldx, &g, rows, cols, count)
                        #expect(Self.close(g, gRef), "\(level.name) block \(rows)×\(cols)×\(count)")
                    }
                }
            }
        }
    }

    @Test func matrixMatrixProductsMatchPlainLoopsAtEveryLevel() {
        var rng = SeededRandom(seed: 14)
        for level in Kernels.supportedLevels {
            for rows in Self.sizes {
                for inner in [1, 3, 16, 33] {
                    for cols in Self.sizes + [64] {
                        let a = Self.values(rows * inner, &rng), m = Self.values(inner * cols, &rng)
                        var out = Self.values(rows * cols, &rng)
                        var ref = out
                        for i in 0..<rows {
                            for j in 0..<cols {
                                var sum = 0.0
                                for k in 0..<inner { sum += a[i * inner + k] * m[k * cols + j] }
                                ref[i * cols + j] += sum
                            }
                        }
                        level.table.gemm_add?(a, m, &out, rows, inner, cols)
                        #expect(Self.close(out, ref), "\(level.name) gemm \(rows)×\(inner)×\(cols)")
                    }
                }
            }
        }
    }

    /// Arguments over the whole line: uniform, log-uniform near zero, the branch points, the ends.
    static func activationArguments() -> [Double] {
        var rng = SeededRandom(seed: 13)
        var xs: [Double] = [0, -0.0, 0.3, -0.3, 0.3.nextDown, -(0.3.nextDown), 20, -20, 40, -40, 700, -700, 709.9, 745, -745,
                            -746, 1e-300, -1e-300, 5e-324, -5e-324, .infinity, -.infinity, .greatestFiniteMagnitude]
        for _ in 0..<20_000 { xs.append(rng.uniform(-50, 50)) }
        for _ in 0..<5_000 { xs.append((rng.unit() < 0.5 ? -1 : 1) * Foundation.pow(10, rng.uniform(-300, 0))) }
        return xs
    }

    @Test func vectorisedActivationsAgreeWithTheScalarOnesToAFewUlp() {
        let xs = Self.activationArguments()
        for level in Kernels.supportedLevels {
            // Every length up to 9 (the tails), then the whole sweep.
            for n in Array(1...9) + [xs.count] {
                let input = Array(xs.prefix(n))
                var s = [Double](repeating: 0, count: n), t = [Double](repeating: 0, count: n)
                level.table.sigmoid?(input, &s, n)
                level.table.tanh?(input, &t, n)
                for (k, x) in input.enumerated() {
                    let sRef = sigmoid(x), tRef = tanhD(x)
                    // σ goes gradually through the subnormals: there, compare absolutely.
                    let sOK = ActivationsTests.ulps(s[k], sRef) <= 4 || abs(s[k] - sRef) < 1e-300
                    #expect(sOK, "\(level.name) σ(\(x)) = \(s[k]), scalar \(sRef)")
                    #expect(ActivationsTests.ulps(t[k], tRef) <= 4, "\(level.name) tanh(\(x)) = \(t[k]), scalar \(tRef)")
                }
            }
            var out = [0.0, 0.0, 0.0, 0.0]
            level.table.tanh?([-0.0, 0.0, .nan, -5e-324], &out, 4)
            #expect(out[0] == 0 && out[0].sign == .minus && out[1].sign == .plus && out[2].isNaN && out[3] == -5e-324, "\(level.name) \(out)")
            level.table.sigmoid?([.nan, -.infinity, .infinity, 0], &out, 4)
            #expect(out[0].isNaN && out[1] == 0 && out[2] == 1 && out[3] == 0.5, "\(level.name) \(out)")
        }
    }

    /// The blocked outer products of BPTT (`OuterProductBlock`, 32 steps a block) against the per-step
    /// sums that step shares record, across block boundaries and for every cell.
    @Test func blockedBackpropagationMatchesTheStepSharesSum() {
        for cell in RecurrentCells.registered {
            for steps in [1, 31, 32, 33, 70] {
                var rng = SeededRandom(seed: UInt64(steps))
                var model = RecurrentModel(cell: cell, inputSize: 3, hiddenSize: 9, outputSize: 3)
                model.initialise(using: &rng)
                let input = SequenceInput(tokens: (0..<steps).map { _ in rng.below(3) }, inputSize: 3)
                let trace = model.forward(input, targets: (0..<steps).map { _ in rng.below(3) })
                let blocked = model.backward(trace)
                let shares = model.backward(trace, recordStepShares: true)
                #expect(Self.close(blocked.parameters, shares.parameters), "\(cell.displayName) T=\(steps)")
            }
        }
    }

    /// One binary on one CPU gives the same bits run after run (a forward + BPTT pass at H = 40).
    @Test func aPassGivesTheSameBitsEveryTime() {
        var rng = SeededRandom(seed: 14)
        var model = RecurrentModel(kind: .lstm, inputSize: 5, hiddenSize: 40, outputSize: 5)
        model.initialise(using: &rng)
        let input = SequenceInput(tokens: (0..<50).map { _ in rng.below(5) }, inputSize: 5)
        let targets: [Int?] = (0..<50).map { _ in rng.below(5) }
        let first = model.backward(model.forward(input, targets: targets))
        for _ in 0..<3 {
            let again = model.backward(model.forward(input, targets: targets))
            #expect(again.parameters.map(\.bitPattern) == first.parameters.map(\.bitPattern))
        }
    }
}

/// The zig-zag walk through a large W_hh (`Kernels.zigzagBytes`) gives the forward walk's products.
@Suite struct ZigzagWalkTests {
    @Test func aReversedWalkGivesTheSameProducts() {
        var rng = SeededRandom(seed: 15)
        // 1030 × 70 doubles: above the zig-zag size, with a short last chunk.
        let rows = 1030, cols = 70
        let w = KernelsTests.values(rows * cols, &rng), x = KernelsTests.values(cols, &rng), d = KernelsTests.values(rows, &rng)
        #expect(rows * cols * 8 > Kernels.zigzagBytes)
        var y1 = [Double](repeating: 0, count: rows), y2 = y1
        var z1 = [Double](repeating: 0, count: cols), z2 = z1
        w.withUnsafeBufferPointer { wb in
            guard let wp = wb.baseAddress else { return }
            Kernels.addMatVec(wp, x, &y1, rows: rows, cols: cols, reversed: false)
            Kernels.addMatVec(wp, x, &y2, rows: rows, cols: cols, reversed: true)
            Kernels.addMatTVec(wp, d, &z1, rows: rows, cols: cols, reversed: false)
            Kernels.addMatTVec(wp, d, &z2, rows: rows, cols: cols, reversed: true)
        }
        #expect(y1.map(\.bitPattern) == y2.map(\.bitPattern), "rows are summed alike in either direction")
        #expect(KernelsTests.close(z1, z2))
    }
}
