import Foundation
@testable import UnrollCore

/// Reads the PyTorch reference cases copied into this target's `Fixtures/`.
enum Fixtures {
    static var directory: URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil) ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    }

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    static func json(_ name: String) throws -> JSONValue {
        try JSONValue.parse(Data(contentsOf: directory.appendingPathComponent(name)))
    }

    /// A model file of any kind (JSON, `.pt`, `.safetensors`, with its sidecar).
    static func model(_ name: String) throws -> RecurrentModel { try ModelFile.load(path: path(name), hints: StateDictHints()).model }

    /// The case names (`NAME.case.json`).
    static var caseNames: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".case.json") }.map { String($0.dropLast(".case.json".count)) }.sorted()
    }
}

/// Every leaf of a JSON value with its path, as check-trace flattens it.
func flatten(_ v: JSONValue, _ path: String = "") -> [(String, JSONValue)] {
    switch v {
    case let .object(members): return members.flatMap { flatten($0.1, "\(path).\($0.0)") }
    case let .array(items): return items.enumerated().flatMap { flatten($0.element, "\(path)[\($0.offset)]") }
    default: return [(path, v)]
    }
}

/// The mismatches between ours and the reference: every reference leaf must exist in ours and
/// agree within 1e-9·(1+|theirs|) (numbers) or exactly (others).
func mismatches(ours: JSONValue, reference: JSONValue, tolerance: Double = 1e-9) -> (numbers: Int, bad: [String]) {
    let a = Dictionary(flatten(ours), uniquingKeysWith: { x, _ in x })
    var bad: [String] = []
    var n = 0
    for (key, ref) in flatten(reference) {
        guard let mine = a[key] else { bad.append("missing \(key)"); continue }
        if case let .number(r) = ref {
            n += 1
            guard case let .number(m) = mine, m.isFinite, abs(m - r) <= tolerance * (1 + abs(r)) else {
                bad.append("\(key): got \(mine) expected \(r)")
                continue
            }
        } else if mine != ref {
            bad.append("\(key): got \(mine) expected \(ref)")
        }
    }
    return (n, bad)
}

/// The worst relative error, over every parameter, between the backward pass's gradient and a central
/// difference of the loss (nudge ±`eps`, divided by 2·eps): |numeric − analytic| / (1 + |numeric|).
func worstParameterGradientError(_ model: RecurrentModel, _ input: SequenceInput, targets: [Int?],
                                 clamps: [Clamp], eps: Double = 1e-6) -> Double {
    let g = model.backward(model.forward(input, targets: targets, clamps: clamps))
    var worst = 0.0
    for k in model.parameters.indices {
        var plus = model, minus = model
        plus.parameters[k] += eps
        minus.parameters[k] -= eps
        let lp = plus.forward(input, targets: targets, clamps: clamps).totalLoss ?? 0
        let lm = minus.forward(input, targets: targets, clamps: clamps).totalLoss ?? 0
        let numeric = (lp - lm) / (2 * eps)
        worst = max(worst, abs(numeric - g.parameters[k]) / (1 + abs(numeric)))
    }
    return worst
}
