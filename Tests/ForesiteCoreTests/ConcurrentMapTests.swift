import ForesiteCore
import Testing

@Suite struct ConcurrentMapTests {
    struct Failure: Error, Equatable { var index: Int }

    @Test func resultsKeepTheInputOrder() throws {
        let squares = try Array(0..<200).concurrentMap { $0 * $0 }
        #expect(squares == (0..<200).map { $0 * $0 })
        #expect(try [Int]().concurrentMap { $0 }.isEmpty)
    }

    @Test func theFirstFailureByIndexIsRethrown() {
        #expect(throws: Failure(index: 3)) {
            try Array(0..<50).concurrentMap { index in
                if index == 3 || index == 40 { throw Failure(index: index) }
                return index
            }
        }
    }
}
