import Foundation
import Testing
@testable import UnrollLessons

@Suite struct CurriculumRulesTests {
    @Test func theExampleMeetsTheStandardRules() throws {
        let l = try lesson(try Fixtures.text("example.md"))
        #expect(CurriculumRules.standard.violations(l).isEmpty)
        #expect(CurriculumRules(steps: 6...8).violations(l).map(\.message).first?.hasPrefix("a lesson has 6–8 steps; this one has 5") == true)
        #expect(CurriculumRules(minimumChecks: 11, minimumQuestions: 3).violations(l).count == 2)
    }
}
