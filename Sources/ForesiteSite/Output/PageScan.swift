import CLibXML2
import Foundation

/// What the output check learns from one parsed page: its ids, its links and its local problems.
struct PageScan: Sendable {
    struct Link: Sendable {
        let element: String
        let value: String
        let line: Int
        /// True when the browser would fetch it by itself (`src`, stylesheets, icons): such a URL must
        /// stay on the site, while an `<a href>` to another host is fine.
        let loadsResource: Bool
    }

    var ids: [String: Int] = [:]
    var links: [Link] = []
    var problems: [SiteError] = []
    let path: String

    static let urlAttributes: Set<String> = [
        "href", "src", "action", "formaction", "poster", "data", "cite", "background", "srcset", "ping",
    ]
    static let forbiddenElements: Set<String> = ["foreignobject", "iframe", "object", "embed", "frame", "applet"]
    static let passiveLinkRelations: Set<String> = ["canonical", "alternate", "author", "license", "me"]
    /// Every attribute a rule reads, besides the event handlers (`on…`).
    static let ruledAttributes: [[UInt8]] = (urlAttributes.sorted() + ["style", "id", "alt", "rel"]).map {
        Array($0.utf8)
    }
    /// Every element a rule looks at even when none of its attributes is ruled (the other rules on `<a>`,
    /// `<area>` and `<link>` are about their URL attributes).
    static let ruledElements: [[UInt8]] = (forbiddenElements.sorted() + ["svg", "script", "img"]).map {
        Array($0.utf8)
    }

    /// Whether a rule may look at the attribute or element named by the NUL-terminated `name`: true for a
    /// name in `candidates` in any ASCII case, for an event handler's when `handlers`, and for any name
    /// outside ASCII (whose lower case only `String` knows). Most of a page's attributes are a chart's
    /// coordinates and path data: answering from the bytes spares them a string each.
    static func isRuled(_ name: UnsafePointer<xmlChar>, in candidates: [[UInt8]], handlers: Bool) -> Bool {
        let length = Int(xmlStrlen(name))
        var lowered: (UInt64, UInt64) = (0, 0)
        let fits = length <= 16
        for index in 0..<length {
            var byte = name[index]
            if byte >= 0x80 { return true }
            if byte >= 0x41 && byte <= 0x5A { byte += 0x20 }
            if index == 1 && handlers && byte == UInt8(ascii: "n") && (name[0] | 0x20) == UInt8(ascii: "o") {
                return true
            }
            guard fits else { continue }
            if index < 8 {
                lowered.0 |= UInt64(byte) << (8 * index)
            } else {
                lowered.1 |= UInt64(byte) << (8 * (index - 8))
            }
        }
        guard fits else { return false }
        return withUnsafeBytes(of: &lowered) { bytes in
            candidates.contains { candidate in
                candidate.count == length
                    && candidate.withUnsafeBytes { memcmp($0.baseAddress!, bytes.baseAddress!, length) == 0 }
            }
        }
    }

    /// True when an id or a link holds `text` (the build cache keeps no parse that mentions the day).
    func mentions(_ text: String) -> Bool {
        // Byte search: Foundation's `contains` bridges every string, and each build asks this of a year of
        // archive pages' ids and links for every target.
        let needle = Array(text.utf8)
        return ids.keys.contains { Self.contains($0, needle) } || links.contains { Self.contains($0.value, needle) }
    }

    /// Whether `needle`'s bytes occur in `text`'s UTF-8.
    static func contains(_ text: String, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count >= needle.count else { return false }
            var index = 0
            let last = bytes.count - needle.count
            while index <= last {
                if bytes[index] == first && needle.indices.allSatisfy({ bytes[index + $0] == needle[$0] }) {
                    return true
                }
                index += 1
            }
            return false
        }
    }

    /// Parses `bytes` as XML; a parse error is returned as the failure with its line.
    ///
    /// The page is read through libxml2's SAX interface, element by element, and no tree is built: making
    /// the tree, walking it and freeing it took two thirds of the check, and every rule looks only at an
    /// element's own name and attributes, its direct children's names, or a `<script>`'s content.
    static func parse(_ bytes: [UInt8], path: String) -> Result<PageScan, SiteError> {
        var reader: SAXScanner?
        return withParser(
            bytes, path: path,
            prepare: { context in
                let scanner = SAXScanner(path: path, parser: context)
                reader = scanner
                context.pointee._private = Unmanaged.passUnretained(scanner).toOpaque()
                SAXScanner.install(on: context.pointee.sax)
            },
            firstError: { (reader?.errorLine, reader?.errorMessage) },
            finish: { _ in reader!.scan })
    }

    /// Parses `bytes` with a new libxml2 parser (no network, no messages on stderr) that `prepare` has given
    /// its callbacks, and returns what `finish` makes of the document (nil when the callbacks build none).
    /// A page that is not well-formed is the failure, at the first error `firstError` recorded (libxml2 keeps
    /// parsing after many errors, and its last is often a consequence: "Premature end of data"), else at
    /// libxml2's last.
    static func withParser<Made>(
        _ bytes: [UInt8], path: String, prepare: (xmlParserCtxtPtr) -> Void,
        firstError: () -> (line: Int?, message: String?), finish: (xmlDocPtr?) -> Made
    ) -> Result<Made, SiteError> {
        xmlInitParser()
        guard let context = xmlNewParserCtxt() else {
            return .failure(.output(file: path, line: 1, message: "libxml2 could not allocate a parser"))
        }
        defer { xmlFreeParserCtxt(context) }
        let options = Int32(
            bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        prepare(context)
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                xmlCtxtReadMemory(context, chars.baseAddress, Int32(chars.count), path, "UTF-8", options)
            }
        }
        defer { if let document { xmlFreeDoc(document) } }
        let first = firstError()
        if document == nil || context.pointee.wellFormed == 0 || first.line != nil {
            let fallback = xmlCtxtGetLastError(context)
            let line = first.line ?? fallback.map { Int($0.pointee.line) } ?? 1
            let message =
                (first.message ?? fallback.flatMap { $0.pointee.message.map { String(cString: $0) } }
                ?? "not well-formed").trimmingCharacters(in: .whitespacesAndNewlines)
            return .failure(.output(file: path, line: max(line, 1), message: "parse error: \(message)"))
        }
        return .success(finish(document))
    }

    /// An attribute's value as SAX gives it: its bytes, not NUL-terminated.
    struct AttributeBytes {
        let start: UnsafePointer<xmlChar>
        let end: UnsafePointer<xmlChar>
    }

    /// The rules for one start tag, in the order the problems are reported; `text` reads an attribute's
    /// value. Returns where in `problems` a problem known only at the end tag belongs (`<svg>` without
    /// `<title>`, `<script>` with content).
    mutating func inspect<Value>(
        name: String, line: Int, attributes unsorted: [(name: String, value: Value)], text: (Value) -> String
    ) -> Int {
        // By name; a name given twice (only possible in different cases) keeps its last value. A value is
        // read only where a rule looks at it: a chart's path data and coordinates are most of a page's
        // attributes, and making each a string was most of the check's time.
        let attributes = unsorted.count > 1 ? Self.byName(unsorted) : unsorted
        func attributeValue(_ wanted: String) -> String? {
            attributes.first { $0.name == wanted }.map { text($0.value) }
        }
        func fail(_ message: String) { problems.append(.output(file: path, line: line, message: message)) }

        // The values of the URL attributes, in attribute order, for the links below.
        var urls: [(name: String, value: String)] = []
        for (attributeName, held) in attributes {
            if attributeName.hasPrefix("on") { fail("<\(name)> has an event-handler attribute '\(attributeName)'") }
            let isURL = Self.urlAttributes.contains(attributeName)
            guard isURL || attributeName == "style" else { continue }
            let value = text(held)
            if Self.isScriptURL(value) { fail("<\(name) \(attributeName)> holds a script URL") }
            if isURL { urls.append((attributeName, value)) }
        }
        if let id = attributeValue("id") {
            if let first = ids[id] {
                fail("duplicate id '\(id)' (first on line \(first))")
            } else {
                ids[id] = line
            }
        }
        if Self.forbiddenElements.contains(name) { fail("<\(name)> is not allowed on Foresite pages") }
        if name == "img" && !attributes.contains(where: { $0.name == "alt" }) { fail("<img> has no alt attribute") }
        if name == "script" && !attributes.contains(where: { $0.name == "src" }) {
            fail("inline <script> is not Foresite's own script file")
        }
        let endProblemsAt = problems.count
        for (attributeName, value) in urls {
            let isNavigation = (name == "a" || name == "area") && attributeName == "href"
            var isPassive = false
            if name == "link" {
                let relation = Set((attributeValue("rel") ?? "").lowercased().split(separator: " ").map(String.init))
                isPassive = !relation.isEmpty && relation.isSubset(of: Self.passiveLinkRelations)
            }
            links.append(
                Link(element: name, value: value, line: line, loadsResource: !isNavigation && !isPassive))
        }
        return endProblemsAt
    }

    /// A problem of the element that started on `line`, found at its end tag, put where its start tag's
    /// rules left off (`at`), so that a page's problems stay in the order of their elements.
    mutating func fail(_ message: String, line: Int, at index: Int) {
        problems.insert(.output(file: path, line: line, message: message), at: min(index, problems.count))
    }

    /// Sorted by name, each name once with its last value (what a dictionary filled in order keeps).
    static func byName<Value>(_ attributes: [(name: String, value: Value)]) -> [(name: String, value: Value)] {
        // Most elements' attributes are already in order with no name twice: then there is nothing to do.
        if zip(attributes, attributes.dropFirst()).allSatisfy({ $0.name < $1.name }) { return attributes }
        let order = attributes.indices.sorted {
            attributes[$0].name != attributes[$1].name ? attributes[$0].name < attributes[$1].name : $0 < $1
        }
        var result: [(name: String, value: Value)] = []
        result.reserveCapacity(attributes.count)
        for index in order {
            if result.last?.name == attributes[index].name {
                result[result.count - 1] = attributes[index]
            } else {
                result.append(attributes[index])
            }
        }
        return result
    }

    /// An element's or attribute's name in lower case (most are already: then no copy is made).
    static func lowercasedName(_ pointer: UnsafePointer<xmlChar>) -> String {
        let text = String(cString: pointer)
        return text.utf8.contains { ($0 >= 0x41 && $0 <= 0x5A) || $0 >= 0x80 } ? text.lowercased() : text
    }

    /// `javascript:`, `vbscript:` and HTML `data:` URLs, however they are spaced or cased.
    static func isScriptURL(_ value: String) -> Bool {
        // Each of them needs a ':' or a '(', which squeezing out spaces and controls cannot add.
        guard value.utf8.contains(where: { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "(") }) else { return false }
        let squeezed = String(
            value.unicodeScalars.filter { $0.value > 0x20 && $0 != "\u{7F}" }.map(Character.init)
        ).lowercased()
        return squeezed.contains("javascript:") || squeezed.contains("vbscript:")
            || squeezed.contains("data:text/html") || squeezed.contains("expression(")
    }

    /// An attribute's value as the tree would hold it. libxml2 has replaced character and entity
    /// references, except that without entity substitution it hands on an ampersand as `&#38;` (for the
    /// tree builder to resolve): every `&` in a SAX value starts one, so each becomes `&` again.
    static func text(of value: AttributeBytes) -> String {
        let bytes = UnsafeBufferPointer(start: value.start, count: value.end - value.start)
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        let escape = Array("&#38;".utf8)
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == escape[0], index + escape.count <= bytes.count,
                escape.indices.allSatisfy({ bytes[index + $0] == escape[$0] })
            {
                decoded.append(UInt8(ascii: "&"))
                index += escape.count
            } else {
                decoded.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: decoded, as: UTF8.self)
    }
}
