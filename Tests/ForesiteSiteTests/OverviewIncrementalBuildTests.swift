import ForesiteCore
import ForesiteTestSupport
import Foundation
import Testing

@testable import ForesiteSite

/// The overview site's build reuses each target's unchanged files through that target's own build cache,
/// and still makes exactly the site a build without any cache makes.
@Suite("Incremental overview build")
struct OverviewIncrementalBuildTests {
    static let days = [Day(iso: "2025-01-03")!, Day(iso: "2025-01-04")!, Day(iso: "2025-01-05")!]
    static let full = OverviewSiteTests.overview()

    /// The overview as it stood on `day` (every target through it), with `change` applied to each target.
    static func overview(through day: Day, _ change: (inout SiteContent) -> Void = { _ in }) -> SiteOverview {
        SiteOverview(
            site: full.site,
            targets: full.targets.map { target in
                var content = target.through(day)
                change(&content)
                return content
            })
    }

    @Test func aWarmBuildMakesTheSiteAColdBuildMakes() throws {
        let folder = try TemporaryDirectory()
        let builder = try SiteFixture.builder()
        let warm = folder.path("warm/docs")
        let histories: [HistorySource?] = [nil, nil, nil]
        try builder.build(Self.overview(through: Self.days[0]), histories: histories, into: warm)
        try builder.build(Self.overview(through: Self.days[1]), histories: histories, into: warm)
        let last = Self.overview(through: Self.days[2])
        let reused = try Self.incremental(builder, last, output: warm).reused.keys
        try builder.build(last, histories: histories, into: warm)
        let cold = folder.path("cold/docs")
        try builder.build(last, histories: histories, into: cold)

        #expect(try IncrementalBuildTests.tree(warm) == IncrementalBuildTests.tree(cold))
        // Every target reused its settled hub forecasts, each from its own folder's cache.
        for slug in ["solana", "alpha", "beta"] {
            #expect(reused.contains { $0.hasPrefix(slug + "/hub/model-output/") }, "\(slug) reused nothing")
            #expect(
                FileManager.default.fileExists(
                    atPath: BuildCache.location(for: warm, target: slug).path))
        }
        #expect(!FileManager.default.fileExists(atPath: BuildCache.location(for: warm).path))
    }

    @Test func aChangeToOneTargetsFrameRebuildsThatTargetOnly() throws {
        let folder = try TemporaryDirectory()
        let builder = try SiteFixture.builder()
        let output = folder.path("docs")
        let histories: [HistorySource?] = [nil, nil, nil]
        try builder.build(Self.overview(through: Self.days[1]), histories: histories, into: output)
        // One target's data are stale today: a banner on its every page, so nothing of it may be reused.
        let stale = Self.overview(through: Self.days[2]) { content in
            if content.target.group == "alpha" {
                content.staleNotice = SiteContent.StaleNotice(
                    dataAsOf: Day(iso: "2025-01-03")!, failedSources: ["alpha prices"])
            }
        }
        let reused = try Self.incremental(builder, stale, output: output).reused.keys
        #expect(!reused.contains { $0.hasPrefix("alpha/") })
        #expect(reused.contains { $0.hasPrefix("beta/") } && reused.contains { $0.hasPrefix("solana/") })
        try builder.build(stale, histories: histories, into: output)
        let cold = folder.path("cold/docs")
        try builder.build(stale, histories: histories, into: cold)
        #expect(try IncrementalBuildTests.tree(output) == IncrementalBuildTests.tree(cold))
        let page = try String(contentsOf: output.appendingPathComponent("alpha/accuracy.html"), encoding: .utf8)
        #expect(page.contains("source alpha prices failed"))
    }

    @Test func aDroppedTargetsCacheGoesAndASingleSiteDropsThemAll() throws {
        let folder = try TemporaryDirectory()
        let builder = try SiteFixture.builder()
        let output = folder.path("docs")
        try builder.build(Self.overview(through: Self.days[2]), histories: [nil, nil, nil], into: output)
        let two = Self.overview(through: Self.days[2])
        try builder.build(
            SiteOverview(site: two.site, targets: Array(two.targets.prefix(2))), histories: [nil, nil], into: output)
        #expect(FileManager.default.fileExists(atPath: BuildCache.location(for: output, target: "solana").path))
        #expect(!FileManager.default.fileExists(atPath: BuildCache.location(for: output, target: "beta").path))
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("beta").path))

        try builder.build(IncrementalBuildTests.full, into: output)
        for slug in ["solana", "alpha", "beta"] {
            #expect(!FileManager.default.fileExists(atPath: BuildCache.location(for: output, target: slug).path))
        }
        #expect(FileManager.default.fileExists(atPath: BuildCache.location(for: output).path))
    }

    /// The incremental render `build` does, without writing: the files, with what it reused.
    static func incremental(_ builder: SiteBuilder, _ overview: SiteOverview, output: URL) throws -> SiteFiles {
        let targets = overview.targets.map { OverviewTarget($0, cached: (builder, output)) }
        var timings = BuildTimings()
        var clock = BuildTimings.Clock()
        return try builder.render(
            overview, targets: targets, histories: targets.map { _ in nil }, timings: &timings, clock: &clock
        ).files
    }
}
