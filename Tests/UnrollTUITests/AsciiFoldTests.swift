import Testing
@testable import UnrollTUI

@Suite struct AsciiFoldTests {
    @Test func everyCharacterBecomesASCIIKeepingStyles() {
        var buffer = Buffer(lines: ["f₃ = σ(−0.4) → ⊙⊕ ≠", "┌─┐│█▌⠿ ✓…ü"])
        buffer.setStyle(Rect(x: 0, y: 0, width: 2, height: 1), Style(.accent))
        buffer.foldToASCII()
        #expect(buffer.lines[0].hasPrefix("f3 = s(-0.4) > *+ #"))
        #expect(buffer.lines[1].hasPrefix("+-+|##* v.?"))
        #expect(buffer.text.allSatisfy { $0.isASCII })
        #expect(buffer[0, 0].style == Style(.accent))
    }

    @Test func asciiTextIsUntouched() {
        var buffer = Buffer(lines: ["plain ascii 123"])
        let before = buffer
        buffer.foldToASCII()
        #expect(buffer == before)
    }
}
