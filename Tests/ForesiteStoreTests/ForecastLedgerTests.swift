import ForesiteCore
import ForesiteTestSupport
import GRDB
import Testing

@testable import ForesiteStore

/// The append-only forecast ledger and the live accuracy measured from it.
struct ForecastLedgerTests {
    private func day(_ iso: String) -> Day { StoreFixtures.day(iso) }

    private func forecast(
        madeOn: String, origin: String, naive: Double, points: [(String, Double, [PredictionInterval])],
        model: String = "v1"
    ) -> LedgerForecast {
        LedgerForecast(
            madeOn: day(madeOn), origin: day(origin), targetGroup: "solana", modelVersion: model, inputHash: "abc",
            naive: naive,
            steps: points.enumerated().map { index, point in
                .init(horizon: index + 1, targetDay: day(point.0), point: point.1, intervals: point.2)
            })
    }

    private func store() throws -> FeatureStore {
        try FeatureStore.inMemory(clock: .at(day("2024-12-23")))
    }

    @Test func appendReadsBackAndSameDayAgainIsANoOp() throws {
        let store = try store()
        let first = forecast(
            madeOn: "2024-12-02", origin: "2024-12-01", naive: 100,
            points: [
                (
                    "2024-12-02", 101,
                    [.init(level: 0.95, lower: 90, upper: 110), .init(level: 0.8, lower: 95, upper: 105)]
                ),
                ("2024-12-03", 102, []),
            ])
        #expect(try store.write(command: "predict") { try $0.append(first) } == .appended)
        let hash = try store.contentHash()
        #expect(try store.write(command: "predict") { try $0.append(first) } == .alreadyRecorded)
        #expect(try store.contentHash() == hash)
        let stored = try #require(try store.ledger.forecast(madeOn: day("2024-12-02")))
        #expect(stored == first.normalized)
        #expect(stored.steps[0].intervals.map(\.level) == [0.8, 0.95])
        #expect(try store.ledger.latest() == stored)
    }

    @Test func aDifferentForecastForTheSameDayIsRefused() throws {
        let store = try store()
        let first = forecast(madeOn: "2024-12-02", origin: "2024-12-01", naive: 100, points: [("2024-12-02", 101, [])])
        try store.write(command: "predict") { _ = try $0.append(first) }
        var second = first
        second.steps[0].point = 99
        #expect(
            throws: StoreError.ledgerConflict(madeOn: day("2024-12-02"), difference: "horizon 1 point 101.0 vs 99.0")
        ) {
            try store.write(command: "predict") { _ = try $0.append(second) }
        }
        #expect(try store.ledger.forecasts() == [first])
    }

    @Test func aForecastDatedAfterTodayIsRefused() throws {
        let store = try store()
        let early = forecast(madeOn: "2024-12-24", origin: "2024-12-23", naive: 100, points: [("2024-12-24", 1, [])])
        #expect(throws: StoreError.forecastFromTheFuture(madeOn: day("2024-12-24"), today: day("2024-12-23"))) {
            try store.write(command: "predict") { _ = try $0.append(early) }
        }
        #expect(try store.ledger.forecasts().isEmpty)
    }

    @Test func triggersRefuseUpdateAndDelete() throws {
        let store = try store()
        try store.write(command: "predict") {
            _ = try $0.append(
                forecast(
                    madeOn: "2024-12-02", origin: "2024-12-01", naive: 100,
                    points: [("2024-12-02", 101, [.init(level: 0.8, lower: 95, upper: 105)])]))
        }
        for sql in [
            "UPDATE forecast SET point = 1", "DELETE FROM forecast", "UPDATE forecast_interval SET lower = 0",
            "DELETE FROM forecast_interval",
        ] {
            do {
                try store.database.write { db in try db.execute(sql: sql) }
                Issue.record("\(sql) succeeded")
            } catch let error as DatabaseError {
                #expect(error.message == "the forecast ledger is append-only")
            }
        }
        #expect(try store.ledger.forecasts().first?.steps.first?.point == 101)
    }

    /// Hand-computed: opens 11-30…12-05 with 12-03 missing and 12-04 incomplete.
    @Test func liveAccuracyScoresOnlyCompleteActualsAroundAGapAndAnIncompleteDay() throws {
        let store = try store()
        try store.write(command: "import") {
            _ = try $0.upsert(
                [
                    StoreFixtures.flat(day("2024-12-01"), price: 100),
                    StoreFixtures.flat(day("2024-12-02"), price: 110),
                    StoreFixtures.flat(day("2024-12-04"), price: 90, complete: false),
                    StoreFixtures.flat(day("2024-12-05"), price: 120),
                ], into: "solana")
        }
        try store.write(command: "predict") { writer in
            _ = try writer.append(
                forecast(
                    madeOn: "2024-12-01", origin: "2024-11-30", naive: 95,
                    points: [
                        (
                            "2024-12-01", 97,
                            [.init(level: 0.8, lower: 96, upper: 99), .init(level: 0.95, lower: 94, upper: 101)]
                        ),
                        ("2024-12-02", 115, []), ("2024-12-03", 100, []),
                    ]))
            _ = try writer.append(
                forecast(
                    madeOn: "2024-12-02", origin: "2024-12-01", naive: 100,
                    points: [
                        (
                            "2024-12-02", 105,
                            [.init(level: 0.8, lower: 104, upper: 110), .init(level: 0.95, lower: 100, upper: 112)]
                        ),
                        ("2024-12-03", 107, []), ("2024-12-04", 99, []),
                    ]))
            _ = try writer.append(
                forecast(
                    madeOn: "2024-12-03", origin: "2024-12-02", naive: 110,
                    points: [("2024-12-03", 111, []), ("2024-12-04", 112, []), ("2024-12-05", 114, [])]))
            _ = try writer.append(
                forecast(madeOn: "2024-12-06", origin: "2024-12-05", naive: 120, points: [("2024-12-06", 121, [])]))
        }
        let accuracy = try store.ledger.liveAccuracy()
        #expect(accuracy.pending == 6)
        #expect(
            accuracy.hindcast.map { "\($0.madeOn)+\($0.horizon)" } == [
                "2024-12-01+1", "2024-12-02+1", "2024-12-01+2", "2024-12-03+3",
            ])
        #expect(accuracy.horizons.map(\.horizon) == [1, 2, 3])
        let h1 = accuracy.horizons[0]
        #expect(h1.count == 2)
        #expect(abs(h1.mae - 4) < 1e-12)
        #expect(abs(h1.naiveMAE - 7.5) < 1e-12)
        #expect(abs(h1.rmse - 17.0.squareRoot()) < 1e-12)
        #expect(abs(h1.mape - (3.0 / 100 + 5.0 / 110) / 2) < 1e-12)
        #expect(h1.coverage.map(\.level) == [0.8, 0.95])
        #expect(h1.coverage.map(\.covered) == [1, 2] && h1.coverage.map(\.count) == [2, 2])
        #expect(h1.coverage[0].rate == 0.5)
        let h2 = accuracy.horizons[1]
        #expect(h2.count == 1 && abs(h2.mae - 5) < 1e-12 && abs(h2.naiveMAE - 15) < 1e-12 && h2.coverage.isEmpty)
        let h3 = accuracy.horizons[2]
        #expect(h3.count == 1 && abs(h3.mae - 6) < 1e-12 && abs(h3.naiveMAE - 10) < 1e-12)
        #expect(abs(h3.mape - 0.05) < 1e-12)

        // 12-04 closes at 95: the two forecasts that targeted it are scored from now on.
        try store.write(command: "update") {
            _ = try $0.upsert([StoreFixtures.flat(day("2024-12-04"), price: 95)], into: "solana")
        }
        let later = try store.ledger.liveAccuracy()
        #expect(later.pending == 4)
        let h2Later = try #require(later.horizons.first { $0.horizon == 2 })
        #expect(h2Later.count == 2 && abs(h2Later.mae - (5 + 17) / 2) < 1e-12)
        #expect(abs(h2Later.naiveMAE - (15 + 15) / 2) < 1e-12)
        let h3Later = try #require(later.horizons.first { $0.horizon == 3 })
        #expect(h3Later.count == 2 && abs(h3Later.mae - (4 + 6) / 2) < 1e-12)
    }
}
