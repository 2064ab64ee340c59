import ForesiteCore
import Foundation
import Testing

@testable import ForesiteSite

/// `api/leaderboard.json`: the leaderboards' numbers, in rank order, with every key always present.
@Suite("leaderboard.json keeps its shape and order")
struct LeaderboardDocumentTests {
    static let scoreKeys: Set<String> = [
        "relative_wis", "wis", "persistence_wis", "mae", "coverage", "verdict", "p_value", "n",
    ]

    @Test func everyWindowRanksItsModelsWithOverallAndPerHorizonScores() throws {
        let content = SiteFixture.content()
        let files = try SiteFixture.builder().render(content)
        let data = Data(try #require(files["api/leaderboard.json"]))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(json.keys) == ["as_of", "demo", "published", "reference", "windows"])
        #expect(json["published"] as? String == content.publication?.model.rawValue)
        #expect(json["reference"] as? String == "persistence")
        let windows = try #require(json["windows"] as? [String: [String: Any]])
        #expect(Set(windows.keys) == ["30", "90", "all"])
        for window in content.leaderboards {
            let models = try #require(windows[window.id]?["models"] as? [[String: Any]])
            #expect(models.map { $0["model"] as? String } == window.tables.map(\.model))
            #expect(models.map { $0["rank"] as? Int } == Array(1...models.count).map { $0 })
            let relative = models.compactMap { ($0["overall"] as? [String: Any])?["relative_wis"] as? Double }
            #expect(relative == relative.sorted(), "\(window.id) is not sorted by relative WIS")
            for (model, table) in zip(models, window.tables) {
                #expect(!models.contains { $0["model"] as? String == "persistence" })
                let overall = try #require(model["overall"] as? [String: Any])
                #expect(Set(overall.keys) == Self.scoreKeys)
                let coverage = try #require(overall["coverage"] as? [String: Any])
                #expect(Set(coverage.keys) == ["0.5", "0.8", "0.95"])
                #expect(overall["n"] as? Int == table.overall.pairs)
                #expect(overall["verdict"] as? String == table.overall.verdict.rawValue)
                let wis = try #require(overall["wis"] as? Double)
                #expect(abs(wis - table.overall.model.wis) <= 1e-9 * wis)
                let horizons = try #require(model["horizons"] as? [[String: Any]])
                #expect(horizons.map { $0["horizon"] as? Int } == table.horizons.map(\.horizon))
                for horizon in horizons { #expect(Set(horizon.keys) == Self.scoreKeys.union(["horizon"])) }
            }
        }
    }

    @Test func theSameContentGivesTheSameBytes() throws {
        let first = try SiteFixture.builder().render(SiteFixture.content())
        let second = try SiteFixture.builder().render(SiteFixture.content())
        #expect(first["api/leaderboard.json"] == second["api/leaderboard.json"])
        let text = try #require(first.text("api/leaderboard.json"))
        let keys = ["\"as_of\"", "\"demo\"", "\"published\"", "\"reference\"", "\"windows\""]
        let offsets = keys.compactMap { text.range(of: $0)?.lowerBound }
        #expect(offsets.count == keys.count && offsets == offsets.sorted(), "keys are not sorted")
    }

    @Test func withoutLeaderboardsTheDocumentStillHasEveryKey() throws {
        let files = try SiteFixture.builder().render(SiteFixture.emptyContent())
        let data = Data(try #require(files["api/leaderboard.json"]))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["published"] is NSNull)
        #expect((json["windows"] as? [String: Any])?.isEmpty == true)
    }
}
