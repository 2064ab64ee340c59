import ForesiteCore

/// Which models have a page (`models/<id>.html`) and where it is, so every link to a model page
/// resolves: the catalog's models, and any other valid name the leaderboards, backtest or archive show.
enum ModelLinks {
    static func path(_ model: String) -> String { "models/\(model).html" }

    /// Catalog order first, then other names in alphabetical order; "published" never has a page.
    static func pageIDs(_ content: SiteContent) -> [ModelID] {
        var ids = content.modelSummaries.map(\.id)
        var others = Set<String>()
        for window in content.leaderboards { others.formUnion(window.tables.map(\.model)) }
        others.formUnion(content.backtest?.tables.map(\.model) ?? [])
        for day in content.archive { others.formUnion(day.forecasts.map(\.model.rawValue)) }
        let known = Set(ids.map(\.rawValue))
        ids += others.filter { ModelID.isValid($0) && !known.contains($0) && $0 != ModelID.published.rawValue }
            .sorted().map { ModelID($0) }
        return ids
    }

    /// `pageIDs(content).contains(id)` without listing every name of a year of archive days: each archive
    /// page asks about its own few models.
    static func hasPage(_ id: ModelID, in content: SiteContent) -> Bool {
        if content.modelSummaries.contains(where: { $0.id == id }) { return true }
        guard ModelID.isValid(id.rawValue), id != .published else { return false }
        return content.leaderboards.contains { $0.tables.contains { $0.model == id.rawValue } }
            || content.backtest?.tables.contains { $0.model == id.rawValue } == true
            || content.archive.contains { $0.forecasts.contains { $0.model == id } }
    }
}
