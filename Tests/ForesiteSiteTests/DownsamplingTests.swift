import Foundation
import Testing

@testable import ForesiteSite

@Suite("LTTB downsampling")
struct DownsamplingTests {
    @Test func keepsEndpointsAndRespectsTheBudget() {
        let x = (0..<1000).map(Double.init)
        let y = x.map { sin($0 / 40) * 100 }
        let kept = Downsampling.lttb(x: x, y: y, threshold: 100)
        #expect(kept.first == 0)
        #expect(kept.last == 999)
        #expect(kept.count <= 102)
        #expect(kept == kept.sorted())
    }

    @Test func keepsASingleSpikeAndTheLowestPoint() {
        var y = (0..<2000).map { Double($0 % 7) }
        y[1234] = 10_000
        y[77] = -500
        let kept = Downsampling.lttb(x: (0..<2000).map(Double.init), y: y, threshold: 50)
        #expect(kept.contains(1234))
        #expect(kept.contains(77))
    }

    @Test func shortSeriesAreReturnedWhole() {
        #expect(Downsampling.lttb(x: [1, 2, 3], y: [4, 5, 6], threshold: 10) == [0, 1, 2])
    }
}
