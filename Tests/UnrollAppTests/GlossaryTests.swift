import Foundation
import Testing
import UnrollApp
import UnrollTUI

/// The help's second page: the symbols and markers the screens use.
@Suite struct GlossaryTests {
    @Test func tabInTheHelpShowsTheSymbolsAndTabAgainTheKeys() {
        var s = AppState(screen: .start(StartState(entries: [])), width: 80, height: 24)
        AppFixtures.press(&s, [.char("?")])
        #expect(s.overlay == .help)
        #expect(AppFixtures.frame(s).contains("Tab symbols"))
        AppFixtures.press(&s, [.tab])
        #expect(s.overlay == .glossary)
        let frame = AppFixtures.frame(s)
        for symbol in ["ρ", "⊙", "⊕", "σ", "h_t", "c_t", "≠"] { #expect(frame.contains(symbol), "\(symbol) missing") }
        AppFixtures.press(&s, [.tab])
        #expect(s.overlay == .help)
        AppFixtures.press(&s, [.escape])
        #expect(s.overlay == nil)
    }

    /// Every meaning is whole on one line at 80 columns, and every symbol has an ASCII spelling.
    @Test func everyEntryFitsAt80ColumnsAndInASCII() {
        var s = AppState(screen: .start(StartState(entries: [])), width: 80, height: 24)
        s.overlay = .glossary
        let frame = AppFixtures.frame(s)
        for entry in Glossary.entries {
            #expect(frame.contains(entry.meaning), "cut: \(entry.meaning)")
            #expect(entry.ascii.unicodeScalars.allSatisfy { $0.isASCII }, "\(entry.ascii)")
        }
    }
}
