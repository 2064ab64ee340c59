import Testing

@Test func ForesitePreviewTestsBuilds() {
    #expect(Bool(true))
}
