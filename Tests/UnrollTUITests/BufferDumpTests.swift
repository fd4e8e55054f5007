import Testing
@testable import UnrollTUI

@Suite struct BufferDumpTests {
    @Test func styledTextInterleavesCodes() {
        var buffer = Buffer(width: 8, height: 2)
        buffer.put("f", x: 0, y: 0, style: Style(.gate))
        buffer.put("+0.9", x: 2, y: 0, style: Style(.positive))
        buffer.put("bold", x: 0, y: 1, style: Style(.text, bold: true))
        buffer.put("!", x: 5, y: 1, style: Style(.warning))
        #expect(buffer.styledText == block(
            "f +0.9",
            "g ++++",
            "bold !",
            "bbbb W"))
    }

    @Test func everyRoleHasItsOwnCode() {
        let codes = Set(Role.allCases.map { Buffer.code(for: Style($0)) })
        #expect(codes.count == Role.allCases.count)
        #expect(Buffer.code(for: Style(.text, reverse: true)) == "r")
        #expect(Buffer.code(for: Style(.text, underline: true)) == "u")
    }

    @Test func textWithRoleAndLinesInRect() {
        var buffer = Buffer(lines: ["abc", "def"])
        buffer.setStyle(Rect(x: 1, y: 0, width: 1, height: 2), Style(.focus))
        #expect(buffer.text(withRole: .focus) == " b\n e")
        #expect(buffer.lines(in: Rect(x: 1, y: 1, width: 5, height: 5)) == ["ef"])
    }
}
