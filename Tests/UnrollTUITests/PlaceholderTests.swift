import Testing

@Test func placeholder_UnrollTUITests() { #expect(1 + 1 == 2) }
