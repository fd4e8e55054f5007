import Testing
@testable import UnrollLessons

@Suite struct CheckValueTests {
    @Test func valuesDescribeThemselvesBriefly() {
        #expect(CheckValue.number(0.21345).description == "0.2135")
        #expect(CheckValue.number(3).description == "3")
        #expect(CheckValue.number(1.5e-7).description == "1.5e-07")
        #expect(CheckValue.number(.infinity).description == "inf" && CheckValue.number(.nan).description == "nan")
        #expect(CheckValue.word("saw").description == "saw" && CheckValue.bool(false).description == "false")
        #expect(CheckValue.vector([1, 2]).description == "[1, 2]")
        #expect(CheckValue.vector(Array(repeating: 0.5, count: 10)).description.hasSuffix(", …]"))
        #expect(CheckValue.vector([1, 2, 3]).kindName == "a vector of 3 values")
    }
}
