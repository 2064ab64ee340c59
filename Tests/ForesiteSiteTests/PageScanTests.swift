import ForesiteCore
import Foundation
import Testing

@testable import ForesiteSite

/// The SAX scan (`PageScan.parse`) against the tree walk it replaced (`DOMPageScan`): the same ids, links
/// and problems, in the same order, on every page of a site and on pages made to break each rule.
@Suite("Page scan")
struct PageScanTests {
    static func page(_ body: String) -> String {
        """
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml" lang="en"><head><title>t</title></head>
        <body>
        \(body)
        </body></html>
        """
    }

    /// What a scan found, as comparable text.
    static func summary(ids: [String: Int], links: [PageScan.Link], problems: [SiteError]) -> [String] {
        ids.sorted { $0.key < $1.key }.map { "id \($0.key) line \($0.value)" }
            + links.map { "link <\($0.element)> \($0.value) line \($0.line) loads \($0.loadsResource)" }
            + problems.map { "problem \($0.description)" }
    }

    static func sax(_ text: String, path: String = "page.html") -> [String] {
        switch PageScan.parse(Array(text.utf8), path: path) {
        case .success(let scan): summary(ids: scan.ids, links: scan.links, problems: scan.problems)
        case .failure(let error): ["failure \(error.description)"]
        }
    }

    static func dom(_ text: String, path: String = "page.html") -> [String] {
        switch DOMPageScan.parse(Array(text.utf8), path: path) {
        case .success(let scan): summary(ids: scan.ids, links: scan.links, problems: scan.problems)
        case .failure(let error): ["failure \(error.description)"]
        }
    }

    static let bodies: [String] = [
        #"<p id="a"><a href="other.html#there">x</a> <a href="https://example.org/">out</a></p>"#,
        #"<svg xmlns="http://www.w3.org/2000/svg"><g><title>not a direct child</title></g></svg>"#,
        #"<svg xmlns="http://www.w3.org/2000/svg"><svg><title>inner</title></svg><p id="after"/></svg>"#,
        #"<svg xmlns="http://www.w3.org/2000/svg"><TITLE>upper</TITLE></svg><svg/><img src="a.png"/>"#,
        #"<script src="static/app.js"></script><script>  </script><script> x() </script>"#,
        #"<script><!-- hidden --></script><script><![CDATA[ y() ]]></script><script><!--   --></script>"#,
        #"<script src="a.js"><b id="inside"/></script><script src="b.js"><?php echo 1; ?></script>"#,
        "<script>\u{00A0}\u{2003}\n</script><script>\u{200B}</script>",
        #"<a href="page?a=1&amp;b=2" id="amp">x</a><a href="&amp;#38;" id="lit">y</a><a href="&#38;#38;">z</a>"#,
        #"<a href="jav&#x09;ascript:alert(1)">a</a><a HREF="JavaScript:x">b</a><p style="width: expression(1)">c</p>"#,
        #"<p ID="x" id="y">dup names</p><p id="y">dup id</p><p id="x" onclick="x()" OnLoad="y">on</p>"#,
        #"<iframe src="https://example.org/"/><object data="x"/><embed src="e"/><foreignObject/><frame/><applet/>"#,
        #"<img alt="" src="https://cdn.example.org/x.png"/><link rel="canonical stylesheet" href="https://a/"/>"#,
        #"<link rel="Alternate" href="https://a/feed"/><link rel="" href="x.css"/><link href="y.css"/>"#,
        ##"<use xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="#a"/><form action="vbscript:x"><button formaction="/"/></form>"##,
        #"<video poster="p.png" src="v.mp4"/><img srcset="a.png 1x, data:text/html,x 2x" alt="s"/><q cite="c"/>"#,
        #"<p id="é">accent</p><Ünïcode id="ü" href="ü.html"/><a href="x" id="&#233;">"#,
        "<p\nid=\"multi\"\nclass=\"line\"\n>start tag over lines</p>",
        #"<svg xmlns="http://www.w3.org/2000/svg"><svg><title>t</title></svg></svg><svg><script>bad()</script></svg>"#,
        #"<p OnMouseOverAndMuchLongerThanSixteen="x" data-a-very-long-attribute-name="y" ÄLT="z" stylé="w">p</p>"#,
        #"<IMG SRC="a.png"/><SCRIPT>x()</SCRIPT><A HREF="b.html" ID="B">b</A><LINK REL="me" HREF="https://m/"/>"#,
        #"<averyveryverylongelementname id="long"/><Svg><rect x="1" y="2" width="3"/><Title>t</Title></Svg>"#,
        #"<svg><g><rect/></g><path d="M0 0" fill="red" stroke-width="2"/></svg><td colspan="2">cell</td>"#,
        // Not well-formed: each must fail on the same line with the same message.
        "<p>unclosed",
        "<p></q>",
        #"<a href="x" href="y">twice</a>"#,
        "<p>&nbsp;</p>",
        "<p>\n\n<b>\n</p>",
    ]

    @Test func agreesWithTheTreeWalkOnPagesMadeToBreakEachRule() {
        for body in Self.bodies {
            let text = Self.page(body)
            #expect(Self.sax(text) == Self.dom(text), "\(body)")
        }
        // Not a page: a bare chart and bytes that are not XML at all.
        for text in [#"<svg xmlns="http://www.w3.org/2000/svg"/>"#, "", "plain text", "<?xml version=\"1.0\"?>"] {
            #expect(Self.sax(text, path: "x.svg") == Self.dom(text, path: "x.svg"), "\(text)")
        }
    }

    @Test func findsTheProblemsTheRulesName() {
        let scanned = Self.sax(Self.page(Self.bodies[18]))
        #expect(scanned.contains("problem site: page.html:4: <svg> has no <title>"))
        #expect(scanned.contains("problem site: page.html:4: inline <script> is not Foresite's own script file"))
        #expect(scanned.contains("problem site: page.html:4: <script> has inline content"))
        let amp = Self.sax(Self.page(Self.bodies[8]))
        #expect(amp.contains("link <a> page?a=1&b=2 line 4 loads false"))
        #expect(amp.contains("link <a> &#38; line 4 loads false"))
        let unclosed = Self.sax(Self.page("<p>unclosed"))
        #expect(
            unclosed.count == 1 && unclosed[0].hasPrefix("failure site: page.html:")
                && unclosed[0].contains("parse error"))
    }

    @Test func agreesWithTheTreeWalkOnEveryPageOfASite() throws {
        let files = try SiteFixture.builder().render(SiteFixture.content())
        var pages = 0
        for (path, bytes) in files.files
        where path.hasSuffix(".html") || path.hasSuffix(".xml") || path.hasSuffix(".svg") {
            let text = String(decoding: bytes, as: UTF8.self)
            let scanned = Self.sax(text, path: path)
            #expect(scanned == Self.dom(text, path: path), "\(path)")
            pages += 1
        }
        #expect(pages > 20)
    }
}
