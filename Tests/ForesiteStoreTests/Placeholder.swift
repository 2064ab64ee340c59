import Testing

@Test func ForesiteStoreTestsBuilds() {
    #expect(Bool(true))
}
