import ForesiteCore
import Mustache
import Testing

@testable import ForesiteSite

/// The page models answer Mustache lookups by name instead of by reflection; every stored property must
/// be answered, or a template would silently render nothing for it.
@Suite("Page models answer every template lookup")
struct MustacheLookupTests {
    /// The context a build gives the pages of `content`: the standard navigation and the downloads' manifest.
    static func context(_ content: SiteContent) throws -> PageContext {
        var files = SiteFiles()
        let downloads = try Downloads.add(content, history: .inMemory(content), to: &files)
        return PageContext(
            content: content, navigation: SiteBuilder.navigation(of: SiteBuilder.standardPages), downloads: downloads)
    }

    static func models() throws -> [(String, any MustacheParent)] {
        let context = try context(SiteFixture.content())
        let index = IndexPage(context)
        return [
            ("IndexPage", index), ("AccuracyPage", AccuracyPage(context)), ("ModelPage", ModelPage(context)),
            ("DataPage", DataPage(context)), ("NotFoundPage", NotFoundPage(context)), ("PageFrame", index.page),
            ("NavItem", index.page.nav[0]), ("FigureView", index.priceChart),
        ] + archive(context) + leaderboard(context) + modelPages(context) + overview()
    }

    /// The overview of a `targets:` site, one of its cards and a card's step.
    static func overview() -> [(String, any MustacheParent)] {
        let page = OverviewPage(SiteOverview(site: Config.Site(), targets: [SiteFixture.content()]))
        return [
            ("OverviewPage", page), ("OverviewPage.Card", page.cards[0]), ("OverviewPage.Step", page.cards[0].steps[0]),
        ]
    }

    /// The leaderboard of every forecast, its rows and the backtest's skill tables.
    static func leaderboard(_ context: PageContext) -> [(String, any MustacheParent)] {
        let accuracy = AccuracyPage(context)
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
    static func modelPages(_ context: PageContext) -> [(String, any MustacheParent)] {
        var models: [(String, any MustacheParent)] = []
        let pages = ModelDetailPage.pages(context)
        if let page = pages.first(where: { $0.card != nil && $0.horizons != nil && $0.backtest != nil }) {
            models.append(("ModelDetailPage", page))
            if let row = page.windowRows.first { models.append(("ModelDetailPage.WindowRow", row)) }
            if let card = page.card { models.append(("ModelDetailPage.Card", card)) }
            if let row = page.metricRows.first { models.append(("ModelDetailPage.MetricRow", row)) }
        }
        if let entry = ModelPage(context).entries.first { models.append(("ModelPage.Entry", entry)) }
        let archive = ArchiveIndexPage(context)
        models.append(("ArchiveIndexPage", archive))
        if let entry = archive.entries.first { models.append(("ArchiveIndexPage.Entry", entry)) }
        return models
    }

    /// The archive page of the fixture's busiest day and its nested rows.
    static func archive(_ context: PageContext) -> [(String, any MustacheParent)] {
        let content = context.content
        guard let day = content.archive.max(by: { $0.forecasts.count < $1.forecasts.count }) else { return [] }
        let page = ArchivePage(context, day: day, previous: day.madeOn.adding(days: -1), next: nil)
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

    @Test func absentOptionalsAnswerNil() throws {
        let empty = IndexPage(try Self.context(SiteFixture.emptyContent()))
        #expect(empty.child(named: "headline") == nil)
        #expect(empty.child(named: "modelVersion") == nil)
    }
}
