import ForesiteCore
import Mustache
import Testing

@testable import ForesiteSite

/// The page models answer Mustache lookups by name instead of by reflection; every stored property must
/// be answered, or a template would silently render nothing for it.
@Suite("Page models answer every template lookup")
struct MustacheLookupTests {
    static func models() throws -> [(String, any MustacheParent)] {
        let content = SiteFixture.content()
        let files = try SiteFixture.builder().render(content)
        let index = IndexPage(content: content, trendSeries: [])
        return [
            ("IndexPage", index), ("AccuracyPage", AccuracyPage(content: content)),
            ("ModelPage", ModelPage(content: content)),
            ("DataPage", DataPage(content: content, files: files, trendSeries: [])),
            ("NotFoundPage", NotFoundPage(content: content)), ("PageFrame", index.page),
            ("NavItem", index.page.nav[0]), ("FigureView", index.priceChart),
        ] + archive(content) + leaderboard(content) + modelPages(content, files: files)
    }

    /// The leaderboard of every forecast, its rows and the backtest's skill tables.
    static func leaderboard(_ content: SiteContent) -> [(String, any MustacheParent)] {
        let accuracy = AccuracyPage(content: content)
        var models: [(String, any MustacheParent)] = [("Leaderboard", accuracy.leaderboard)]
        if let tab = accuracy.leaderboard.tabs.first { models.append(("Leaderboard.Tab", tab)) }
        if let row = accuracy.leaderboard.rows.first(where: { $0.href != nil }) {
            models.append(("Leaderboard.Row", row))
        }
        if let backtest = accuracy.backtest {
            models.append(("AccuracyPage.Backtest", backtest))
            if let section = backtest.sections.first {
                models.append(("SkillRows.Section", section))
                models.append(("SkillRows.Row", section.rows[0]))
            }
        }
        return models
    }

    /// The model pages, the models list's entries and the archive index.
    static func modelPages(_ content: SiteContent, files: SiteFiles) -> [(String, any MustacheParent)] {
        var models: [(String, any MustacheParent)] = []
        let pages = ModelLinks.pageIDs(content).map { ModelDetailPage(content: content, id: $0, files: files) }
        if let page = pages.first(where: { $0.card != nil && $0.horizons != nil && $0.backtest != nil }) {
            models.append(("ModelDetailPage", page))
            if let row = page.windowRows.first { models.append(("ModelDetailPage.WindowRow", row)) }
            if let card = page.card { models.append(("ModelDetailPage.Card", card)) }
            if let row = page.metricRows.first { models.append(("ModelDetailPage.MetricRow", row)) }
        }
        if let entry = ModelPage(content: content).entries.first { models.append(("ModelPage.Entry", entry)) }
        let archive = ArchiveIndexPage(content: content)
        models.append(("ArchiveIndexPage", archive))
        if let entry = archive.entries.first { models.append(("ArchiveIndexPage.Entry", entry)) }
        return models
    }

    /// The archive page of the fixture's busiest day and its nested rows.
    static func archive(_ content: SiteContent) -> [(String, any MustacheParent)] {
        guard let day = content.archive.max(by: { $0.forecasts.count < $1.forecasts.count }) else { return [] }
        let page = ArchivePage(content: content, day: day, previous: day.madeOn.adding(days: -1), next: nil)
        var models: [(String, any MustacheParent)] = [("ArchivePage", page)]
        if let column = page.columns.first { models.append(("ArchivePage.Column", column)) }
        if let row = page.rows.first(where: { !$0.cells.isEmpty }) {
            models.append(("ArchivePage.Row", row))
            models.append(("ArchivePage.Cell", row.cells[0]))
        }
        if let previous = page.previous { models.append(("ArchivePage.Neighbour", previous)) }
        return models
    }

    @Test func everyStoredPropertyIsAnsweredByName() throws {
        let models = try Self.models()
        for type in [
            "Leaderboard.Row", "SkillRows.Section", "ModelDetailPage", "ModelDetailPage.Card", "ArchiveIndexPage.Entry",
        ] {
            #expect(models.contains { $0.0 == type }, "the fixture has no \(type)")
        }
        for (type, model) in models {
            for child in Mirror(reflecting: model).children {
                let label = try #require(child.label)
                let isNil =
                    Mirror(reflecting: child.value).displayStyle == .optional
                    && Mirror(reflecting: child.value).children.isEmpty
                #expect((model.child(named: label) == nil) == isNil, "\(type).\(label) is not answered")
            }
            #expect(model.child(named: "noSuchField") == nil)
        }
    }

    @Test func absentOptionalsAnswerNil() {
        let empty = IndexPage(content: SiteFixture.emptyContent(), trendSeries: [])
        #expect(empty.child(named: "headline") == nil)
        #expect(empty.child(named: "modelVersion") == nil)
    }
}
