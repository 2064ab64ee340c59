import Testing

@Test func ForesiteMLTestsBuilds() {
    #expect(Bool(true))
}
