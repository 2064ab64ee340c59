import CLibXML2
import Foundation

@testable import ForesiteSite

/// The output check's page scan as it was before it read pages through SAX: libxml2 builds the tree and the
/// scan walks it. Kept in the tests as the reference the SAX scan must agree with (`PageScanTests`).
private final class FirstError {
    var line: Int?
    var message: String?
}

struct DOMPageScan {
    var ids: [String: Int] = [:]
    var links: [PageScan.Link] = []
    var problems: [SiteError] = []
    let path: String

    /// Parses `bytes` as XML; a parse error is returned as the failure with its line.
    static func parse(_ bytes: [UInt8], path: String) -> Result<DOMPageScan, SiteError> {
        xmlInitParser()
        guard let context = xmlNewParserCtxt() else {
            return .failure(.output(file: path, line: 1, message: "libxml2 could not allocate a parser"))
        }
        defer { xmlFreeParserCtxt(context) }
        let options = Int32(
            bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        // libxml2 keeps parsing after many errors and its "last error" is often a consequence
        // ("Premature end of data"); the first error is the one to report, so collect it ourselves.
        let sink = FirstError()
        context.pointee._private = Unmanaged.passUnretained(sink).toOpaque()
        context.pointee.sax.pointee.serror = { userData, error in
            guard let error, let parser = userData?.assumingMemoryBound(to: xmlParserCtxt.self),
                let box = parser.pointee._private
            else { return }
            let sink = Unmanaged<FirstError>.fromOpaque(box).takeUnretainedValue()
            guard sink.line == nil, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
            sink.line = Int(error.pointee.line)
            sink.message = error.pointee.message.map { String(cString: $0) } ?? "not well-formed"
        }
        let document = withExtendedLifetime(sink) {
            bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    xmlCtxtReadMemory(context, chars.baseAddress, Int32(chars.count), path, "UTF-8", options)
                }
            }
        }
        defer { if let document { xmlFreeDoc(document) } }
        if document == nil || context.pointee.wellFormed == 0 || sink.line != nil {
            let fallback = xmlCtxtGetLastError(context)
            let line = sink.line ?? fallback.map { Int($0.pointee.line) } ?? 1
            let message =
                (sink.message ?? fallback.flatMap { $0.pointee.message.map { String(cString: $0) } }
                ?? "not well-formed").trimmingCharacters(in: .whitespacesAndNewlines)
            return .failure(.output(file: path, line: max(line, 1), message: "parse error: \(message)"))
        }
        var scan = DOMPageScan(path: path)
        if let document, let root = xmlDocGetRootElement(document) {
            scan.visit(root, document: document)
        }
        return .success(scan)
    }

    private mutating func visit(_ node: UnsafeMutablePointer<xmlNode>, document: UnsafeMutablePointer<xmlDoc>) {
        var current: UnsafeMutablePointer<xmlNode>? = node
        while let element = current {
            if element.pointee.type == XML_ELEMENT_NODE {
                inspect(element, document: document)
                if let child = element.pointee.children { visit(child, document: document) }
            }
            current = element.pointee.next
        }
    }

    private mutating func inspect(_ element: UnsafeMutablePointer<xmlNode>, document: UnsafeMutablePointer<xmlDoc>) {
        let name = Self.lowercasedName(element.pointee.name)
        let line = Int(xmlGetLineNo(element))
        // By name; a name given twice (only possible in different cases) keeps its last value. A value is
        // read only where a rule looks at it: a chart's path data and coordinates are most of a page's
        // attributes, and making each a string was most of the check's time.
        var attributes: [(name: String, value: UnsafeMutablePointer<xmlAttr>)] = []
        var attribute = element.pointee.properties
        while let current = attribute {
            attributes.append((Self.lowercasedName(current.pointee.name), current))
            attribute = current.pointee.next
        }
        if attributes.count > 1 { attributes = Self.byName(attributes) }
        func value(_ attribute: UnsafeMutablePointer<xmlAttr>) -> String { Self.text(of: attribute.pointee.children) }
        func attributeValue(_ wanted: String) -> String? {
            attributes.first { $0.name == wanted }.map { value($0.value) }
        }
        func fail(_ message: String) { problems.append(.output(file: path, line: line, message: message)) }

        // The values of the URL attributes, in attribute order, for the links below.
        var urls: [(name: String, value: String)] = []
        for (attributeName, node) in attributes {
            if attributeName.hasPrefix("on") { fail("<\(name)> has an event-handler attribute '\(attributeName)'") }
            let isURL = PageScan.urlAttributes.contains(attributeName)
            guard isURL || attributeName == "style" else { continue }
            let text = value(node)
            if PageScan.isScriptURL(text) { fail("<\(name) \(attributeName)> holds a script URL") }
            if isURL { urls.append((attributeName, text)) }
        }
        if let id = attributeValue("id") {
            if let first = ids[id] {
                fail("duplicate id '\(id)' (first on line \(first))")
            } else {
                ids[id] = line
            }
        }
        if PageScan.forbiddenElements.contains(name) { fail("<\(name)> is not allowed on Foresite pages") }
        switch name {
        case "svg":
            if !Self.hasChild(element, named: "title") { fail("<svg> has no <title>") }
        case "img":
            if !attributes.contains(where: { $0.name == "alt" }) { fail("<img> has no alt attribute") }
        case "script":
            if !attributes.contains(where: { $0.name == "src" }) {
                fail("inline <script> is not Foresite's own script file")
            }
            if Self.hasText(element) { fail("<script> has inline content") }
        default: break
        }
        for (attributeName, value) in urls {
            let isNavigation = (name == "a" || name == "area") && attributeName == "href"
            var isPassive = false
            if name == "link" {
                let relation = Set((attributeValue("rel") ?? "").lowercased().split(separator: " ").map(String.init))
                isPassive = !relation.isEmpty && relation.isSubset(of: PageScan.passiveLinkRelations)
            }
            links.append(
                PageScan.Link(element: name, value: value, line: line, loadsResource: !isNavigation && !isPassive))
        }
    }

    /// Sorted by name, each name once with its last value (what a dictionary filled in order keeps).
    private static func byName<Value>(_ attributes: [(name: String, value: Value)]) -> [(name: String, value: Value)] {
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
    private static func lowercasedName(_ pointer: UnsafePointer<xmlChar>) -> String {
        let text = String(cString: pointer)
        return text.utf8.contains { ($0 >= 0x41 && $0 <= 0x5A) || $0 >= 0x80 } ? text.lowercased() : text
    }

    /// The concatenated text of an attribute's child nodes (libxml2 has already replaced entity and
    /// character references in attribute values).
    private static func text(of first: UnsafeMutablePointer<xmlNode>?) -> String {
        if let first, first.pointee.next == nil { return first.pointee.content.map { String(cString: $0) } ?? "" }
        var value = ""
        var node = first
        while let current = node {
            if let content = current.pointee.content { value += String(cString: content) }
            node = current.pointee.next
        }
        return value
    }

    private static func hasChild(_ element: UnsafeMutablePointer<xmlNode>, named wanted: String) -> Bool {
        var child = element.pointee.children
        while let node = child {
            if node.pointee.type == XML_ELEMENT_NODE, String(cString: node.pointee.name).lowercased() == wanted {
                return true
            }
            child = node.pointee.next
        }
        return false
    }

    private static func hasText(_ element: UnsafeMutablePointer<xmlNode>) -> Bool {
        var child = element.pointee.children
        while let node = child {
            if let content = node.pointee.content,
                !String(cString: content).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            {
                return true
            }
            if node.pointee.type == XML_ELEMENT_NODE { return true }
            child = node.pointee.next
        }
        return false
    }
}
