import ForesiteCore
import ForesiteTestSupport
import Testing

@testable import ForesiteStore

struct ModelRegistryTests {
    private func model(_ version: String, mae: Double = 1) -> ModelRecord {
        ModelRecord(
            version: version, createdAt: "2024-12-23T00:00:0\(version.count)Z", targetMode: .returns,
            configHash: Config().hashForModel, artifactPath: "data/models/\(version).json", artifactSHA256: "00ff",
            dataFirstDay: StoreFixtures.day("2021-06-01"), dataLastDay: StoreFixtures.day("2024-12-22"),
            testFirstDay: StoreFixtures.day("2024-04-01"), testLastDay: StoreFixtures.day("2024-12-22"),
            metricsJSON: #"{"r2":0.4}"#, testMAE: mae, naiveTestMAE: 2)
    }

    @Test func promotionKeepsExactlyOneChampion() throws {
        let store = try FeatureStore.inMemory()
        #expect(try store.registry.champion() == nil)
        try store.write(command: "train") { writer in
            try writer.register(model("v1"))
            try writer.promote(version: "v1")
        }
        try store.write(command: "train") { writer in
            try writer.register(model("v2", mae: 0.5))
            try writer.promote(version: "v2")
        }
        #expect(try store.registry.champion()?.version == "v2")
        #expect(try store.registry.all().map(\.isChampion) == [false, true])
        try store.write(command: "promote") { try $0.promote(version: "v2") }
        #expect(try store.registry.all().filter(\.isChampion).count == 1)
        var expected = model("v2", mae: 0.5)
        expected.isChampion = true
        #expect(try store.registry.model(version: "v2") == expected)
    }

    @Test func theIndexRefusesASecondChampionEvenFromRawSQL() throws {
        let store = try FeatureStore.inMemory()
        try store.write(command: "train") { writer in
            try writer.register(model("v1"))
            try writer.register(model("v2"))
            try writer.promote(version: "v1")
        }
        #expect(throws: DatabaseError.self) {
            try store.database.write { db in
                try db.execute(sql: "UPDATE model SET is_champion = 1 WHERE version = 'v2'")
            }
        }
    }

    @Test func unknownAndDuplicateVersionsAreErrorsAndRollBack() throws {
        let store = try FeatureStore.inMemory()
        try store.write(command: "train") { try $0.register(model("v1")) }
        #expect(throws: StoreError.duplicateModel(version: "v1")) {
            try store.write(command: "train") { try $0.register(model("v1")) }
        }
        #expect(throws: StoreError.unknownModel(version: "v9")) {
            try store.write(command: "train") { writer in
                try writer.register(model("v2"))
                try writer.promote(version: "v9")
            }
        }
        #expect(try store.registry.all().map(\.version) == ["v1"])
    }
}
