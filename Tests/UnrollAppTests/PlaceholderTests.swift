import Testing

@Test func placeholder_UnrollAppTests() { #expect(1 + 1 == 2) }
