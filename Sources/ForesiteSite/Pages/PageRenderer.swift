import ForesiteCore

/// Renders every page of the site's page list with its template and adds it to the site's files.
///
/// Pages are rendered on every core (each kind's pages together, an incremental kind's page by page) and
/// added in list order. In an incremental build (`previous` set) a page of an `IncrementalSitePage` kind
/// whose inputs match the previous build's is not made: its previous bytes are read back and get the new
/// footer day (`AsOfSplice`), and the check reuses its cached parse. A settled page (its footer shows the
/// day it settled on, in every build) is not even read: the writer links the previous site's file.
struct PageRenderer {
    let context: PageContext
    let templates: TemplateSet
    var splice: AsOfSplice?
    var previous: PreviousBuild?

    init(context: PageContext, templates: TemplateSet, splice: AsOfSplice? = nil, previous: PreviousBuild? = nil) {
        var context = context
        if splice != nil { context.footerDay = AsOfSplice.placeholder }
        self.context = context
        self.templates = templates
        self.splice = splice
        self.previous = splice == nil ? nil : previous
    }

    /// One unit of parallel work: every page of a kind, or one page of an incremental kind.
    private enum Job: Sendable {
        case kind(any SitePage.Type)
        case page(any IncrementalSitePage.Type, index: Int, file: String, inputs: BuildDigest, settledOn: Day?)
    }

    private struct Rendered: Sendable {
        var file: String
        var bytes: [UInt8]
        var form: BuildDigest
        var offsets: [Int]
        var inputs: BuildDigest?
        var scan: PageScan?
        var isReused = false
        /// A settled page taken from the previous site as it is (`bytes` empty).
        var linked: SiteFiles.Reused?
    }

    /// Every page of `kinds`, in list order; returns the paths the sitemap lists.
    func render(_ kinds: [any SitePage.Type], into files: inout SiteFiles) throws -> [String] {
        var record = BuildRecord()
        return try render(kinds, into: &files, record: &record)
    }

    func render(_ kinds: [any SitePage.Type], into files: inout SiteFiles, record: inout BuildRecord) throws
        -> [String]
    {
        var jobs: [Job] = []
        for kind in kinds {
            if let incremental = kind as? any IncrementalSitePage.Type {
                for (index, page) in incremental.inputs(context).enumerated() {
                    guard let settled = page.settledOn, settled <= context.content.asOf else {
                        jobs.append(
                            .page(incremental, index: index, file: page.file, inputs: page.digest, settledOn: nil))
                        continue
                    }
                    // The footer's day is part of a settled page's inputs.
                    var hasher = BuildHasher()
                    hasher.add(page.digest)
                    hasher.add(settled)
                    jobs.append(
                        .page(incremental, index: index, file: page.file, inputs: hasher.digest, settledOn: settled))
                }
            } else {
                jobs.append(.kind(kind))
            }
        }
        let renderer = self
        let results = try jobs.concurrentMap { job throws(SiteError) -> (listed: Bool, pages: [Rendered]) in
            switch job {
            case .kind(let kind): (kind.inSitemap, try renderer.renderAll(kind))
            case .page(let kind, let index, let file, let inputs, let settledOn):
                (
                    kind.inSitemap,
                    [try renderer.renderOne(kind, index: index, file: file, inputs: inputs, settledOn: settledOn)]
                )
            }
        }
        var listed: [String] = []
        for (inSitemap, pages) in results {
            for page in pages {
                if let linked = page.linked {
                    files.reuse(page.file, linked)
                } else {
                    files.add(page.file, bytes: page.bytes)
                }
                record.forms[page.file] = page.form
                if splice != nil { record.asOfOffsets[page.file] = page.offsets }
                if splice != nil, let inputs = page.inputs { record.inputs[page.file] = inputs }
                if let scan = page.scan ?? previous?.scan(page.file, form: page.form) {
                    record.knownScans[page.file] = scan
                }
                if page.isReused { record.reusedPages.insert(page.file) }
                if inSitemap { listed.append(page.file) }
            }
        }
        return listed
    }

    private func renderAll<Page: SitePage>(_ kind: Page.Type) throws(SiteError) -> [Rendered] {
        var rendered: [Rendered] = []
        for page in kind.pages(context) { rendered.append(try render(page, file: page.file)) }
        return rendered
    }

    private func renderOne<Page: IncrementalSitePage>(
        _ kind: Page.Type, index: Int, file: String, inputs: BuildDigest, settledOn: Day?
    ) throws(SiteError) -> Rendered {
        if let settledOn {
            // Only with its parse: the check takes a linked page as parsed before.
            if let previous, let entry = previous.reusable(file, inputs: inputs), let scan = entry.scan {
                let linked = SiteFiles.Reused(
                    location: previous.root + file, identity: entry.identity, inputs: inputs, form: entry.form)
                return Rendered(
                    file: file, bytes: [], form: entry.form, offsets: [], inputs: inputs, scan: scan, isReused: true,
                    linked: linked)
            }
            var context = self.context
            context.footerDay = settledOn.iso
            var page = try render(kind.page(at: index, context), file: file)
            page.inputs = inputs
            return page
        }
        if let splice, let entry = previous?.reusable(file, inputs: inputs),
            var bytes = previous?.bytes(file, entry: entry), splice.refill(&bytes, at: entry.asOfOffsets)
        {
            return Rendered(
                file: file, bytes: bytes, form: entry.form, offsets: entry.asOfOffsets, inputs: inputs,
                scan: entry.scan, isReused: true)
        }
        var page = try render(kind.page(at: index, context), file: file)
        page.inputs = inputs
        return page
    }

    /// Mustache escapes markup characters but not C0 controls, which XML forbids; they never belong in a
    /// page, so they are dropped here rather than failing the build over one stray byte from an API.
    private func render<Page: SitePage>(_ page: Page, file: String) throws(SiteError) -> Rendered {
        let text: String
        do {
            text = try templates.render(Page.template, page)
        } catch let error as SiteError {
            throw error
        } catch {
            throw SiteError.output(file: file, line: 1, message: "cannot be rendered: \(error)")
        }
        var bytes = Array(Markup.stripControlCharacters(text).utf8)
        let form = splice == nil ? BuildDigest(high: 0, low: 0) : BuildDigest.of(bytes)
        let offsets = splice?.fill(&bytes) ?? []
        return Rendered(file: file, bytes: bytes, form: form, offsets: offsets)
    }
}
