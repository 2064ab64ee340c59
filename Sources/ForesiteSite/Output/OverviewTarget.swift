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

    /// The target made in full (`cached` nil), or with the build cache beside `cached.output` that
    /// `cached.builder`'s environment digest keys.
    init(_ content: SiteContent, cached: (builder: SiteBuilder, output: URL)? = nil) {
        var content = content
        content.isPartOfOverview = true
        let slug = SiteOverview.slug(of: content)
        self.slug = slug
        self.content = content
        guard let cached else {
            (splice, environment, previous, cacheURL) = (nil, nil, nil, nil)
            return
        }
        splice = AsOfSplice(content.asOf)
        let cacheURL = BuildCache.location(for: cached.output, target: slug)
        self.cacheURL = cacheURL
        environment = splice == nil ? nil : cached.builder.environmentDigest(content)
        previous = environment.map {
            PreviousBuild(
                cache: BuildCache.load(from: cacheURL, environment: $0),
                output: cached.output.appendingPathComponent(slug, isDirectory: true))
        }
    }

    /// Saves the cache of this target's folder after a build that wrote `identities` and `scans` (paths
    /// in the folder); removes it when nothing may be reused next time.
    func saveCache(identities: [String: FileIdentity], record: BuildRecord, scans: [String: PageScan]) {
        guard let cacheURL else { return }
        guard let environment else {
            try? FileManager.default.removeItem(at: cacheURL)
            return
        }
        let cache = BuildCache(
            environment: environment, identities: identities, record: record, scans: scans, day: content.asOf.iso)
        try? cache.save(to: cacheURL)
    }
}
