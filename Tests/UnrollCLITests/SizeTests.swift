import Testing
@testable import unroll

@Suite struct SizeTests {
    @Test func parsesWidthByHeightInBounds() {
        #expect(Size("100x30") == Size("100X30"))
        #expect(Size("100x30")?.width == 100 && Size("100x30")?.height == 30)
        #expect(Size("1x1000") != nil)
        for bad in ["", "100", "0x30", "1001x30", "100x", "x30", "axb", "100x30x2", "-5x30"] {
            #expect(Size(bad) == nil, "\(bad)")
        }
    }

    /// Both commands that take a size read it through the one type.
    @Test func renderAndGradientsAgree() throws {
        let render = try RenderCommand.parse(["lab", "book-lstm", "--size", "90x28"])
        #expect(render.parsedSize.map { [$0.0, $0.1] } == [90, 28])
        let gradients = try GradientsCommand.parse(["vanishing", "--frame", "90x28"])
        #expect(gradients.frameSize("90x28").map { [$0.0, $0.1] } == [90, 28])
    }
}
