import Mustache
import Testing

@testable import ForesiteSite

/// Templates escape `{{value}}` through `PageTextEscaping`: the bytes swift-mustache's own HTML escaping
/// writes, except where that one leaves a special character unescaped.
@Suite("Page text escaping")
struct PageTextEscapingTests {
    struct Value {
        let v: String
    }

    /// `{{v}}` rendered by swift-mustache with its own HTML escaping, and through a template set.
    static func rendered(_ text: String) throws -> (library: String, pages: String) {
        let library = try MustacheTemplate(string: "<p title=\"{{v}}\">{{v}}</p>").render(Value(v: text))
        let pages = try TemplateSet(sources: ["t": "<p title=\"{{v}}\">{{v}}</p>"]).render("t", Value(v: text))
        return (library, pages)
    }

    static let texts = [
        "", "plain", "a < b > c & d \"quoted\" 'single'", "&amp; already escaped", "<script>alert(1)</script>",
        "Zürich – 5 % ≤ 10 %", "😀 & 👍🏽 <tag>", "line\nbreak\ttab", "ends with &", "'", "\"", "&&&<<<>>>",
        "日本語のテキスト", "x=\"1\" onmouseover='alert(1)'",
    ]

    @Test func writesWhatSwiftMustacheWritesForOrdinaryText() throws {
        for text in Self.texts {
            let (library, pages) = try Self.rendered(text)
            #expect(pages == library, "\(text)")
        }
    }

    /// A combining mark after `"` makes the two one Character, which swift-mustache's escaper does not find in
    /// its table: the quote stays raw and ends the attribute. Foresite's escapes it.
    @Test func escapesASpecialCharacterThatACombiningMarkFollows() throws {
        let mark = "\u{301}"
        let text = "x\"" + mark + " onmouseover=\"alert(1)"
        let (library, pages) = try Self.rendered(text)
        let rawQuote = "x\"" + mark + " onmouseover"
        #expect(library.contains(rawQuote))
        let escaped = "x&quot;" + mark + " onmouseover=&quot;alert(1)"
        let expected = "<p title=\"" + escaped + "\">" + escaped + "</p>"
        #expect(pages == expected)
        let slashed = "<" + "\u{338}"
        let slashedEscaped = "&lt;" + "\u{338}"
        #expect(PageTextEscaping.escape(slashed) == slashedEscaped)
    }

    /// The line `TemplateSet` puts before each template does not move its errors.
    @Test func aTemplateErrorKeepsItsLineAndColumn() throws {
        for source in ["{{#a}}{{/b}}", "ok\n  {{#a}}x{{/b}}\nmore", "{{#a}}\n\n{{/a}}{{/c}}"] {
            var raw: (line: Int, column: Int)?
            do { _ = try MustacheTemplate(string: source) } catch let error as MustacheTemplate.ParserError {
                raw = (error.context.lineNumber, error.context.columnNumber)
            }
            let expected = try #require(raw, "\(source) parses")
            #expect {
                _ = try TemplateSet(sources: ["t": source])
            } throws: { error in
                guard case .template(let file, let line, let column, _) = error as? SiteError else { return false }
                return file == "t.mustache" && line == expected.line && column == expected.column
            }
        }
    }
}
