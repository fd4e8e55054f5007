import Testing

@Test func placeholder_UnrollTerminalTests() { #expect(1 + 1 == 2) }
