import Testing
import UnrollTUI
import UnrollTerminal

@Suite struct CellAppearanceTests {
    @Test func plainTextUsesItsRolePairAndNoAttributes() {
        let look = CellAppearance.resolve(.plain, palette: .color256, colors: true)
        #expect(look == CellAppearance(pair: ColorPairs.pair(for: .text)))
    }

    @Test func paletteAttributesMergeWithStyleAttributes() {
        let title = CellAppearance.resolve(Style(.title), palette: .color256, colors: true)
        #expect(title.bold && !title.reverse && title.pair == ColorPairs.pair(for: .title))
        let boldText = CellAppearance.resolve(Style(.text, bold: true, underline: true), palette: .color256, colors: true)
        #expect(boldText.bold && boldText.underline && !boldText.dim)
        let muted8 = CellAppearance.resolve(Style(.muted), palette: .color8, colors: true)
        #expect(muted8.dim)
    }

    @Test func monochromeUsesAttributesOnly() {
        let focus = CellAppearance.resolve(Style(.focus), palette: .monochrome, colors: true)
        #expect(focus == CellAppearance(pair: 0, reverse: true))
        let clamped = CellAppearance.resolve(Style(.clamped), palette: .monochrome, colors: true)
        #expect(clamped == CellAppearance(pair: 0, bold: true, underline: true))
    }

    @Test func coloursOffForcesTheDefaultPair() {
        for role in Role.allCases {
            #expect(CellAppearance.resolve(Style(role), palette: .color256, colors: false).pair == 0)
        }
    }

    @Test func everyRoleHasItsOwnNonZeroPair() {
        let pairs = Role.allCases.map(ColorPairs.pair(for:))
        #expect(Set(pairs).count == Role.allCases.count)
        #expect(pairs.allSatisfy { $0 >= 1 && $0 <= Int16(Role.allCases.count) })
    }

    @Test func definitionsFollowThePalette() {
        let defs = ColorPairs.definitions(for: .color256, colorCount: 256, defaultColors: true)
        #expect(defs.count == Role.allCases.count)
        let focus = defs.first { $0.pair == ColorPairs.pair(for: .focus) }
        #expect(focus?.foreground == 231 && focus?.background == 25)
        let text = defs.first { $0.pair == ColorPairs.pair(for: .text) }
        #expect(text?.foreground == -1 && text?.background == -1)
        #expect(ColorPairs.definitions(for: .monochrome, colorCount: 256, defaultColors: true).isEmpty)
    }

    @Test func missingColoursFallBackToDefaults() {
        // The 256-colour table on an 8-colour terminal: indices ≥ 8 become the default.
        let defs = ColorPairs.definitions(for: .color256, colorCount: 8, defaultColors: true)
        #expect(defs.allSatisfy { $0.foreground < 8 && $0.background < 8 })
        // Without use_default_colors the default is white on black.
        let noDefaults = ColorPairs.definitions(for: .color8, colorCount: 8, defaultColors: false)
        let text = noDefaults.first { $0.pair == ColorPairs.pair(for: .text) }
        #expect(text?.foreground == 7 && text?.background == 0)
        #expect(noDefaults.allSatisfy { $0.foreground >= 0 && $0.background >= 0 })
    }

    @Test func displayCharacterKeepsAsciiAndGuardsNonUTF8Locales() {
        #expect(CellAppearance.displayCharacter("a", unicode: false) == "a")
        #expect(CellAppearance.displayCharacter("σ", unicode: true) == "σ")
        #expect(CellAppearance.displayCharacter("σ", unicode: false) == "?")
        #expect(CellAppearance.displayCharacter("\u{1}", unicode: true) == " ")
        #expect(CellAppearance.displayCharacter("\u{7F}", unicode: true) == " ")
    }
}
