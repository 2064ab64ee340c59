import ForesiteCore
import ForesiteTestSupport
import Foundation
import Testing

@testable import ForesiteSite

/// The build cache may only ever save work: a build that reuses the previous build's files makes exactly
/// the site a build without any cache makes, and nothing stale is reused.
@Suite("Incremental site build")
struct IncrementalBuildTests {
    /// Three days of the fixture's content, one after the other.
    static let full: SiteContent = {
        var site = Config.Site()
        site.baseURL = "https://example.org/foresite/"
        return SiteContent.synthetic(days: 152, asOf: Day(iso: "2025-01-07")!, forecastDays: 22, seed: 11, site: site)
    }()
    static let days = [Day(iso: "2025-01-05")!, Day(iso: "2025-01-06")!, Day(iso: "2025-01-07")!]

    @Test func aWarmBuildMakesTheSiteAColdBuildMakes() throws {
        let folder = try TemporaryDirectory()
        let builder = try SiteFixture.builder()
        let warm = folder.path("warm/docs")
        try builder.build(Self.full.through(Self.days[0]), into: warm)
        try builder.build(Self.full.through(Self.days[1]), into: warm)
        let (files, record) = try incremental(builder, Self.full.through(Self.days[2]), output: warm)
        try builder.build(Self.full.through(Self.days[2]), into: warm)
        let cold = folder.path("cold/docs")
        try builder.build(Self.full.through(Self.days[2]), into: cold)

        #expect(try Self.tree(warm) == Self.tree(cold))
        // The build did reuse: most hub forecasts and archive pages were not made again.
        let hub = files.paths.filter { $0.hasPrefix("hub/model-output/") }
        let archive = files.paths.filter { $0.hasPrefix("forecasts/2") }
        let reusedHub = files.reused.keys.filter { $0.hasPrefix("hub/") }
        #expect(reusedHub.count > hub.count / 2)
        // Every archive day whose horizons had all passed yesterday; not the newer days, whose actuals (or
        // whose next day) arrived.
        let horizon = Config().model.horizon
        let settled = archive.filter { $0 < ArchivePage.path(Self.days[1].adding(days: -horizon)) }
        #expect(!settled.isEmpty && settled.allSatisfy(record.reusedPages.contains))
        #expect(!record.reusedPages.contains("forecasts/2025-01-07.html"))
        #expect(!record.reusedPages.contains("forecasts/2025-01-06.html"))
        // Pages settled by yesterday's build (their last target day passed) are linked from the previous
        // site as they are, never read back or rewritten; exactly those.
        let linked = archive.filter { $0 <= ArchivePage.path(Self.days[1].adding(days: -horizon)) }
        #expect(Set(files.reused.keys).subtracting(reusedHub) == Set(linked))
    }

    @Test func aBuildWritesExactlyWhatRenderingInMemoryMakes() throws {
        // The build renders the footer's day as a placeholder and splices it in; `render` does neither.
        let folder = try TemporaryDirectory()
        let builder = try SiteFixture.builder()
        let output = folder.path("docs")
        try builder.build(Self.full.through(Self.days[1]), into: output)
        try builder.build(Self.full.through(Self.days[2]), into: output)
        let rendered = try builder.render(Self.full.through(Self.days[2]))
        #expect(try Self.tree(output) == rendered.files)
        // A page still waiting for actuals shows the build's day; a settled one the last day it shows,
        // whichever build made it.
        #expect(rendered.text("forecasts/2025-01-06.html")?.contains("Data as of 2025-01-07.") == true)
        let horizon = Config().model.horizon
        // The fixture forecasts on its origin day: the page of 2024-12-20 waits for 2024-12-20 + horizon.
        let settledOn = Day(iso: "2024-12-20")!.adding(days: horizon)
        #expect(rendered.text("forecasts/2024-12-20.html")?.contains("Data as of \(settledOn.iso).") == true)
        #expect(rendered.text("index.html")?.contains("Data as of 2025-01-07.") == true)
    }

    @Test func aChangedInputMakesExactlyItsPageAgain() throws {
        let folder = try TemporaryDirectory()
        let builder = try SiteFixture.builder()
        let output = folder.path("docs")
        let content = Self.full.through(Self.days[2])
        try builder.build(content, into: output)
        let before = try Self.tree(output)

        var changed = content
        let index = 3
        let target = try #require(changed.archive[index].actuals.keys.min())
        changed.archive[index].actuals[target]! += 1
        let (_, record) = try incremental(builder, changed, output: output)
        #expect(!record.reusedPages.contains(ArchivePage.path(changed.archive[index].madeOn)))
        try builder.build(changed, into: output)
        let after = try Self.tree(output)
        let cold = folder.path("cold/docs")
        try builder.build(changed, into: cold)
        #expect(try after == Self.tree(cold))

        let differing = Set(after.keys.filter { after[$0] != before[$0] })
        #expect(differing.filter { $0.hasPrefix("forecasts/2") } == [ArchivePage.path(changed.archive[index].madeOn)])
        #expect(differing.filter { $0.hasPrefix("hub/") }.isEmpty)
    }

    @Test func theLedgerKeepsItsRowsOnlyWhileTheyAreUnchanged() throws {
        let folder = try TemporaryDirectory()
        let builder = try SiteFixture.builder()
        let output = folder.path("docs")
        try builder.build(Self.full.through(Self.days[1]), into: output)
        var grown = Self.full.through(Self.days[2])
        let (_, record) = try incremental(builder, grown, output: output)
        #expect(record.rows[Downloads.ledgerPath] == grown.ledgerRecords.count)
        // An old row rewritten behind the chain's back (the site shows what the store holds).
        grown.ledgerRecords[2].modelVersion += "-changed"
        try builder.build(grown, into: output)
        let cold = folder.path("cold/docs")
        try builder.build(grown, into: cold)
        #expect(try Self.tree(output) == Self.tree(cold))
        #expect(
            try String(contentsOf: output.appendingPathComponent(Downloads.ledgerPath), encoding: .utf8)
                .contains("-changed"))
    }

    @Test func aWalkedChainKeepsTheLedgersRowsByItsHeadHash() throws {
        let folder = try TemporaryDirectory()
        let (builder, output, grown) = try Self.walkedDayAfter(in: folder)
        #expect(grown.ledgerVerification.vouches(for: grown.ledgerRecords))
        let (files, record) = try incremental(builder, grown, output: output)
        #expect(record.rows[Downloads.ledgerPath] == grown.ledgerRecords.count)
        var cold = BuildRecord()
        let coldBytes = Downloads.ledgerCSV(grown, record: &cold)
        #expect(files[Downloads.ledgerPath] == coldBytes)
        #expect(
            record.inputs[Downloads.ledgerPath]
                == Downloads.chainDigest(grown.ledgerRecords, rows: grown.ledgerRecords.count))

        // The head hash stands for the rows: a row changed after the walk is not looked at again
        // (a build walks the rows it publishes, so this only shows that the walk is what is trusted)…
        try builder.build(grown, into: output)
        var stale = grown
        stale.ledgerRecords[2].modelVersion += "-changed"
        try builder.build(stale, into: output)
        let ledger = output.appendingPathComponent(Downloads.ledgerPath)
        #expect(try !String(contentsOf: ledger, encoding: .utf8).contains("-changed"))
        // …and walked again, the chain breaks, vouches for nothing, and the rows are compared one by one.
        var rewalked = stale
        rewalked.ledgerVerification = LedgerVerification(records: rewalked.ledgerRecords)
        #expect(!rewalked.ledgerVerification.isVerified)
        try builder.build(rewalked, into: output)
        #expect(try String(contentsOf: ledger, encoding: .utf8).contains("-changed"))
    }

    /// In a walked chain a hub forecast's file is reused by its rows' positions and the hash of the last
    /// of them: the same bytes as a cold build, and a row is only looked at again once a walk breaks.
    @Test func aWalkedChainKeepsTheHubFilesByTheirRowsAndHeadHash() throws {
        let folder = try TemporaryDirectory()
        let (builder, output, grown) = try Self.walkedDayAfter(in: folder)
        let (files, record) = try incremental(builder, grown, output: output)
        let hub = files.paths.filter { $0.hasPrefix("hub/model-output/") }
        let reused = hub.filter { files.reused[$0] != nil }
        #expect(!reused.isEmpty && reused.count < hub.count)
        let cold = try builder.render(grown, history: nil)
        for path in hub { #expect(files[path] == cold[path], "\(path)") }
        let rows = try #require(
            HubExport.forecastsByModelAndOrigin(grown.ledgerRecords).first?.origins.first?.rows)
        let first = grown.ledgerRecords[rows[0]]
        let path =
            "hub/model-output/\(HubExport.hubModelID(ModelID(first.model)))/\(first.origin.iso)-"
            + "\(HubExport.hubModelID(ModelID(first.model))).csv"
        #expect(
            record.inputs[path]
                == HubExport.chainInputs(rows, of: grown.ledgerRecords, target: HubExport.target(grown)))

        // A row changed after the walk is not looked at again (a build walks the rows it publishes)…
        try builder.build(grown, into: output)
        var stale = grown
        stale.ledgerRecords[rows[0]].forecast.median += 1000
        try builder.build(stale, into: output)
        let file = output.appendingPathComponent(path)
        #expect(try Data(contentsOf: file) == Data(cold[path]!))
        // …and walked again, the chain breaks, vouches for nothing, and the file is made from the rows.
        var rewalked = stale
        rewalked.ledgerVerification = LedgerVerification(records: rewalked.ledgerRecords)
        #expect(!rewalked.ledgerVerification.isVerified)
        try builder.build(rewalked, into: output)
        #expect(try Data(contentsOf: file) != Data(cold[path]!))
    }

    /// The ledger's file changed after the cache vouched for it (between the cache's check and the read):
    /// its rows are not kept, every row is formatted again, and the bytes are a cold build's.
    @Test func aLedgerFileThatChangesBeforeItIsReadIsMadeAgainInFull() throws {
        let folder = try TemporaryDirectory()
        let builder = try SiteFixture.builder()
        let output = folder.path("docs")
        var today = Self.full.through(Self.days[1])
        today.ledgerVerification = LedgerVerification(records: today.ledgerRecords)
        try builder.build(today, into: output)
        var grown = Self.full.through(Self.days[2])
        grown.ledgerVerification = LedgerVerification(records: grown.ledgerRecords)
        let environment = try #require(builder.environmentDigest(grown))
        let previous = PreviousBuild(
            cache: BuildCache.load(from: BuildCache.location(for: output), environment: environment), output: output)
        #expect(previous.intact[Downloads.ledgerPath] != nil)
        let ledger = output.appendingPathComponent(Downloads.ledgerPath)
        try Data("replaced\n".utf8).write(to: ledger)
        var record = BuildRecord()
        var cold = BuildRecord()
        #expect(
            Downloads.ledgerCSV(grown, previous: previous, record: &record) == Downloads.ledgerCSV(grown, record: &cold)
        )
    }

    @Test func aFileChangedInTheOutputFolderIsNotReused() throws {
        let folder = try TemporaryDirectory()
        let builder = try SiteFixture.builder()
        let output = folder.path("docs")
        try builder.build(Self.full.through(Self.days[1]), into: output)
        let hubFile = try #require(
            try Self.tree(output).keys.first { $0.hasPrefix("hub/model-output/") && $0.contains("2025-01-02") })
        let archivePage = "forecasts/2025-01-02.html"
        // Settled by both builds' days (its last target day is 2024-12-30): linked, never read, when intact.
        let settledPage = "forecasts/2024-12-20.html"
        for path in [hubFile, archivePage, settledPage] {
            // Same size, other bytes: only the file's identity can tell.
            let url = output.appendingPathComponent(path)
            var bytes = try Array(Data(contentsOf: url))
            bytes[bytes.count / 2] = bytes[bytes.count / 2] == 0x41 ? 0x42 : 0x41
            try Data(bytes).write(to: url)
        }
        try builder.build(Self.full.through(Self.days[2]), into: output)
        let cold = folder.path("cold/docs")
        try builder.build(Self.full.through(Self.days[2]), into: cold)
        #expect(try Self.tree(output) == Self.tree(cold))
    }

    @Test(arguments: ["garbage", "truncated", "missing"])
    func aBadCacheMeansAFullBuild(_ damage: String) throws {
        let folder = try TemporaryDirectory()
        let builder = try SiteFixture.builder()
        let output = folder.path("docs")
        try builder.build(Self.full.through(Self.days[1]), into: output)
        let cache = BuildCache.location(for: output)
        let bytes = try Data(contentsOf: cache)
        switch damage {
        case "garbage": try Data((0..<bytes.count).map { UInt8(truncatingIfNeeded: $0 &* 31) }).write(to: cache)
        case "truncated": try bytes.prefix(bytes.count - 100).write(to: cache)
        default: try FileManager.default.removeItem(at: cache)
        }
        let (files, record) = try incremental(builder, Self.full.through(Self.days[2]), output: output)
        #expect(files.reused.isEmpty && record.reusedPages.isEmpty)
        try builder.build(Self.full.through(Self.days[2]), into: output)
        let cold = folder.path("cold/docs")
        try builder.build(Self.full.through(Self.days[2]), into: cold)
        #expect(try Self.tree(output) == Self.tree(cold))
    }

    @Test func aChangedTemplateInvalidatesEveryPage() throws {
        let folder = try TemporaryDirectory()
        let output = folder.path("docs")
        try SiteFixture.builder().build(Self.full.through(Self.days[1]), into: output)
        var sources = try SiteFixture.templateSources()
        sources["archive-day"] = sources["archive-day"]!.replacingOccurrences(of: "<h1", with: "<h1 class=\"day\"")
        let changed = try SiteBuilder(templates: TemplateSet(sources: sources), staticFiles: SiteFixture.staticBytes())
        let (_, record) = try incremental(changed, Self.full.through(Self.days[2]), output: output)
        #expect(record.reusedPages.isEmpty)
        try changed.build(Self.full.through(Self.days[2]), into: output)
        let cold = folder.path("cold/docs")
        try changed.build(Self.full.through(Self.days[2]), into: cold)
        #expect(try Self.tree(output) == Self.tree(cold))
        #expect(
            try Self.tree(output)["forecasts/2025-01-02.html"].map { String(decoding: $0, as: UTF8.self) }?
                .contains("<h1 class=\"day\"") == true)
    }

    @Test func theCacheReadsBackWhatWasWritten() throws {
        var scan = PageScan(path: "a.html")
        scan.ids = ["main": 3, "skip": 9]
        scan.links = [PageScan.Link(element: "a", value: "b.html#x", line: 4, loadsResource: false)]
        let cache = BuildCache(
            environment: BuildDigest(high: 1, low: 2),
            entries: [
                "a.html": BuildCache.Entry(
                    inputs: BuildDigest(high: 3, low: 4), form: BuildDigest(high: 5, low: 6),
                    identity: FileIdentity(inode: 7, size: 8, modified: 9), asOfOffsets: [10, 20], scan: scan),
                "b.csv": BuildCache.Entry(
                    inputs: nil, form: BuildDigest(high: 0, low: 0),
                    identity: FileIdentity(inode: 1, size: 2, modified: 3), asOfOffsets: [], scan: nil),
            ])
        let read = try BuildCache.decode(cache.encoded())
        #expect(read.environment == cache.environment)
        #expect(read.entries["a.html"]?.scan?.ids == scan.ids)
        #expect(read.entries["a.html"]?.scan?.links.map(\.value) == ["b.html#x"])
        #expect(read.entries["a.html"]?.asOfOffsets == [10, 20] && read.entries["a.html"]?.inputs?.low == 4)
        #expect(read.entries["b.csv"]?.inputs == nil && read.entries["b.csv"]?.identity.inode == 1)
        var flipped = cache.encoded()
        flipped[40] ^= 1
        #expect(throws: BuildCache.Corrupt.self) { try BuildCache.decode(flipped) }
    }

    @Test func aParseMentionsADayOnlyWhereItsBytesAre() {
        var scan = PageScan(path: "forecasts/2025-01-06.html")
        scan.ids["chart-2025-01-06"] = 3
        scan.links.append(
            PageScan.Link(element: "a", value: "../forecasts/2025-01-07.html#é", line: 9, loadsResource: false))
        #expect(scan.mentions("2025-01-06") && scan.mentions("2025-01-07") && scan.mentions("#é"))
        #expect(!scan.mentions("2025-01-08") && !scan.mentions("2025-01-07.html#éé"))
        #expect(PageScan.contains("abc", Array("abc".utf8)) && !PageScan.contains("ab", Array("abc".utf8)))
    }

    /// A build of the second fixture day with its chain walked, in `folder`/docs, and the third day's content
    /// with its chain walked: what the chain-vouched reuse tests start from.
    private static func walkedDayAfter(in folder: TemporaryDirectory) throws -> (SiteBuilder, URL, SiteContent) {
        let builder = try SiteFixture.builder()
        let output = folder.path("docs")
        func walked(_ day: Day) -> SiteContent {
            var content = full.through(day)
            content.ledgerVerification = LedgerVerification(records: content.ledgerRecords)
            return content
        }
        try builder.build(walked(days[1]), into: output)
        return (builder, output, walked(days[2]))
    }

    /// The incremental render `build` does, without writing: what it reused.
    private func incremental(_ builder: SiteBuilder, _ content: SiteContent, output: URL) throws -> (
        SiteFiles, BuildRecord
    ) {
        let environment = try #require(builder.environmentDigest(content))
        let previous = PreviousBuild(
            cache: BuildCache.load(from: BuildCache.location(for: output), environment: environment), output: output)
        var record = BuildRecord()
        let (files, _) = try builder.render(
            content, history: nil, previous: previous, splice: AsOfSplice(content.asOf), record: &record)
        return (files, record)
    }

    /// Every file under `folder` by relative path.
    static func tree(_ folder: URL) throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for (path, _) in SiteWriter.list(folder.path + "/").files {
            files[path] = Array(try Data(contentsOf: folder.appendingPathComponent(path)))
        }
        return files
    }
}
