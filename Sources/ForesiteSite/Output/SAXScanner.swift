import CLibXML2
import Foundation

/// libxml2's SAX callbacks for `PageScan.parse`: each start tag's rules run as the parser meets it, and
/// the open elements are kept only as far as a rule needs them (an `<svg>`'s `<title>` child, a
/// `<script>`'s content). The parser context's `_private` points at the scanner.
final class SAXScanner {
    private(set) var scan: PageScan
    /// The first error of the parse: libxml2 keeps parsing after many errors and its "last error" is often
    /// a consequence ("Premature end of data"), so the first one is kept here.
    private(set) var errorLine: Int?
    private(set) var errorMessage: String?
    private var open: [OpenElement] = []
    private let parser: xmlParserCtxtPtr

    /// An element whose start tag has been read and whose end tag has not.
    private struct OpenElement {
        enum Rule {
            case none
            /// Needs a `<title>` child.
            case svg(hasTitle: Bool)
            /// May have no content.
            case script(hasContent: Bool)
        }
        var rule: Rule
        let line: Int
        /// Where its end-tag problem goes in the page's problems.
        let problemIndex: Int
    }

    init(path: String, parser: xmlParserCtxtPtr) {
        scan = PageScan(path: path)
        self.parser = parser
    }

    /// Replaces the tree builder's element, text and error callbacks in `handler` with the scanner's.
    static func install(on handler: UnsafeMutablePointer<xmlSAXHandler>) {
        handler.pointee.startElementNs = { context, name, _, _, _, _, count, _, attributes in
            guard let name else { return }
            SAXScanner.from(context)?.start(name, attributes: attributes, count: Int(count))
        }
        handler.pointee.endElementNs = { context, _, _, _ in SAXScanner.from(context)?.end() }
        handler.pointee.characters = { context, text, length in SAXScanner.from(context)?.content(text, Int(length)) }
        handler.pointee.ignorableWhitespace = handler.pointee.characters
        handler.pointee.cdataBlock = { context, text, length in SAXScanner.from(context)?.content(text, Int(length)) }
        handler.pointee.comment = { context, text in SAXScanner.from(context)?.content(text, SAXScanner.length(text)) }
        handler.pointee.processingInstruction = { context, _, data in
            SAXScanner.from(context)?.content(data, SAXScanner.length(data))
        }
        handler.pointee.serror = { context, error in
            guard let error, let scanner = SAXScanner.from(context) else { return }
            guard scanner.errorLine == nil, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
            scanner.errorLine = Int(error.pointee.line)
            scanner.errorMessage = error.pointee.message.map { String(cString: $0) } ?? "not well-formed"
        }
    }

    private static func from(_ context: UnsafeMutableRawPointer?) -> SAXScanner? {
        guard let box = context?.assumingMemoryBound(to: xmlParserCtxt.self).pointee._private else { return nil }
        return Unmanaged<SAXScanner>.fromOpaque(box).takeUnretainedValue()
    }

    private static func length(_ text: UnsafePointer<xmlChar>?) -> Int {
        text.map { Int(xmlStrlen($0)) } ?? 0
    }

    /// A start tag: `attributes` holds `count` groups of five (local name, prefix, URI, value, end).
    private func start(
        _ localName: UnsafePointer<xmlChar>, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, count: Int
    ) {
        if let parent = open.indices.last {
            switch open[parent].rule {
            case .svg(false)
            where PageScan.isRuled(localName, in: Self.title, handlers: false)
                && PageScan.lowercasedName(localName) == "title":
                open[parent].rule = .svg(hasTitle: true)
            case .script(false): open[parent].rule = .script(hasContent: true)
            default: break
            }
        }
        // Only the attributes a rule reads are made strings; an element none of whose attributes is one,
        // and which no rule names, has nothing to check.
        var list: [(name: String, value: PageScan.AttributeBytes)] = []
        if let attributes, count > 0 {
            for index in 0..<count {
                let group = attributes + 5 * index
                guard let attributeName = group[0], let start = group[3], let end = group[4],
                    PageScan.isRuled(attributeName, in: PageScan.ruledAttributes, handlers: true)
                else { continue }
                list.append((PageScan.lowercasedName(attributeName), PageScan.AttributeBytes(start: start, end: end)))
            }
        }
        guard !list.isEmpty || PageScan.isRuled(localName, in: PageScan.ruledElements, handlers: false) else {
            open.append(OpenElement(rule: .none, line: 0, problemIndex: 0))
            return
        }
        let name = PageScan.lowercasedName(localName)
        let line = Int(xmlSAX2GetLineNumber(UnsafeMutableRawPointer(parser)))
        let problemIndex = scan.inspect(name: name, line: line, attributes: list, text: PageScan.text(of:))
        let rule: OpenElement.Rule =
            switch name {
            case "svg": .svg(hasTitle: false)
            case "script": .script(hasContent: false)
            default: .none
            }
        open.append(OpenElement(rule: rule, line: line, problemIndex: problemIndex))
    }

    private static let title = [Array("title".utf8)]

    private func end() {
        guard let element = open.popLast() else { return }
        switch element.rule {
        case .svg(hasTitle: false): scan.fail("<svg> has no <title>", line: element.line, at: element.problemIndex)
        case .script(hasContent: true):
            scan.fail("<script> has inline content", line: element.line, at: element.problemIndex)
        default: break
        }
    }

    /// Text, CDATA, a comment or a processing instruction: content when inside a `<script>` and more than
    /// white space.
    private func content(_ text: UnsafePointer<xmlChar>?, _ length: Int) {
        guard let last = open.indices.last, case .script(false) = open[last].rule, let text, length > 0 else {
            return
        }
        let string = String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self)
        if !string.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            open[last].rule = .script(hasContent: true)
        }
    }
}
