import Testing

@Test func ForesiteSiteTestsBuilds() {
    #expect(Bool(true))
}
