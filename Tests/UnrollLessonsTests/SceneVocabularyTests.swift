import Testing
@testable import UnrollLessons

@Suite struct SceneVocabularyTests {
    @Test func namesAreTheOnesAuthorsWrite() {
        #expect(Panel.allCases.map(\.rawValue) == ["timeline", "vectors", "gates", "cell", "diagram", "probs", "explain", "plot", "text"])
        #expect(InteractiveKey.allCases.map(\.rawValue) == ["step", "play", "clamp", "explain", "train", "scale"])
        #expect(HighlightVector.allCases.map(\.rawValue) == ["input", "hidden", "cell", "logits", "probs", "grad_h", "grad_c"])
    }
}
