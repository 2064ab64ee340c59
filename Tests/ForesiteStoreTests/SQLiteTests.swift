import CSQLite
import ForesiteCore
import ForesiteTestSupport
import Foundation
import Testing

@testable import ForesiteStore

/// The store's own SQLite layer (Sources/ForesiteStore/SQLite): values, statements, errors, transactions,
/// snapshots and migrations, and a store file written by the GRDB-based store before it.
struct SQLiteTests {
    private func table(_ columns: String = "a") throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try queue.write { db in try db.execute(sql: "CREATE TABLE t (\(columns))") }
        return queue
    }

    @Test func everyStorageClassReadsBackAsBound() throws {
        let queue = try table()
        let bound: [(any DatabaseValueConvertible)?] = [
            nil, Int64.max, Int.min, -0.5, "", "naïve 🌍", "a\u{0}b", Data([0, 1, 255]), Data(), true,
        ]
        try queue.write { db in
            for value in bound { try db.execute(sql: "INSERT INTO t VALUES (?)", arguments: [value]) }
        }
        let read = try queue.read { db in try Row.fetchAll(db, sql: "SELECT a FROM t ORDER BY rowid") }
        #expect(
            read.map { $0.value(at: 0) } == [
                .null, .int64(.max), .int64(Int64(Int.min)), .double(-0.5), .string(""), .string("naïve 🌍"),
                // A text reads up to its first NUL, as SQLite's C strings do.
                .string("a"), .blob(Data([0, 1, 255])), .blob(Data()), .int64(1),
            ])
        #expect((read[0][0] as String?) == nil)
        #expect((read[1][0] as Int64) == .max)
        #expect((read[3]["A"] as Double) == -0.5)
        #expect((read[9][0] as Bool))
        // The text was bound whole, NUL included: it and the blob are the two values of three bytes.
        #expect(
            try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM t WHERE length(CAST(a AS BLOB)) = 3")
            }
                == 2)
    }

    @Test func columnsAreFoundByNameAsSQLiteMatchesThem() throws {
        let queue = try table("Made_On, made_onx, \"Ä\"")
        try queue.write { db in try db.execute(sql: "INSERT INTO t VALUES (1, 2, 3)") }
        let row = try queue.read { db in try Row.fetchAll(db, sql: "SELECT * FROM t") }[0]
        #expect((row["Made_On"] as Int) == 1)
        #expect((row["MADE_ON"] as Int) == 1)
        #expect((row["made_onX"] as Int) == 2)
        #expect((row["Ä"] as Int) == 3)
        // SQLite folds the case of ASCII letters only in names, and so does the lookup.
        #expect(Row.sameIgnoringASCIICase("made_on", "MADE_ON"))
        #expect(!Row.sameIgnoringASCIICase("Ä", "ä"))
        #expect(!Row.sameIgnoringASCIICase("made_on", "made_o"))
        #expect(!Row.sameIgnoringASCIICase("a@", "A`"))
    }

    @Test func conversionsGoAsFarAsSQLitesAffinityAndNoFurther() {
        #expect(Int64.fromDatabaseValue(.double(2)) == 2)
        #expect(Int64.fromDatabaseValue(.double(2.5)) == nil)
        #expect(Double.fromDatabaseValue(.int64(3)) == 3)
        #expect(String.fromDatabaseValue(.int64(3)) == nil)
        #expect(String.fromDatabaseValue(.blob(Data("ok".utf8))) == "ok")
        #expect(Int?.fromDatabaseValue(.null) == .some(nil))
        #expect(Int?.fromDatabaseValue(.string("x")) == nil)
    }

    @Test func argumentsThatDoNotFitTheStatementAreRefusedWithTheStatement() throws {
        let queue = try table("a, b")
        let tooFew = #expect(throws: DatabaseError.self) {
            try queue.write { db in try db.execute(sql: "INSERT INTO t VALUES (?, ?)", arguments: [1]) }
        }
        #expect(tooFew?.message == "wrong number of statement arguments: 1 for 2")
        #expect(tooFew?.sql == "INSERT INTO t VALUES (?, ?)")
        let leftOver = #expect(throws: DatabaseError.self) {
            try queue.write { db in
                try db.execute(sql: "INSERT INTO t VALUES (?, 1); INSERT INTO t VALUES (2, 2)", arguments: [1, 2])
            }
        }
        #expect(leftOver?.message == "1 statement arguments left unused")
        #expect(try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM t") } == 0)
    }

    @Test func aFailedStatementCarriesSQLitesCodeAndMessage() throws {
        let queue = try table("a INTEGER CHECK (a > 0)")
        let error = #expect(throws: DatabaseError.self) {
            try queue.write { db in try db.execute(sql: "INSERT INTO t VALUES (?)", arguments: [-1]) }
        }
        #expect(error.map { $0.resultCode & 0xff } == SQLITE_CONSTRAINT)
        #expect(error?.message == "CHECK constraint failed: a > 0")
        #expect(
            error?.description.hasPrefix("SQLite error 19: CHECK constraint failed: a > 0 - while executing") == true)
        let syntax = #expect(throws: DatabaseError.self) {
            try queue.read { db in try db.makeStatement(sql: "SELEC 1") }
        }
        #expect(syntax?.message?.contains("syntax error") == true)
        let two = #expect(throws: DatabaseError.self) {
            try queue.read { db in try db.makeStatement(sql: "SELECT 1; SELECT 2") }
        }
        #expect(two?.message == "more than one statement in one prepared statement")
    }

    @Test func aWriteThatThrowsLeavesNothingAndAReadWritesNothing() throws {
        struct Planned: Error {}
        let queue = try table()
        #expect(throws: Planned.self) {
            try queue.write { db in
                try db.execute(sql: "INSERT INTO t VALUES (1)")
                throw Planned()
            }
        }
        try expectReadsRefuseWritesAndWritesLand(queue)
    }

    /// A read of `writer` (whose table `t` is empty) is refused a write, and a write after it still lands.
    private func expectReadsRefuseWritesAndWritesLand(_ writer: some DatabaseWriter) throws {
        let refused = #expect(throws: DatabaseError.self) {
            try writer.read { db in try db.execute(sql: "INSERT INTO t VALUES (1)") }
        }
        #expect(refused?.message?.contains("readonly") == true)
        try writer.write { db in try db.execute(sql: "INSERT INTO t VALUES (2)") }
        #expect(try writer.read { db in try Int.fetchAll(db, sql: "SELECT a FROM t") } == [2])
    }

    @Test func aPoolReadSeesTheLastCommitBeforeItBeganWhileTheWriterGoesOn() throws {
        let folder = try TemporaryDirectory()
        let pool = try DatabasePool(path: folder.path("pool.sqlite").path)
        try pool.write { db in try db.execute(sql: "CREATE TABLE t (a); INSERT INTO t VALUES (1)") }
        let count = { (db: Database) in try Int.fetchOne(db, sql: "SELECT count(*) FROM t") }
        let (before, after) = try pool.read { db in
            let before = try count(db)
            try pool.write { db in try db.execute(sql: "INSERT INTO t VALUES (2)") }
            return (before, try count(db))
        }
        #expect(before == 1 && after == 1)
        #expect(try pool.read(count) == 2)
        #expect(try pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "wal")
    }

    /// Readers on other threads while the writer commits row after row: every read is one snapshot, whole
    /// commits only, and the two statements of a read agree.
    @Test func readersOnOtherThreadsSeeWholeCommitsInOneSnapshot() throws {
        let folder = try TemporaryDirectory()
        let pool = try DatabasePool(path: folder.path("pool.sqlite").path)
        try pool.write { db in try db.execute(sql: "CREATE TABLE t (a INTEGER)") }
        let commits = 300
        let failures = DispatchQueue(label: "failures")
        nonisolated(unsafe) var problems: [String] = []
        nonisolated(unsafe) var reads = 0
        DispatchQueue.concurrentPerform(iterations: 3) { worker in
            if worker == 0 {
                for value in 1...commits {
                    do {
                        try pool.write { db in
                            try db.execute(sql: "INSERT INTO t VALUES (?)", arguments: [value])
                            try db.execute(sql: "INSERT INTO t VALUES (?)", arguments: [-value])
                        }
                    } catch { failures.sync { problems.append("write \(value): \(error)") } }
                }
                return
            }
            var last = 0
            while last < 2 * commits {
                do {
                    let (count, sum, again) = try pool.read { db in
                        (
                            try Int.fetchOne(db, sql: "SELECT count(*) FROM t") ?? -1,
                            try Int.fetchOne(db, sql: "SELECT coalesce(sum(a), 0) FROM t") ?? -1,
                            try Int.fetchOne(db, sql: "SELECT count(*) FROM t") ?? -1
                        )
                    }
                    if count % 2 != 0 || sum != 0 || again != count || count < last {
                        failures.sync { problems.append("read \(count) rows, sum \(sum), then \(again)") }
                        return
                    }
                    last = count
                    failures.sync { reads += 1 }
                } catch {
                    failures.sync { problems.append("read: \(error)") }
                    return
                }
            }
        }
        #expect(problems.isEmpty, "\(problems.prefix(3))")
        #expect(reads >= 2)
        #expect(try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM t") } == 2 * commits)
    }

    /// Access is not reentrant: a read inside a write of the same queue would wait on itself forever, so it
    /// stops the program with a message instead (run in a child process).
    @Test func aReadInsideAWriteOfTheSameQueueStopsTheProgram() async {
        await #expect(processExitsWith: .failure) {
            let queue = try DatabaseQueue()
            _ = try queue.write { _ in try queue.read { db in try Int.fetchOne(db, sql: "SELECT 1") } }
        }
    }

    @Test func aCursorLeftBeforeItsEndHoldsNoSnapshotAndItsRowKeepsItsValues() throws {
        let folder = try TemporaryDirectory()
        let pool = try DatabasePool(path: folder.path("pool.sqlite").path)
        try pool.write { db in try db.execute(sql: "CREATE TABLE t (a); INSERT INTO t VALUES (1), (2)") }
        let first = try pool.read { db in
            let row = try #require(try Row.fetchCursor(db.cachedStatement(sql: "SELECT a FROM t ORDER BY a")).next())
            return row[0] as Int
        }
        #expect(first == 1)
        try pool.write { db in try db.execute(sql: "INSERT INTO t VALUES (3)") }
        // The same reader connection, its cached statement left after one row of two: the read sees the insert.
        #expect(try pool.read { db in try Int.fetchAll(db, sql: "SELECT a FROM t ORDER BY a") } == [1, 2, 3])
        // A row outlives the cursor it came from (which would otherwise reset the statement under it).
        let values = try pool.read { db in
            let row = try #require(try Row.fetchCursor(db, sql: "SELECT 7, 'x'").next())
            return (row[0] as Int, row[1] as String)
        }
        #expect(values == (7, "x"))
    }

    @Test func aPoolReadRefusesWritesAndItsWriterStillWrites() throws {
        let folder = try TemporaryDirectory()
        let pool = try DatabasePool(path: folder.path("pool.sqlite").path)
        try pool.write { db in try db.execute(sql: "CREATE TABLE t (a)") }
        try expectReadsRefuseWritesAndWritesLand(pool)
    }

    @Test func aMigrationRunsOnceAndOneThatFailsLeavesNoTrace() throws {
        struct Planned: Error {}
        let queue = try DatabaseQueue()
        var migrator = DatabaseMigrator()
        migrator.registerMigration("one") { db in try db.execute(sql: "CREATE TABLE parent (id INTEGER PRIMARY KEY)") }
        migrator.registerMigration("two") { db in
            try db.execute(sql: "CREATE TABLE child (parent INTEGER REFERENCES parent(id))")
            throw Planned()
        }
        #expect(throws: Planned.self) { try migrator.migrate(queue) }
        let tables = {
            try queue.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master ORDER BY name") }
        }
        let applied = {
            try queue.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        }
        #expect(try applied() == ["one"])
        #expect(try !tables().contains("child"))

        // "one" is not run again (its table exists); a migration that breaks a foreign key is refused.
        var fixed = DatabaseMigrator()
        fixed.registerMigration("one") { _ in Issue.record("an applied migration ran again") }
        fixed.registerMigration("two") { db in
            try db.execute(
                sql: "CREATE TABLE child (parent INTEGER REFERENCES parent(id)); INSERT INTO child VALUES (7)")
        }
        let orphan = #expect(throws: DatabaseError.self) { try fixed.migrate(queue) }
        #expect(orphan?.message == "migration two: a row of child refers to a missing parent")
        #expect(try applied() == ["one"])
        var ordered = DatabaseMigrator()
        ordered.registerMigration("one") { _ in }
        ordered.registerMigration("two") { db in
            try db.execute(
                sql: "CREATE TABLE child (parent INTEGER REFERENCES parent(id)); INSERT INTO parent VALUES (7)")
            try db.execute(sql: "INSERT INTO child VALUES (7)")
        }
        try ordered.migrate(queue)
        #expect(try applied().sorted() == ["one", "two"])
        // Foreign keys are enforced again once the migrations are done.
        #expect(throws: DatabaseError.self) {
            try queue.write { db in try db.execute(sql: "INSERT INTO child VALUES (8)") }
        }
    }

    /// A store the GRDB-based Foresite wrote (a demo target's, run on 2026-11-29 and trimmed with sqlite3 to
    /// two months of prices and one backtest origin; its 210 ledger rows as written) opens without
    /// migrating again, reads the same stored values (the GRDB-era ledger memo matches byte for byte) and
    /// takes new writes.
    @Test func aStoreTheGRDBBasedStoreWroteOpensReadsAndWritesAsBefore() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/grdb-made-store.sqlite")
        let folder = try TemporaryDirectory()
        let path = folder.path("store.sqlite").path
        try FileManager.default.copyItem(atPath: fixture.path, toPath: path)
        let store = try FeatureStore(path: path, clock: .at(StoreFixtures.day("2026-11-30")))
        let migrations = try store.read("test") { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
        }
        #expect(migrations == StoreSchema.migrator.identifiers)
        #expect(try store.ledger.verify().summary == "210 forecasts since 2026-11-27, chain verified")
        let memo = try #require(try store.ledger.memo(ofFirst: 210))
        #expect(
            memo
                == LedgerVerificationMemo(
                    rows: 210, storedSHA256: "de5ccbb861145f0dab9cc5c1a779d41ea2c34650d8cdf70681a9a73d0610f5e6",
                    head: "c068a7ced885569c3ac4c91179a25735f75d3cf66009e9d8e1479c8b17adbb0e"))
        let candles = try store.candles(group: "alt1")
        #expect(candles.count == 59 && candles.first?.day == StoreFixtures.day("2026-10-01"))
        #expect(try store.groups().map(\.name) == ["alt1", "bitcoin", "btc_vol", "fear_greed"])
        let next = StoreFixtures.candles(from: StoreFixtures.day("2026-11-29"), count: 1)
        try store.write(command: "update") { _ = try $0.upsert(next, into: "alt1") }
        let reopened = try FeatureStore(path: path, clock: .at(StoreFixtures.day("2026-11-30")))
        #expect(try reopened.candles(group: "alt1").count == 60)
        #expect(try reopened.contentHash() == store.contentHash())
    }
}
