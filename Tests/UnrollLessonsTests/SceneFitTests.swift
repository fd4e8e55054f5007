import Foundation
import Testing
@testable import UnrollLessons

@Suite struct SceneFitTests {
    @Test func standardRowsPerPanel() throws {
        let m = try Fixtures.models.load("book-lstm").get()
        let fit = SceneFit.standard
        #expect(fit.budget == 22)
        #expect(Panel.allCases.map { SceneFit.standardRows($0, m) } == [3, 8, 8, 8, 11, 7, 3, 10, 4])
        #expect(fit.rowsNeeded([.timeline, .diagram, .text], model: m) == 18)
        #expect(fit.problem([.timeline, .diagram, .text], model: m) == nil)
        #expect(fit.problem([.timeline, .diagram, .plot], model: m)?.contains("need 24 rows") == true)
        #expect(SceneFit(height: 40).problem([.timeline, .diagram, .plot], model: m) == nil)
    }
}
