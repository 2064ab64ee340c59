import Testing

@Test func ForesiteCoreTestsBuilds() {
    #expect(Bool(true))
}
