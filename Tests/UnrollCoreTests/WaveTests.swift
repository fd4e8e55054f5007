import Foundation
import Testing
@testable import UnrollCore

@Suite struct WaveTests {
    @Test func theSameSeedGivesTheSameWaveAndAnotherSeedAnother() {
        let a = Wave(seed: 3).values(length: 100)
        #expect(a == Wave(seed: 3).values(length: 100))
        #expect(a != Wave(seed: 4).values(length: 100))
        #expect(a.count == 100)
    }

    @Test func withoutNoiseItIsTheSumOfItsTwoSines() {
        let wave = Wave(seed: 11, noise: 0)
        let (slow, fast) = wave.phases
        for (t, v) in wave.values(length: 50).enumerated() {
            let x = Double(t)
            let expected = sin(2 * Double.pi * x / 24 + slow) + 0.4 * sin(2 * Double.pi * x / 9 + fast)
            #expect(abs(v - expected) < 1e-12)
        }
    }

    @Test func theNoiseHasAboutTheStatedSize() {
        let clean = Wave(seed: 5, noise: 0).values(length: 4000)
        let noisy = Wave(seed: 5, noise: 0.05).values(length: 4000)
        var s = 0.0
        for (a, b) in zip(clean, noisy) { s += (a - b) * (a - b) }
        let sd = (s / 4000).squareRoot()
        #expect(sd > 0.04 && sd < 0.06, "noise sd \(sd)")
    }
}
