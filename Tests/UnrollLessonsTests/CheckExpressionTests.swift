import Testing
@testable import UnrollLessons

@Suite struct CheckExpressionTests {
    @Test func operatorsKnowWhichCompare() {
        #expect([BinaryOperator.less, .lessOrEqual, .greater, .greaterOrEqual, .equal, .notEqual].allSatisfy { $0.isComparison })
        #expect(![BinaryOperator.and, .or, .add, .subtract, .multiply, .divide].contains { $0.isComparison })
        #expect(IndexReference.number(3).description == "3" && IndexReference.word("Doug").description == "Doug")
    }

    @Test func parsedTreesAreValues() throws {
        #expect(try CheckParser.parse("steps > 1") == CheckParser.parse("steps > 1"))
        #expect(try CheckParser.parse("steps > 1") != CheckParser.parse("steps  > 1"), "ranges are part of the tree")
    }
}
