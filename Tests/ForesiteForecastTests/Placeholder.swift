import Testing

@Test func ForesiteForecastTestsBuilds() {
    #expect(Bool(true))
}
