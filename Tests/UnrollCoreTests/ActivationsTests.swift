import Foundation
import Testing
@testable import UnrollCore

/// The activations against the C library, across their whole range.
@Suite struct ActivationsTests {
    @Test func sigmoidAndTanhMatchLibm() {
        var worstS = 0.0, worstT = 0.0
        var rng = SeededRandom(seed: 5)
        for _ in 0..<200_000 {
            let x = rng.uniform(-50, 50)
            worstS = max(worstS, abs(sigmoid(x) - 1 / (1 + Foundation.exp(-x))))
            worstT = max(worstT, abs(tanhD(x) - Foundation.tanh(x)))
        }
        #expect(worstS < 1e-15 && worstT < 1e-15, "σ \(worstS), tanh \(worstT)")
        #expect(sigmoid(-1000) == 0 && sigmoid(1000) == 1 && tanhD(1000) == 1 && tanhD(-1000) == -1)
    }
}
