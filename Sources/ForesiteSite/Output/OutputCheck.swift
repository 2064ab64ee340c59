import CLibXML2
import ForesiteCore
import Foundation

/// Parses every rendered page with libxml2 and refuses a site that is broken or unsafe.
///
/// Pages are polyglot HTML5, so they are read with the XML parser (libxml2 2.9's HTML parser rejects
/// HTML5 and inline SVG). Besides well-formedness it checks what a reader or a browser would trip on:
/// internal links and `#anchors` that do not resolve, duplicate ids, charts without a `<title>`, images
/// without `alt`, resources loaded from another host, and anything that could run script other than
/// Foresite's own file (issue 7's XSS rules): inline or foreign `<script>`, `on*` attributes,
/// `javascript:` URLs, `<foreignObject>`, `<iframe>`, `<object>`, `<embed>`.
public struct OutputCheck: Sendable {
    /// Largest allowed size in bytes per file (Architecture.md, "Invariants worth knowing": index.html ≤ 200 KB).
    public var sizeBudgets: [String: Int]
    /// The site's absolute path ("/foresite/"), so root-relative links in 404.html can be resolved.
    public var rootPath: String

    public init(sizeBudgets: [String: Int] = ["index.html": 200 * 1024], rootPath: String = "/") {
        self.sizeBudgets = sizeBudgets
        self.rootPath = rootPath.hasSuffix("/") ? rootPath : rootPath + "/"
    }

    /// All problems in `files` (path → bytes): files over their budget, then the rest in file order; empty
    /// when the site is fine. Pages are parsed side by side on every core (each with its own libxml2
    /// parser); the problems keep file order.
    public func problems(in files: SiteFiles) -> [SiteError] {
        check(files, known: [:]).problems
    }

    /// The problems and every page's parse; pages in `known` are taken as parsed there (an incremental
    /// build's pages unchanged since the parse the build cache kept). A reused file (not in memory) is
    /// checked only through its parse in `known`: a settled page linked from the previous site.
    func check(_ files: SiteFiles, known: [String: PageScan]) -> (problems: [SiteError], scans: [String: PageScan]) {
        // Files are taken in no particular order and only the problems sorted, by path: a year of 20
        // targets is 52 000 paths, and sorting them took a core for longer than checking the links.
        let made = Array(files.files)
        let parsed = made.concurrentMap { path, bytes -> Result<PageScan, SiteError>? in
            guard Self.isMarkup(path) else { return nil }
            if let scan = known[path] { return .success(scan) }
            return PageScan.parse(bytes, path: path)
        }
        var problems: [SiteError] = []
        for (path, budget) in sizeBudgets.sorted(by: { $0.key < $1.key }) {
            if let size = files.size(path), size > budget {
                problems.append(
                    .output(file: path, line: 1, message: "is \(size) bytes, over its budget of \(budget) bytes"))
            }
        }
        var scans: [String: PageScan] = [:]
        scans.reserveCapacity(files.count)
        var byPage: [(path: String, problems: [SiteError])] = []
        for ((path, _), result) in zip(made, parsed) {
            switch result {
            case nil: continue
            case .failure(let error): byPage.append((path, [error]))
            case .success where path.hasSuffix(".xml"):
                // Feeds and sitemaps are other vocabularies: well-formedness is what matters there.
                continue
            case .success(let scan):
                if !scan.problems.isEmpty { byPage.append((path, scan.problems)) }
                scans[path] = scan
            }
        }
        for path in files.reused.keys where Self.isMarkup(path) && !path.hasSuffix(".xml") {
            guard let scan = known[path] else { continue }
            if !scan.problems.isEmpty { byPage.append((path, scan.problems)) }
            scans[path] = scan
        }
        let paths = Array(scans.keys)
        let resolutions = folderResolutions(paths, scans: scans)
        let links = paths.concurrentMap { [self, scans] path in
            linkProblems(
                from: path, scan: scans[path]!, files: files, scans: scans,
                resolved: resolutions[Self.folder(of: path)] ?? [:])
        }
        problems += byPage.sorted { $0.path < $1.path }.flatMap(\.problems)
        problems += zip(paths, links).filter { !$0.1.isEmpty }.sorted { $0.0 < $1.0 }.flatMap(\.1)
        return (problems, scans)
    }

    /// Where a reference leads.
    enum Resolution: Sendable {
        case external
        case outside
        case file(String, fragment: String?)
    }

    /// Per folder, every reference its pages make that does not depend on the page's own name, resolved
    /// once: a year of archive pages in one folder shares the navigation and most links.
    private func folderResolutions(_ paths: [String], scans: [String: PageScan]) -> [String: [String: Resolution]] {
        var references: [String: Set<String>] = [:]
        var examples: [String: String] = [:]
        for path in paths {
            let folder = Self.folder(of: path)
            examples[folder] = path
            references[folder, default: []].formUnion(
                scans[path]!.links.lazy.map { Self.trimmed($0.value) }.filter(Self.isFolderRelative))
        }
        let folders = references.keys.sorted()
        let resolved = folders.concurrentMap { [self, references, examples] folder in
            Dictionary(
                uniqueKeysWithValues: references[folder]!.map { ($0, resolution(of: $0, from: examples[folder]!)) })
        }
        return Dictionary(uniqueKeysWithValues: zip(folders, resolved))
    }

    /// "forecasts/" for "forecasts/2025-01-05.html", "" for a page at the root.
    static func folder(of path: String) -> String {
        // Found in the UTF-8 bytes, as every page's path goes through here twice.
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(path[...slash])
    }

    /// True when a reference resolves the same from every page of a folder (not "", "#…" or "?…").
    static func isFolderRelative(_ reference: String) -> Bool {
        guard let first = reference.utf8.first else { return false }
        return first != UInt8(ascii: "#") && first != UInt8(ascii: "?")
    }

    static func trimmed(_ value: String) -> String {
        // Almost every reference starts and ends with a visible ASCII byte, which no whitespace Character
        // can start with: then no Character is made (every link of every page goes through here).
        if let first = value.utf8.first, let last = value.utf8.last, (0x21...0x7E).contains(first),
            (0x21...0x7E).contains(last)
        {
            return value
        }
        return value.first?.isWhitespace == true || value.last?.isWhitespace == true
            ? value.trimmingCharacters(in: .whitespacesAndNewlines) : value
    }

    func resolution(of reference: String, from path: String) -> Resolution {
        if Self.isExternal(reference) { return .external }
        guard let (target, fragment) = resolve(reference, from: path) else { return .outside }
        return .file(target, fragment: fragment)
    }

    /// Throws `SiteCheckFailure` listing every problem.
    public func verify(_ files: SiteFiles) throws {
        let found = problems(in: files)
        if !found.isEmpty { throw SiteCheckFailure(problems: found) }
    }

    static func isMarkup(_ path: String) -> Bool {
        path.hasSuffix(".html") || path.hasSuffix(".xml") || path.hasSuffix(".svg")
    }

    private func linkProblems(
        from path: String, scan: PageScan, files: SiteFiles, scans: [String: PageScan],
        resolved: [String: Resolution]
    ) -> [SiteError] {
        var problems: [SiteError] = []
        for link in scan.links {
            let reference = Self.trimmed(link.value)
            let target: String
            let fragment: String?
            switch resolved[reference] ?? resolution(of: reference, from: path) {
            case .external:
                if link.loadsResource {
                    problems.append(
                        .output(
                            file: path, line: link.line,
                            message: "<\(link.element)> loads '\(reference)' from another host"))
                }
                continue
            case .outside:
                problems.append(.output(file: path, line: link.line, message: "link '\(reference)' leaves the site"))
                continue
            case .file(let file, let anchor):
                (target, fragment) = (file, anchor)
            }
            if link.element == "script" && !Self.isStaticFile(target) {
                problems.append(
                    .output(
                        file: path, line: link.line,
                        message: "<script> '\(reference)' is not one of Foresite's static files"))
            }
            guard files.contains(target) else {
                problems.append(
                    .output(file: path, line: link.line, message: "link '\(reference)' points to missing '\(target)'"))
                continue
            }
            if let fragment, !fragment.isEmpty, let targetScan = scans[target], !targetScan.ids.keys.contains(fragment)
            {
                problems.append(
                    .output(file: path, line: link.line, message: "anchor '#\(fragment)' does not exist in '\(target)'")
                )
            }
        }
        return problems
    }

    /// A file of `static/` at the root, or of a target's `<slug>/static/` on a `targets:` site.
    static func isStaticFile(_ path: String) -> Bool {
        let parts = path.split(separator: "/", maxSplits: 2)
        return parts.count > 1 && (parts[0] == "static" || (parts.count == 3 && parts[1] == "static"))
    }

    /// True for `https://…`, `mailto:…`, `//host/…`: anything with a scheme or a host.
    static func isExternal(_ reference: String) -> Bool {
        if reference.hasPrefix("//") { return true }
        guard let colon = reference.firstIndex(of: ":") else { return false }
        let scheme = reference[..<colon]
        return !scheme.isEmpty && scheme.first!.isLetter
            && scheme.allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }
            && !scheme.contains("/")
    }

    /// The site file a reference points to (relative to `path`, or under `rootPath`), and its fragment.
    func resolve(_ reference: String, from path: String) -> (String, String?)? {
        var rest = reference
        var fragment: String?
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            rest = String(rest[..<hash])
        }
        if let query = rest.firstIndex(of: "?") { rest = String(rest[..<query]) }
        if rest.contains("%") { rest = rest.removingPercentEncoding ?? rest }
        if rest.isEmpty { return (path, fragment) }
        var components: [Substring]
        if rest.hasPrefix("/") {
            guard rest.hasPrefix(rootPath) || rest + "/" == rootPath else { return nil }
            components = []
            rest = String(rest.dropFirst(min(rootPath.count, rest.count)))
        } else {
            components = path.split(separator: "/").dropLast()
        }
        for part in rest.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !components.isEmpty else { return nil }
                components.removeLast()
            default: components.append(part)
            }
        }
        var target = components.joined(separator: "/")
        if rest.hasSuffix("/") || target.isEmpty { target += target.isEmpty ? "index.html" : "/index.html" }
        return (target, fragment)
    }
}
