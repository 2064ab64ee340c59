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
        ] + archive(content)
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
        for (type, model) in try Self.models() {
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
