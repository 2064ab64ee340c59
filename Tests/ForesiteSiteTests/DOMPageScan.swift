import CLibXML2
import Foundation

@testable import ForesiteSite

/// The output check's page scan as it was before it read pages through SAX: libxml2 builds the tree and the
/// scan walks it, giving each element's name, line and attributes to the same rules (`PageScan.inspect`).
/// Kept in the tests as the reference the SAX scan must agree with (`PageScanTests`): what SAX changed is how
/// elements, attribute values, `<svg>` titles and `<script>` content are found, and that is what differs here.
enum DOMPageScan {
    private final class FirstError {
        var line: Int?
        var message: String?
    }

    /// Parses `bytes` into a tree, then walks it; a parse error is the failure with its line.
    static func parse(_ bytes: [UInt8], path: String) -> Result<PageScan, SiteError> {
        let sink = FirstError()
        return withExtendedLifetime(sink) {
            PageScan.withParser(
                bytes, path: path,
                prepare: { context in
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
                },
                firstError: { (sink.line, sink.message) },
                finish: { document in
                    var scan = PageScan(path: path)
                    if let document, let root = xmlDocGetRootElement(document) { visit(root, into: &scan) }
                    return scan
                })
        }
    }

    private static func visit(_ node: UnsafeMutablePointer<xmlNode>, into scan: inout PageScan) {
        var current: UnsafeMutablePointer<xmlNode>? = node
        while let element = current {
            if element.pointee.type == XML_ELEMENT_NODE {
                inspect(element, into: &scan)
                if let child = element.pointee.children { visit(child, into: &scan) }
            }
            current = element.pointee.next
        }
    }

    private static func inspect(_ element: UnsafeMutablePointer<xmlNode>, into scan: inout PageScan) {
        let name = PageScan.lowercasedName(element.pointee.name)
        let line = Int(xmlGetLineNo(element))
        var attributes: [(name: String, value: UnsafeMutablePointer<xmlAttr>)] = []
        var attribute = element.pointee.properties
        while let current = attribute {
            attributes.append((PageScan.lowercasedName(current.pointee.name), current))
            attribute = current.pointee.next
        }
        let index = scan.inspect(name: name, line: line, attributes: attributes) { text(of: $0.pointee.children) }
        if name == "svg" && !hasChild(element, named: "title") {
            scan.fail("<svg> has no <title>", line: line, at: index)
        }
        if name == "script" && hasText(element) { scan.fail("<script> has inline content", line: line, at: index) }
    }

    /// The concatenated text of an attribute's child nodes (the tree has replaced its references).
    private static func text(of first: UnsafeMutablePointer<xmlNode>?) -> String {
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
