import Foundation

/// One target's folder in an overview build: its content as part of the overview, and what its build
/// cache lets the build reuse.
struct OverviewTarget: Sendable {
    let slug: String
    let content: SiteContent
    /// The day spliced into the footer; nil for a build without cache (every file made as it is).
    let splice: AsOfSplice?
    /// Nil when nothing can be reused: no cache, or an executable that cannot be identified.
    let environment: BuildDigest?
    let previous: PreviousBuild?
    let cacheURL: URL?

    /// A target made in full, with no cache.
    init(_ content: SiteContent) {
        var content = content
        content.isPartOfOverview = true
        self.slug = SiteOverview.slug(of: content)
        self.content = content
        splice = nil
        environment = nil
        previous = nil
        cacheURL = nil
    }

    /// A target whose folder in `output` the cache beside it describes.
    init(_ content: SiteContent, builder: SiteBuilder, output: URL) {
        var content = content
        content.isPartOfOverview = true
        let slug = SiteOverview.slug(of: content)
        self.slug = slug
        self.content = content
        splice = AsOfSplice(content.asOf)
        let cacheURL = BuildCache.location(for: output, target: slug)
        self.cacheURL = cacheURL
        environment = splice == nil ? nil : builder.environmentDigest(content)
        previous = environment.map {
            PreviousBuild(
                cache: BuildCache.load(from: cacheURL, environment: $0),
                output: output.appendingPathComponent(slug, isDirectory: true))
        }
    }

    /// Saves the cache of this target's folder after a build that wrote `identities` (paths in the whole
    /// site); removes it when nothing may be reused next time.
    func saveCache(identities: [String: FileIdentity], record: BuildRecord, scans: [String: PageScan]) {
        guard let cacheURL else { return }
        guard let environment else {
            try? FileManager.default.removeItem(at: cacheURL)
            return
        }
        let cache = BuildCache(
            environment: environment, identities: identities, record: record, scans: scans, day: content.asOf.iso,
            prefix: slug + "/")
        try? cache.save(to: cacheURL)
    }
}
