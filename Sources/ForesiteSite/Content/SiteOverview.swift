import ForesiteCore

/// What the overview of a `targets:` site shows: the site as configured (its root base URL and title) and
/// every target's own content, in the configuration's order, each built for the target's folder.
public struct SiteOverview: Hashable, Sendable {
    /// The configured site: the overview's title, description and base URL (the targets' sites are below).
    public var site: Config.Site
    /// Every target's content; its `site.baseURL` ends in the target's folder (`…/<slug>/`).
    public var targets: [SiteContent]

    public init(site: Config.Site, targets: [SiteContent]) {
        self.site = site
        self.targets = targets
    }

    /// The target's folder under the output: its group name.
    public static func slug(of content: SiteContent) -> String { content.target.group }

    /// The newest day any target's data reaches.
    public var asOf: Day { targets.map(\.asOf).max() ?? Day(daysSinceEpoch: 0) }

    /// True when any target is built from the demo market (the overview then carries the demo banner).
    public var isDemo: Bool { targets.contains(where: \.isDemo) }

    /// The sources that failed for any target, once each in target order, for the overview's banner.
    public var staleNotice: SiteContent.StaleNotice? {
        let notices = targets.compactMap(\.staleNotice)
        guard let oldest = notices.map(\.dataAsOf).min() else { return nil }
        let sources = notices.flatMap(\.failedSources).reduce(into: [String]()) { names, name in
            if !names.contains(name) { names.append(name) }
        }
        return SiteContent.StaleNotice(dataAsOf: oldest, failedSources: sources)
    }
}
