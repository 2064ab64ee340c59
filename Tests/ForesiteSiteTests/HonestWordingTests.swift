import ForesiteCore
import Foundation
import Testing

@testable import ForesiteSite

/// The site may state an amount of skill only where the Diebold–Mariano test found one (issue 11).
@Suite("Skill is worded as honestly as the test allows")
struct HonestWordingTests {
    /// Every comparison of `table` set to `verdict` at relative WIS `relative`.
    static func forced(
        _ table: SiteContent.SkillTable, verdict: SkillVerdict, relative: Double
    ) -> SiteContent.SkillTable {
        var table = table
        func force(_ comparison: SkillComparison) -> SkillComparison {
            var comparison = comparison
            comparison.verdict = verdict
            comparison.relativeWIS = relative
            return comparison
        }
        table.horizons = table.horizons.map(force)
        table.overall = force(table.overall)
        return table
    }

    static func content(verdict: SkillVerdict, relative: Double) throws -> SiteContent {
        var content = SiteFixture.content()
        content.liveSkill = forced(try #require(content.liveSkill), verdict: verdict, relative: relative)
        let tables = content.backtest?.tables ?? []
        content.backtest?.tables = tables.map { forced($0, verdict: verdict, relative: relative) }
        for index in content.leaderboards.indices {
            content.leaderboards[index].tables = content.leaderboards[index].tables.map {
                forced($0, verdict: verdict, relative: relative)
            }
        }
        return content
    }

    /// "3 % better", "12.5 % worse": an amount of skill.
    static func amounts(in html: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: "[0-9.]+ % (better|worse)")
        return pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).map {
            String(html[Range($0.range, in: html)!])
        }
    }

    /// A page up to its glossary, which names every phrase in the abstract.
    static func findings(_ files: SiteFiles, _ page: String) throws -> String {
        let html = try #require(files.text(page))
        return String(html.components(separatedBy: "id=\"glossary\"")[0])
    }

    @Test(arguments: [SkillVerdict.indistinguishable, .tooFew])
    func noAmountWithoutASignificantDifference(verdict: SkillVerdict) throws {
        let files = try SiteFixture.builder().render(try Self.content(verdict: verdict, relative: 0.97))
        for page in ["index.html", "accuracy.html"] {
            let html = try Self.findings(files, page)
            #expect(Self.amounts(in: html).isEmpty, "\(page): \(Self.amounts(in: html))")
            #expect(html.contains(verdict.phrase), "\(page) lacks “\(verdict.phrase)”")
        }
    }

    @Test func aSignificantDifferenceIsStatedWithItsSize() throws {
        let files = try SiteFixture.builder().render(try Self.content(verdict: .better, relative: 0.97))
        for page in ["index.html", "accuracy.html"] {
            let html = try Self.findings(files, page)
            #expect(html.contains("3 % better than persistence"), "\(page)")
            #expect(!html.contains("not distinguishable"), "\(page)")
        }
    }

    @Test func withoutScoredForecastsTheIndexSaysSoPlainly() throws {
        var content = SiteFixture.content()
        content.liveSkill = nil
        let html = try #require(try SiteFixture.builder().render(content).text("index.html"))
        #expect(html.contains("No forecast has been scored yet"))
        #expect(Self.amounts(in: html).isEmpty)
    }

    @Test func headlineQuotesTheOriginsCloseAsReference() throws {
        let content = SiteFixture.content()
        let forecast = try #require(content.latestForecast)
        let close = try #require(content.targetCandles.first { $0.day == forecast.origin }?.close)
        #expect(abs(forecast.reference - close) < 1e-9 * close)
        let final = try #require(forecast.steps.last)
        let html = try #require(try SiteFixture.builder().render(content).text("index.html"))
        #expect(html.contains("is forecast to close at <span class=\"figure-number\">"))
        let change = NumberFormat.signedPercent(final.median / close - 1)
        #expect(html.contains("\(change) from the \(forecast.origin.iso) close of \(NumberFormat.currency(close))"))
    }

    @Test func verdictWordsFollowTheTest() throws {
        let table = try #require(SiteFixture.content().liveSkill)
        var comparison = table.overall
        comparison.relativeWIS = 0.88
        comparison.verdict = .better
        #expect(SkillWording.verdict(comparison) == "12 % better than persistence")
        comparison.relativeWIS = 1.05
        comparison.verdict = .worse
        #expect(SkillWording.verdict(comparison) == "5 % worse than persistence")
        comparison.verdict = .indistinguishable
        #expect(SkillWording.verdict(comparison) == "not distinguishable from persistence")
    }
}
