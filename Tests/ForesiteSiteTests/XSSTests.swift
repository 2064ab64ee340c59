import ForesiteCore
import ForesiteTestSupport
import Foundation
import Testing

@testable import ForesiteSite

/// Issue 7 item 5: hostile text in every external string must reach the pages only as text.
@Suite("Hostile strings are escaped everywhere")
struct XSSTests {
    static let payloads = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "' onmouseover='alert(1)",
        "javascript:alert(1)",
        "<svg><foreignObject><body onload=alert(1)></body></foreignObject></svg>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "]]><script>alert(1)</script>",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "\u{0}\u{1}<b>control</b>",
    ]

    /// Every external string of the content replaced by `payload`.
    static func poisoned(_ payload: String) -> SiteContent {
        var content = SiteFixture.content()
        content.site.title = payload
        content.site.description = payload
        content.target.instrument = payload
        content.target.description = payload
        content.target.market = payload
        content.covariates[0].instrument = payload + "2"
        content.covariates[0].description = payload
        content.staleNotice = .init(dataAsOf: content.asOf, failedSources: [payload])
        content.latestForecast?.modelVersion = payload
        content.latestForecast?.model = ModelID(payload)
        content.liveSkill?.model = payload
        content.ledger = content.ledger.map {
            var entry = $0
            entry.modelVersion = payload
            entry.model = payload
            return entry
        }
        content.models = content.models.map {
            var model = $0
            model.version = payload
            model.mode = payload
            model.architecture = payload
            model.notes = payload
            model.inputs = [payload]
            model.hyperparameters = [.init(payload, payload)]
            model.metrics = model.metrics.map {
                .init(split: payload, name: payload, model: $0.model, persistence: $0.persistence)
            }
            return model
        }
        if var backtest = content.backtest {
            backtest.settings = [.init(payload, payload)]
            backtest.tables = backtest.tables.map {
                var table = $0
                table.model = payload + table.model
                return table
            }
            content.backtest = backtest
        }
        content.featureGroups = content.featureGroups.map {
            var group = $0
            group.description = payload
            return group
        }
        content.rejections = [.init(group: payload, day: content.asOf, reason: payload)]
        return content
    }

    @Test(arguments: payloads)
    func payloadOnlyAppearsEscaped(payload: String) throws {
        let files = try SiteFixture.builder().render(Self.poisoned(payload))
        // `render` already ran the output check (no foreign script, on*, javascript: URL); run it
        // again explicitly so the test states what it relies on.
        #expect(OutputCheck(rootPath: "/foresite/").problems(in: files).isEmpty)
        for path in files.paths where OutputCheck.isMarkup(path) {
            let text = try #require(files.text(path))
            #expect(!text.contains("<script>alert"), "\(path) contains a raw script payload")
            #expect(!text.contains("<img src=x"), "\(path) contains a raw img payload")
            #expect(!text.contains("<foreignObject"), "\(path) contains a raw foreignObject")
            #expect(!text.contains("' onmouseover='"), "\(path) contains an unescaped quote payload")
            #expect(!text.contains("\u{1}"), "\(path) contains a control character")
        }
    }

    @Test func scriptInConfigTitleAppearsOnlyAsText() throws {
        var content = SiteFixture.content()
        content.site.title = "<script>alert(1)</script>"
        let files = try SiteFixture.builder().render(content)
        let index = try #require(files.text("index.html"))
        #expect(index.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!index.contains("<script>alert(1)</script>"))
        let feed = try #require(files.text("feed.xml"))
        #expect(feed.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test func scriptInFearGreedLikeTextIsEscapedInCharts() {
        let figure = Chart.relativePerformance(
            id: "x",
            series: [
                ("<script>alert(1)</script>", SiteContent.synthetic(days: 30).prices["solana"]!),
                ("B&B \"quoted\" 'single'", SiteContent.synthetic(days: 30).prices["bitcoin"]!),
            ])
        #expect(!figure.svg.contains("<script>"))
        #expect(figure.svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(figure.svg.contains("B&amp;B &quot;quoted&quot; &#39;single&#39;"))
        #expect((try? PageScan.parse(Array(figure.svg.utf8), path: "chart.svg").get()) != nil)
    }

    /// The byte scan for forbidden characters finds exactly the scalars `isForbidden` names: every C0
    /// control, U+FFFE and U+FFFF (also at the very end), and not tab, newline, return, U+FFFD or U+EFBF.
    @Test func theByteScanFindsWhatTheScalarsHold() {
        var texts = ["", "plain", "tab\tnew\nline\r", "\u{FFFD}", "\u{EFBF}", "é€😀", "ends \u{FFFE}", "\u{FFFF}"]
        texts += (0..<0x20).map { "a\(Character(Unicode.Scalar($0)!))b" }
        texts += ["\u{EF}\u{BF}", "x\u{FFFE}y\u{1}", String(repeating: "long ", count: 1000) + "\u{7}"]
        for text in texts {
            #expect(
                Markup.holdsForbidden(text) == text.unicodeScalars.contains(where: Markup.isForbidden),
                "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(!Markup.holdsForbidden(Markup.stripControlCharacters(text)))
        }
        #expect(Markup.stripControlCharacters("a\u{1}b\u{FFFE}c\u{FFFF}\td") == "abc\td")
    }

    @Test func javascriptBaseURLIsRefused() throws {
        var content = SiteFixture.content()
        content.site.baseURL = "javascript:alert(1)//"
        #expect(throws: SiteError.self) { try SiteFixture.builder().render(content) }
    }
}
