import Testing

@testable import ForesiteSite

@Suite("libxml2 output check")
struct OutputCheckTests {
    static let page = """
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml" lang="en"><head><title>t</title></head>
        <body>
        BODY
        </body></html>
        """

    static func site(_ body: String, extra: [String: String] = [:]) -> SiteFiles {
        var files = SiteFiles()
        files.add("index.html", page.replacingOccurrences(of: "BODY", with: body))
        files.add("other.html", page.replacingOccurrences(of: "BODY", with: "<p id=\"there\">x</p>"))
        files.add("static/app.js", "")
        for (path, text) in extra { files.add(path, text) }
        return files
    }

    static func messages(_ body: String) -> [String] {
        OutputCheck().problems(in: site(body)).map(\.description)
    }

    @Test func aCleanPagePasses() {
        #expect(
            Self.messages(
                """
                <p id="a"><a href="other.html#there">x</a> <a href="#a">self</a> <a href="https://example.org/">out</a></p>
                <svg xmlns="http://www.w3.org/2000/svg"><title>chart</title></svg>
                <img src="static/app.js" alt="a"/>
                <script src="static/app.js"></script>
                """
            ).isEmpty)
    }

    @Test(
        "each problem is reported with file and line",
        arguments: [
            ("<p>\n<div></p>", "index.html:5: parse error"),
            ("<p id=\"a\"></p>\n<p id=\"a\"></p>", "index.html:5: duplicate id 'a' (first on line 4)"),
            ("<a href=\"missing.html\">x</a>", "index.html:4: link 'missing.html' points to missing 'missing.html'"),
            ("<a href=\"other.html#nowhere\">x</a>", "index.html:4: anchor '#nowhere' does not exist in 'other.html'"),
            ("<a href=\"#nowhere\">x</a>", "anchor '#nowhere' does not exist in 'index.html'"),
            ("<svg xmlns=\"http://www.w3.org/2000/svg\"><g/></svg>", "<svg> has no <title>"),
            ("<img src=\"static/app.js\"/>", "<img> has no alt attribute"),
            ("<script>alert(1)</script>", "inline <script>"),
            ("<script src=\"other.html\"></script>", "is not one of Foresite's static files"),
            ("<p onclick=\"alert(1)\">x</p>", "event-handler attribute 'onclick'"),
            ("<a href=\" java\tscript:alert(1)\">x</a>", "holds a script URL"),
            (
                "<img alt=\"\" src=\"https://cdn.example.com/x.png\"/>",
                "loads 'https://cdn.example.com/x.png' from another host"
            ),
            ("<link rel=\"stylesheet\" href=\"//fonts.example.com/a.css\"/>", "from another host"),
            (
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>t</title><foreignObject/></svg>",
                "<foreignobject> is not allowed"
            ),
            ("<a href=\"../../etc/passwd\">x</a>", "leaves the site"),
        ])
    func reportsProblem(body: String, expected: String) {
        let messages = Self.messages(body)
        #expect(messages.contains { $0.contains(expected) }, "got \(messages)")
    }

    /// An attribute given twice (XML names differ in case) keeps its last value, and every rule sees the
    /// attributes sorted by name, whatever order the page wrote them in.
    @Test func aRepeatedAttributeKeepsItsLastValueAndRulesSeeThemByName() {
        #expect(
            Self.messages(
                "<a HREF=\"javascript:alert(1)\" style=\"color: red\" href=\"other.html\" onmouseover=\"x\">x</a>")
                == ["site: index.html:4: <a> has an event-handler attribute 'onmouseover'"])
        #expect(
            Self.messages(
                "<a onclick=\"x\" href=\"other.html\" HREF=\"javascript:alert(1)\" style=\"expression(1)\">x</a>")
                == [
                    "site: index.html:4: <a href> holds a script URL",
                    "site: index.html:4: <a> has an event-handler attribute 'onclick'",
                    "site: index.html:4: <a style> holds a script URL",
                ])
        #expect(Self.messages("<img ALT=\"\" src=\"static/app.js\"/><script SRC=\"static/app.js\"></script>").isEmpty)
    }

    @Test func rootRelativeLinksResolveUnderTheSitePath() {
        let files = Self.site("<a href=\"/foresite/other.html#there\">x</a> <a href=\"/foresite/\">home</a>")
        #expect(OutputCheck(rootPath: "/foresite/").problems(in: files).isEmpty)
        #expect(!OutputCheck(rootPath: "/elsewhere/").problems(in: files).isEmpty)
    }

    @Test func sizeBudgetIsEnforced() {
        let files = Self.site(String(repeating: "<p>padding</p>", count: 20_000))
        let problems = OutputCheck().problems(in: files).map(\.description)
        #expect(problems.contains { $0.contains("index.html:1: is") && $0.contains("over its budget of 204800 bytes") })
    }

    /// A link's value is taken without the whitespace around it, ASCII or not; a value with none is itself.
    @Test(arguments: [
        ("page.html", "page.html"), (" page.html", "page.html"), ("page.html\n", "page.html"),
        ("\u{00A0}page.html\u{2003}", "page.html"), ("a b", "a b"), ("é.html", "é.html"), ("", ""), (" ", ""),
    ])
    func referencesAreTrimmedOfWhitespaceOnly(value: String, expected: String) {
        #expect(OutputCheck.trimmed(value) == expected)
    }
}
