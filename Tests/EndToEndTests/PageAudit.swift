import CLibXML2
import Foundation

/// A second, independent reading of a built page with libxml2 (the site's own `OutputCheck` is the first):
/// every element and attribute is visited and anything that could run script is reported.
///
/// Kept deliberately separate from `ForesiteSite.PageScan`, so a bug in the build's checker cannot hide
/// a payload from the XSS tests.
enum PageAudit {
    /// Problems of one page: not well-formed, a `<script>` that is not Foresite's own file, an `on*`
    /// attribute, a `javascript:` or `vbscript:` URL in an attribute that holds a URL, or an element that can
    /// embed foreign content. (The same words inside a `title` or `content` attribute are only text.)
    static func problems(in bytes: Data, path: String) -> [String] {
        xmlInitParser()
        let options = Int32(
            bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let document = bytes.withUnsafeBytes { buffer in
            xmlReadMemory(
                buffer.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(buffer.count), path, "UTF-8", options)
        }
        guard let document, let root = xmlDocGetRootElement(document) else { return ["\(path): not well-formed"] }
        defer { xmlFreeDoc(document) }
        var problems: [String] = []
        visit(root) { element in
            let name = String(cString: element.pointee.name).lowercased()
            var attributes: [(name: String, value: String)] = []
            var attribute = element.pointee.properties
            while let current = attribute {
                attributes.append(
                    (String(cString: current.pointee.name).lowercased(), text(of: current.pointee.children)))
                attribute = current.pointee.next
            }
            let line = xmlGetLineNo(element)
            if ["foreignobject", "iframe", "object", "embed", "frame", "applet"].contains(name) {
                problems.append("\(path):\(line): <\(name)>")
            }
            if name == "script" {
                let source = attributes.first { $0.name == "src" }?.value ?? ""
                if !source.contains("static/") || source.contains("//") || element.pointee.children != nil {
                    problems.append("\(path):\(line): <script src='\(source)'> is not Foresite's own script file")
                }
            }
            for attribute in attributes {
                if attribute.name.hasPrefix("on") {
                    problems.append("\(path):\(line): <\(name)> has the event handler \(attribute.name)")
                }
                guard urlAttributes.contains(attribute.name) else { continue }
                let squeezed = attribute.value.lowercased().unicodeScalars
                    .filter {
                        !CharacterSet.whitespacesAndNewlines.contains($0)
                            && !CharacterSet.controlCharacters.contains($0)
                    }
                let flat = String(String.UnicodeScalarView(squeezed))
                if flat.contains("javascript:") || flat.contains("vbscript:") {
                    problems.append("\(path):\(line): <\(name) \(attribute.name)='\(attribute.value)'> is a script URL")
                }
            }
        }
        return problems
    }

    /// Attributes a browser follows or loads as a URL (`xlink:href` arrives as `href`).
    static let urlAttributes: Set<String> = [
        "href", "src", "action", "formaction", "poster", "data", "cite", "background", "srcset", "ping", "manifest",
        "codebase", "longdesc", "usemap", "icon",
    ]

    /// Calls `body` for `node`, its following siblings and all their descendants that are elements.
    private static func visit(_ node: UnsafeMutablePointer<xmlNode>, _ body: (UnsafeMutablePointer<xmlNode>) -> Void) {
        var current: UnsafeMutablePointer<xmlNode>? = node
        while let element = current {
            if element.pointee.type == XML_ELEMENT_NODE {
                body(element)
                if let child = element.pointee.children { visit(child, body) }
            }
            current = element.pointee.next
        }
    }

    /// The text of an attribute's value nodes, entities already resolved by the parser.
    private static func text(of node: UnsafeMutablePointer<xmlNode>?) -> String {
        var text = ""
        var current = node
        while let part = current {
            if let content = part.pointee.content { text += String(cString: content) }
            current = part.pointee.next
        }
        return text
    }
}
