import Testing

@Test func placeholder_UnrollCoreTests() { #expect(1 + 1 == 2) }
