import Foundation
import Mustache

/// The Mustache templates of `templates/`, parsed once per build.
///
/// Names are paths without `.mustache` (`index`, `partials/figure`). Parse errors and references to
/// partials that do not exist fail the load with file and line, because swift-mustache itself would
/// silently render a missing partial as nothing.
public struct TemplateSet: Sendable {
    let library: MustacheLibrary
    public let names: [String]
    /// Digest of every template's name and text: a changed template invalidates the build cache.
    let sourceDigest: BuildDigest

    /// Loads every `*.mustache` under `directory`.
    public init(directory: URL) throws {
        let fileManager = FileManager.default
        guard let enumerator = fileManager.enumerator(atPath: directory.path) else {
            throw SiteError.io(path: directory.path, message: "templates folder cannot be read")
        }
        var sources: [String: String] = [:]
        for case let path as String in enumerator where path.hasSuffix(".mustache") {
            let url = directory.appendingPathComponent(path)
            guard let data = fileManager.contents(atPath: url.path) else {
                throw SiteError.io(path: url.path, message: "cannot be read")
            }
            sources[String(path.dropLast(".mustache".count))] = String(decoding: data, as: UTF8.self)
        }
        try self.init(sources: sources)
    }

    /// Parses templates given as name → text (tests use this for broken templates).
    public init(sources: [String: String]) throws {
        var library = MustacheLibrary()
        PageTextEscaping.registered
        for name in sources.keys.sorted() {
            // Every template, partial and layout escapes through `PageTextEscaping` (swift-mustache resets
            // the content type in each partial, so each says so itself); the pragma renders nothing.
            let text = Self.escapingPragma + sources[name]!
            do {
                library.register(try MustacheTemplate(string: text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                throw SiteError.template(
                    file: "\(name).mustache", line: error.context.lineNumber - 1, column: error.context.columnNumber,
                    message: Self.describe(error.error))
            }
        }
        for name in sources.keys.sorted() {
            for (line, partial) in Self.partialReferences(in: sources[name]!) where sources[partial] == nil {
                throw SiteError.missingPartial(file: "\(name).mustache", line: line, name: partial)
            }
        }
        self.library = library
        self.names = sources.keys.sorted()
        var hasher = BuildHasher()
        for name in names {
            hasher.add(name)
            hasher.add(sources[name]!)
        }
        sourceDigest = hasher.digest
    }

    /// Put on a line of its own before each template's text (a standalone tag: it leaves no trace in the
    /// output): selects `PageTextEscaping`.
    static let escapingPragma = "{{% CONTENT_TYPE: \(PageTextEscaping.name)}}\n"

    /// Renders template `name` with `context` (a value whose stored properties Mustache reads).
    public func render(_ name: String, _ context: Any, directory: String = "templates") throws -> String {
        guard let output = library.render(context, withTemplate: name) else {
            throw SiteError.missingTemplate(name: name, directory: directory)
        }
        return output
    }

    /// `{{> name}}` and `{{< name}}` references with their 1-based line numbers.
    static func partialReferences(in text: String) -> [(line: Int, name: String)] {
        var found: [(Int, String)] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                rest = rest[open.upperBound...]
                guard let first = rest.first, first == ">" || first == "<" else { continue }
                guard let close = rest.range(of: "}}") else { break }
                let name = rest[rest.index(after: rest.startIndex)..<close.lowerBound]
                    .trimmingCharacters(in: .whitespaces)
                if !name.isEmpty && !name.hasPrefix("*") { found.append((index + 1, name)) }
                rest = rest[close.upperBound...]
            }
        }
        return found
    }

    private static func describe(_ error: Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect: "a section is closed with a different name than it was opened"
        case .unfinishedName: "a tag is not closed ('}}' missing)"
        case .expectedSectionEnd: "a section is never closed ('{{/name}}' missing)"
        case .invalidSetDelimiter: "invalid set-delimiter tag"
        case .transformAppliedToInheritanceSection: "a transform is applied to an inheritance section"
        case .illegalTokenInsideInheritSection: "illegal tag inside an inheritance section"
        case .textInsideInheritSection: "text inside an inheritance section"
        case .invalidConfigVariableSyntax: "invalid configuration-variable syntax"
        case .unrecognisedConfigVariable: "unrecognised configuration variable"
        case nil: "\(error)"
        }
    }
}
