import Testing

@Test func placeholder_UnrollCLITests() { #expect(1 + 1 == 2) }
