import Mustache

/// How Foresite's templates escape `{{value}}`: `&`, `<`, `>`, `"` and `'` become `&amp;`, `&lt;`, `&gt;`,
/// `&quot;` and `&#39;` (the entities swift-mustache's HTML escaping writes), wherever they stand.
///
/// `TemplateSet` gives every template this content type. swift-mustache's own escaper looks each
/// `Character` up in a dictionary — a quarter of the time the archive pages took to render — and, working on
/// characters, leaves a `"` or `<` unescaped when a combining mark follows it (the two are one `Character`),
/// which could end an attribute value early. This one reads the UTF-8 bytes.
struct PageTextEscaping: MustacheContentType {
    /// The name templates select it by (`{{% CONTENT_TYPE: FORESITE_HTML}}`, which `TemplateSet` adds).
    static let name = "FORESITE_HTML"

    /// Registered with swift-mustache once, before the first template that names it is parsed.
    static let registered: Void = MustacheContentTypes.register(PageTextEscaping(), named: name)

    func escapeText(_ text: String) -> String { Self.escape(text) }

    static func escape(_ text: String) -> String {
        let bytes = text.utf8
        guard bytes.contains(where: { Self.entity(for: $0) != nil }) else { return text }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(bytes.count + 16)
        for byte in bytes {
            if let entity = Self.entity(for: byte) {
                escaped.append(contentsOf: entity)
            } else {
                escaped.append(byte)
            }
        }
        return String(decoding: escaped, as: UTF8.self)
    }

    private static let ampersand = Array("&amp;".utf8)
    private static let lessThan = Array("&lt;".utf8)
    private static let greaterThan = Array("&gt;".utf8)
    private static let quote = Array("&quot;".utf8)
    private static let apostrophe = Array("&#39;".utf8)

    private static func entity(for byte: UInt8) -> [UInt8]? {
        switch byte {
        case UInt8(ascii: "&"): ampersand
        case UInt8(ascii: "<"): lessThan
        case UInt8(ascii: ">"): greaterThan
        case UInt8(ascii: "\""): quote
        case UInt8(ascii: "'"): apostrophe
        default: nil
        }
    }
}
