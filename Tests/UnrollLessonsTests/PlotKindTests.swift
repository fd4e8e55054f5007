import Testing
@testable import UnrollLessons

@Suite struct PlotKindTests {
    /// One declaration per kind carries its name, parameter rules and help; lint's list and the parser's rules come from it.
    @Test func eachKindIsDeclaredOnce() {
        #expect(PlotSpec.standardKinds == Set(PlotKind.allCases.map(\.rawValue)))
        for kind in PlotKind.allCases {
            #expect(!kind.summary.isEmpty, "\(kind)")
            #expect(PlotKind(name: kind.rawValue) == kind)
            #expect((PlotParameters.rules[kind.rawValue] ?? [:]) == kind.parameters, "\(kind)")
        }
        #expect(PlotKind(name: "sqush") == nil)
        #expect(PlotSpec(kind: Located("race", at: .start)).plotKind == .race)
    }
}
