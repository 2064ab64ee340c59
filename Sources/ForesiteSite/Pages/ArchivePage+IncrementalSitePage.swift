import ForesiteCore

/// A year of archive pages is most of the site's markup, and a day's build changes few of them: the day
/// whose actuals arrived and its neighbours. Each page's digest covers everything `init` reads: the day,
/// the days before and after it, and which of its models have a page (the target and the frame are in
/// the build cache's environment). Reading anything else in `init` means adding it here. A page settles on
/// its last target day: after it, no actual the page waits for is still to come.
extension ArchivePage: IncrementalSitePage {
    static func inputs(_ context: PageContext) -> [(file: String, digest: BuildDigest, settledOn: Day?)] {
        let content = context.content
        let archive = content.archive
        var hasPage: [ModelID: Bool] = [:]
        return archive.indices.map { index in
            let day = archive[index]
            var hasher = BuildHasher()
            hasher.add(day)
            hasher.add(index > 0 ? archive[index - 1].madeOn : nil)
            hasher.add(index + 1 < archive.count ? archive[index + 1].madeOn : nil)
            for model in day.forecasts.map(\.model) + (day.published.map { [$0] } ?? []) {
                if hasPage[model] == nil { hasPage[model] = ModelLinks.hasPage(model, in: content) }
                hasher.add(hasPage[model]!)
            }
            let lastTarget = day.forecasts.lazy.flatMap { $0.steps.lazy.map(\.targetDay) }.max()
            return (path(day.madeOn), hasher.digest, lastTarget)
        }
    }

    static func page(at index: Int, _ context: PageContext) -> ArchivePage {
        let archive = context.content.archive
        return ArchivePage(
            context, day: archive[index], previous: index > 0 ? archive[index - 1].madeOn : nil,
            next: index + 1 < archive.count ? archive[index + 1].madeOn : nil)
    }
}
