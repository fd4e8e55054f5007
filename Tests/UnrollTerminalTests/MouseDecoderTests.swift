import Testing
import UnrollTUI
import UnrollTerminal

@Suite struct MouseDecoderTests {
    static let buttons: [MouseButton] = [.left, .middle, .right, .scrollUp, .scrollDown]

    @Test(arguments: buttons)
    func pressesDecodeToTheirButton(button: MouseButton) {
        #expect(MouseDecoder.button(state: MouseDecoder.state(for: button)) == button)
    }

    @Test(arguments: buttons)
    func theEventMaskAsksForEveryButton(button: MouseButton) {
        #expect(MouseDecoder.eventMask & MouseDecoder.state(for: button) != 0)
    }

    @Test func releasesAndEmptyStatesAreDropped() {
        #expect(MouseDecoder.button(state: 0) == nil)
        // ncurses puts RELEASED one bit below PRESSED for each button.
        #expect(MouseDecoder.button(state: MouseDecoder.state(for: .left) >> 1) == nil)
        #expect(MouseDecoder.button(state: MouseDecoder.state(for: .right) >> 1) == nil)
    }

    @Test func statesOfDifferentButtonsDiffer() {
        let states = Self.buttons.map(MouseDecoder.state(for:))
        #expect(Set(states).count == states.count)
    }
}
