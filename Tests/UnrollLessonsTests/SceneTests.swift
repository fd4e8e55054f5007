import Testing
@testable import UnrollLessons

@Suite struct SceneTests {
    @Test func theRunKeyIgnoresWhatOnlyChangesTheScreen() {
        let base = Scene(model: Located("m", at: .start), input: TokenList(text: "a b", at: .start))
        var other = base
        other.cursor = Located(2, at: .start)
        other.panels = [.probs]
        other.highlight = Highlight(gate: Located(.forget, at: .start))
        #expect(base.runKey == other.runKey)
        other.clamps = [Located("forget=0", at: .start)]
        #expect(base.runKey != other.runKey)
        #expect(base.runKey == SceneRunKey(model: "m", input: "a b", targets: nil, clamps: []))
        #expect(base.panels == Scene.defaultPanels && base.keys == Scene.defaultKeys && !base.compareFree)
    }
}
