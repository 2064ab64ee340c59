import ForesiteCore
import ForesiteTestSupport
import Foundation
import Testing

@testable import ForesiteStore

/// The append-only, hash-chained forecast ledger.
struct ForecastLedgerTests {
    private func day(_ iso: String) -> Day { StoreFixtures.day(iso) }

    private func quantiles(_ median: Double, spread: Double = 0) -> QuantileForecast {
        QuantileForecast(
            median: median,
            intervals: spread == 0
                ? []
                : [
                    .init(level: 0.5, lower: median - spread, upper: median + spread),
                    .init(level: 0.8, lower: median - 2 * spread, upper: median + 2 * spread),
                    .init(level: 0.95, lower: median - 3 * spread, upper: median + 3 * spread),
                ])
    }

    private func forecast(
        madeOn: String, origin: String, reference: Double, medians: [(String, Double)], model: String = "lstm",
        version: String = "v1", spread: Double = 1
    ) -> IssuedForecast {
        IssuedForecast(
            model: ModelID(model), modelVersion: version, madeOn: day(madeOn), origin: day(origin),
            targetGroup: "solana", field: "close", reference: reference, inputHash: "abc",
            steps: medians.enumerated().map { index, median in
                .init(horizon: index + 1, targetDay: day(median.0), forecast: quantiles(median.1, spread: spread))
            })
    }

    private func store() throws -> FeatureStore {
        try FeatureStore.inMemory(clock: .at(day("2024-12-23")))
    }

    @Test func appendReadsBackAndSameDayAgainIsANoOp() throws {
        let store = try store()
        let first = forecast(
            madeOn: "2024-12-02", origin: "2024-12-01", reference: 100,
            medians: [("2024-12-02", 101), ("2024-12-03", 102)])
        let persistence = forecast(
            madeOn: "2024-12-02", origin: "2024-12-01", reference: 100,
            medians: [("2024-12-02", 100), ("2024-12-03", 100)], model: "persistence", version: "persistence(365)")
        #expect(try store.write(command: "predict") { try $0.append(first) } == .appended)
        #expect(try store.write(command: "predict") { try $0.append(persistence) } == .appended)
        let hash = try store.contentHash()
        #expect(try store.write(command: "predict") { try $0.append(first) } == .alreadyRecorded)
        #expect(try store.contentHash() == hash)
        let stored = try #require(try store.ledger.forecast(madeOn: day("2024-12-02"), model: "lstm"))
        #expect(stored == LedgerTable.stored(first))
        #expect(stored.steps[0].forecast.quantiles.map(\.level) == QuantileForecast.standardQuantileLevels)
        #expect(stored.steps[0].forecast.value(atQuantile: 0.025) == 98)
        #expect(try store.ledger.latest(model: "persistence") == LedgerTable.stored(persistence))
        #expect(try store.ledger.forecasts().map(\.model) == ["lstm", "persistence"])
        #expect(try store.ledger.records().count == 4)
        #expect(try store.ledger.verify().summary == "4 forecasts since 2024-12-02, chain verified")
    }

    /// A window of every model is read in chain order from its first row; a day recorded late (after later
    /// days) is still in its window, rows after the first that fall outside are not, and the window comes
    /// by day made.
    @Test func aWindowHoldsEveryForecastMadeInItWhateverTheOrderOfRecording() throws {
        let store = try store()
        let recorded = ["2024-12-05", "2024-12-02", "2024-12-08", "2024-12-03", "2024-12-10", "2024-12-04"]
        for (index, made) in recorded.enumerated() {
            for model in ["lstm", "persistence"] {
                let forecast = forecast(
                    madeOn: made, origin: made, reference: 100 + Double(index),
                    medians: [("2024-12-20", 101), ("2024-12-21", 102)], model: model)
                try store.write(command: "predict") { _ = try $0.append(forecast) }
            }
        }
        let all = try store.ledger.forecasts()
        #expect(all.count == 12)
        for (from, to) in [
            ("2024-12-03", "2024-12-08"), ("2024-12-05", "2024-12-05"), ("2024-12-04", "2024-12-04"),
            ("2024-12-01", "2024-12-31"), ("2024-12-11", "2024-12-31"), ("2024-12-06", "2024-12-07"),
        ] {
            let window = try store.ledger.forecasts(from: day(from), to: day(to))
            let expected = all.filter { $0.madeOn >= day(from) && $0.madeOn <= day(to) }
            #expect(window == expected, "\(from) … \(to)")
            let lstm = try store.ledger.forecasts(from: day(from), to: day(to), model: "lstm")
            #expect(lstm == expected.filter { $0.model == "lstm" })
        }
        let window = try store.ledger.forecasts(from: day("2024-12-03"), to: day("2024-12-08"))
        let days = ["2024-12-03", "2024-12-04", "2024-12-05", "2024-12-08"].map(day)
        #expect(window.map(\.madeOn) == days.flatMap { [$0, $0] })
    }

    /// A window's first row is found in the made_on index, not by scanning the ledger in chain order up to it.
    @Test func aWindowsFirstRowComesFromTheIndex() throws {
        let store = try store()
        let plan = try store.read("plan") { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN \(LedgerTable.windowStart)", arguments: ["2024-12-01"])
                .map { $0["detail"] as String }
        }
        #expect(plan.count == 1)
        #expect(plan.first?.contains("USING COVERING INDEX") == true, "\(plan)")
        #expect(plan.first?.contains("(made_on>?)") == true, "\(plan)")
    }

    @Test func aDifferentForecastForTheSameDayAndModelIsRefused() throws {
        let store = try store()
        let first = forecast(
            madeOn: "2024-12-02", origin: "2024-12-01", reference: 100, medians: [("2024-12-02", 101)], spread: 0)
        try store.write(command: "predict") { _ = try $0.append(first) }
        var second = first
        second.steps[0].forecast.median = 99
        #expect(
            throws: StoreError.ledgerConflict(madeOn: day("2024-12-02"), difference: "horizon 1 median 101.0 vs 99.0")
        ) {
            try store.write(command: "predict") { _ = try $0.append(second) }
        }
        #expect(try store.ledger.forecasts() == [first])
    }

    @Test func aForecastDatedAfterTodayIsRefused() throws {
        let store = try store()
        let early = forecast(madeOn: "2024-12-24", origin: "2024-12-23", reference: 100, medians: [("2024-12-24", 1)])
        #expect(throws: StoreError.forecastFromTheFuture(madeOn: day("2024-12-24"), today: day("2024-12-23"))) {
            try store.write(command: "predict") { _ = try $0.append(early) }
        }
        #expect(try store.ledger.forecasts().isEmpty)
    }

    @Test func triggersRefuseUpdateAndDelete() throws {
        let store = try store()
        try store.write(command: "predict") {
            _ = try $0.append(
                forecast(madeOn: "2024-12-02", origin: "2024-12-01", reference: 100, medians: [("2024-12-02", 101)]))
        }
        for sql in ["UPDATE ledger SET median = 1", "DELETE FROM ledger"] {
            do {
                try store.database.write { db in try db.execute(sql: sql) }
                Issue.record("\(sql) succeeded")
            } catch let error as DatabaseError {
                #expect(error.message == "the forecast ledger is append-only")
            }
        }
        #expect(try store.ledger.forecasts().first?.steps.first?.median == 101)
    }

    /// Each row's hash is SHA-256 of the previous row's hash, a comma and its content line, as a reader
    /// of ledger.csv recomputes it.
    @Test func rowsChainByHashAsPublished() throws {
        let store = try store()
        try store.write(command: "predict") {
            _ = try $0.append(
                forecast(
                    madeOn: "2024-12-02", origin: "2024-12-01", reference: 100,
                    medians: [("2024-12-02", 101), ("2024-12-03", 102.5)]))
        }
        let records = try store.ledger.records()
        #expect(records[0].previousHash == String(repeating: "0", count: 64))
        #expect(
            records[0].contentLine
                == "2024-12-02,lstm,v1,solana,close,2024-12-01,1,2024-12-02,100.0,98.0,99.0,100.0,101.0,102.0,103.0,104.0,abc"
        )
        #expect(records[0].hash == SHA256.hex(records[0].previousHash + "," + records[0].contentLine))
        #expect(records[1].previousHash == records[0].hash)
        #expect(records[1].hash == SHA256.hex(records[0].hash + "," + records[1].contentLine))
    }

    /// A change made through SQLite directly, with the append-only trigger dropped first, is found.
    @Test func aPlantedChangeBreaksTheChainFromThatRow() throws {
        let store = try store()
        try store.write(command: "predict") {
            for (made, origin) in [("2024-12-02", "2024-12-01"), ("2024-12-03", "2024-12-02")] {
                _ = try $0.append(
                    forecast(
                        madeOn: made, origin: origin, reference: 100,
                        medians: [("2024-12-04", 101), ("2024-12-05", 102)]))
            }
        }
        #expect(try store.ledger.verify().isVerified)
        try store.database.write { db in
            try db.execute(sql: "DROP TRIGGER ledger_no_update")
            try db.execute(sql: "UPDATE ledger SET median = 95 WHERE made_on = '2024-12-03' AND horizon = 1")
        }
        let verification = try store.ledger.verify()
        let broken = try #require(verification.firstBroken)
        #expect(broken.position == 3 && broken.madeOn == day("2024-12-03") && broken.horizon == 1)
        #expect(verification.summary.hasPrefix("ledger chain broken at row 3 (made on 2024-12-03, lstm, horizon 1)"))
    }

    /// A walk remembered beside the store spares the next read only rows that are byte for byte the ones
    /// it walked: a row changed behind the triggers' back changes their stored values' digest, and the
    /// whole chain is walked again.
    /// The digest a memo keeps is of the values as read, in a fixed order (the outermost quantiles first, an
    /// upper bound only where its lower one is stated): memos committed beside stores stay valid only while
    /// it does not change. Pinned on rows with every quantile, rows without the 50 % interval (as v1 ledgers
    /// migrated) and rows with only a median.
    @Test func theMemosDigestOfTheStoredValuesKeepsItsForm() throws {
        let store = try store()
        try store.write(command: "predict") { writer in
            _ = try writer.append(
                forecast(
                    madeOn: "2024-12-02", origin: "2024-12-01", reference: 100,
                    medians: [("2024-12-02", 101), ("2024-12-03", 102)]))
            var migrated = forecast(
                madeOn: "2024-12-03", origin: "2024-12-02", reference: 101.5, medians: [("2024-12-04", 103)],
                model: "persistence", version: "persistence(365)")
            migrated.steps[0].forecast.intervals.removeAll { $0.level == 0.5 }
            _ = try writer.append(migrated)
            _ = try writer.append(
                forecast(
                    madeOn: "2024-12-03", origin: "2024-12-02", reference: 101.5, medians: [("2024-12-04", 99.25)],
                    spread: 0))
        }
        let memo = try #require(try store.ledger.memo(ofFirst: 4))
        #expect(memo.storedSHA256 == "bbc0227b110583ea213988bef26561de6efdab2f96e899c3826ef80b51817ab4")
    }

    @Test func theMemoSparesOnlyTheRowsItWalkedUnchanged() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("store.sqlite").path
        let store = try FeatureStore(path: path, clock: .at(day("2024-12-23")))
        try store.syncGroups(Config())
        func append(_ made: String, _ origin: String) throws {
            try store.write(command: "predict") {
                _ = try $0.append(
                    forecast(
                        madeOn: made, origin: origin, reference: 100,
                        medians: [("2024-12-10", 101), ("2024-12-11", 102)]))
            }
        }
        try append("2024-12-02", "2024-12-01")
        try append("2024-12-03", "2024-12-02")
        let location = LedgerVerificationMemo.location(forStoreAt: path)
        #expect(LedgerVerificationMemo.load(from: location) == nil)
        let first = try store.ledger.verifiedRecords()
        #expect(try first.verification.isVerified && first.records == store.ledger.records())
        let memo = try #require(LedgerVerificationMemo.load(from: location))
        #expect(memo.rows == 4 && memo.head == first.records.last?.hash)
        #expect(LedgerVerificationMemo(line: memo.line) == memo)

        try append("2024-12-04", "2024-12-03")
        let grown = try store.ledger.verifiedRecords(memo: memo)
        #expect(grown.verification.isVerified && grown.verification.count == 6)
        let whole = try store.ledger.verify()
        #expect(grown.verification.summary == whole.summary, "the same result as a whole walk")
        #expect(grown.verification.verifiedHead == whole.verifiedHead)
        #expect(grown.verification.rowsRemembered == 4 && whole.rowsRemembered == 0, "only the new rows walked")
        #expect(
            grown.verification.walkSummary
                == "6 forecasts since 2024-12-02, chain verified (4 rows as the last walk found them, 2 walked)")
        #expect(grown.memo?.rows == 6 && grown.memo?.head == grown.records.last?.hash)

        try store.database.write { db in
            try db.execute(sql: "DROP TRIGGER ledger_no_update")
            try db.execute(sql: "UPDATE ledger SET median = median * 0.9 WHERE made_on = '2024-12-02' AND horizon = 1")
        }
        let changed = try store.ledger.verifiedRecords(memo: grown.memo)
        #expect(changed.verification.firstBroken?.position == 1, "found though the memo covered the row")
        #expect(changed.memo == nil, "a broken chain leaves no memo")
        #expect(try changed.verification == store.ledger.verify())

        // The walk really starts after the memo's rows: a memo of these changed rows' own values (which only
        // something writing beside the store could plant, as it could rewrite the chain) is believed.
        let stored = try store.database.read { db in
            try LedgerTable.recordsDigestingStoredValues(prefixRows: 6, in: db)
        }
        let planted = LedgerVerificationMemo(
            rows: 6, storedSHA256: try #require(stored.prefix).hex, head: changed.records[5].hash)
        #expect(try store.ledger.verifiedRecords(memo: planted).verification.isVerified)
        var otherHead = planted
        otherHead.head = changed.records[4].hash
        #expect(try !store.ledger.verifiedRecords(memo: otherHead).verification.isVerified)
        var tooMany = planted
        tooMany.rows = 7
        #expect(try !store.ledger.verifiedRecords(memo: tooMany).verification.isVerified)

        // A memo file that is not one this version wrote is ignored.
        for text in [
            "", "garbage\n", memo.line.replacingOccurrences(of: "verified 1 ", with: "verified 2 "),
            String(memo.line.dropLast()), memo.line.replacingOccurrences(of: " 4 ", with: " 0 "),
        ] {
            try text.write(to: location, atomically: true, encoding: .utf8)
            #expect(LedgerVerificationMemo.load(from: location) == nil, "\(text)")
        }
        #expect(try !store.ledger.verifiedRecords().verification.isVerified)
    }

    /// The reader keeps each day column's last text and day, and the forecasts it reads leave the chain's
    /// hashes unread: a day changed in one row of a forecast (its other rows repeating the text) is read as
    /// stored, an impossible one is refused naming its column and value, and forecasts read without the
    /// hashes are those grouped from the rows read with them.
    @Test func everyRowsDaysAreReadAsStoredAndForecastsAreThoseOfTheRows() throws {
        let store = try store()
        try store.write(command: "predict") { writer in
            for (made, origin) in [("2024-12-02", "2024-12-01"), ("2024-12-03", "2024-12-02")] {
                _ = try writer.append(
                    forecast(
                        madeOn: made, origin: origin, reference: 100,
                        medians: [("2024-12-04", 101), ("2024-12-05", 102), ("2024-12-06", 103)]))
            }
        }
        #expect(try store.ledger.forecasts() == IssuedForecast.grouping(try store.ledger.records()))
        #expect(try store.ledger.forecasts().allSatisfy { $0.steps.count == 3 })
        try store.database.write { db in
            try db.execute(sql: "DROP TRIGGER ledger_no_update")
            // The last byte only: the texts before and after it are the same day's but for it.
            try db.execute(sql: "UPDATE ledger SET origin = '2024-12-00' WHERE position = 2")
            try db.execute(sql: "UPDATE ledger SET made_on = '2024-12-01', origin = '2024-11-30' WHERE position = 5")
        }
        #expect(throws: StoreError.corruptValue(table: "ledger", column: "origin", value: "2024-12-00")) {
            try store.ledger.records()
        }
        try store.database.write { db in
            try db.execute(sql: "UPDATE ledger SET origin = '2024-12-01' WHERE position = 2")
        }
        let records = try store.ledger.records()
        #expect(
            records.map(\.madeOn.iso)
                == ["2024-12-02", "2024-12-02", "2024-12-02", "2024-12-03", "2024-12-01", "2024-12-03"])
        #expect(
            records.map(\.origin.iso)
                == ["2024-12-01", "2024-12-01", "2024-12-01", "2024-12-02", "2024-11-30", "2024-12-02"])
        #expect(
            records.map(\.targetDay.iso)
                == ["2024-12-04", "2024-12-05", "2024-12-06", "2024-12-04", "2024-12-05", "2024-12-06"])
        #expect(records.allSatisfy { $0.hash.count == 64 && $0.previousHash.count == 64 })
        let forecasts = try store.ledger.forecasts()
        #expect(forecasts == IssuedForecast.grouping(records))
        #expect(forecasts.map(\.madeOn.iso) == ["2024-12-01", "2024-12-02", "2024-12-03"])
        #expect(try !store.ledger.verify().isVerified)
    }

    @Test func deletingARowBreaksTheChain() throws {
        let store = try store()
        try store.write(command: "predict") {
            _ = try $0.append(
                forecast(
                    madeOn: "2024-12-02", origin: "2024-12-01", reference: 100,
                    medians: [("2024-12-02", 101), ("2024-12-03", 102), ("2024-12-04", 103)]))
        }
        try store.database.write { db in
            try db.execute(sql: "DROP TRIGGER ledger_no_delete")
            try db.execute(sql: "DELETE FROM ledger WHERE horizon = 2")
        }
        #expect(try store.ledger.verify().firstBroken?.position == 2)
    }

    /// A v1 store's forecasts are copied into the chained ledger as the LSTM's forecasts of the open.
    @Test func migrationChainsTheRowsOfAVersionOneLedger() throws {
        let folder = try TemporaryDirectory()
        let path = folder.path("v1.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try StoreSchema.migrator.migrate(queue, upTo: "v1-backtests")
        try queue.write { db in
            try db.execute(
                sql: "INSERT INTO feature_group VALUES ('solana', 'candle', 1, '', 'kraken', 'SOL-USD')")
            for (horizon, point) in [(1, 101.5), (2, 103.0)] {
                try db.execute(
                    sql: """
                        INSERT INTO forecast VALUES ('2024-12-02', ?, 'solana', '2024-12-01', ?, ?, 100, 'v1', 'abc')
                        """,
                    arguments: [horizon, horizon == 1 ? "2024-12-02" : "2024-12-03", point])
                try db.execute(
                    sql: "INSERT INTO forecast_interval VALUES ('2024-12-02', ?, 0.8, ?, ?)",
                    arguments: [horizon, point - 2, point + 2])
                try db.execute(
                    sql: "INSERT INTO forecast_interval VALUES ('2024-12-02', ?, 0.95, ?, ?)",
                    arguments: [horizon, point - 5, point + 5])
            }
        }
        queue.close()
        let store = try FeatureStore(path: path, clock: .at(day("2024-12-23")))
        let records = try store.ledger.records()
        #expect(records.count == 2)
        #expect(records.allSatisfy { $0.model == "lstm" && $0.field == "open" && $0.reference == 100 })
        #expect(
            records[0].contentLine
                == "2024-12-02,lstm,v1,solana,open,2024-12-01,1,2024-12-02,100.0,96.5,99.5,,101.5,,103.5,106.5,abc")
        #expect(try store.ledger.verify().summary == "2 forecasts since 2024-12-02, chain verified")
        #expect(try store.ledger.forecast(madeOn: day("2024-12-02"), model: "lstm")?.steps[1].median == 103)
    }
}
