import Testing

@Test func ForesiteIngestTestsBuilds() {
    #expect(Bool(true))
}
