import Testing

@Test func placeholder_UnrollLessonsTests() { #expect(1 + 1 == 2) }
