/// Renders every page of the site's page list with its template and adds it to the site's files.
struct PageRenderer {
    let context: PageContext
    let templates: TemplateSet

    /// Every page of `kinds`, in list order; returns the paths the sitemap lists.
    func render(_ kinds: [any SitePage.Type], into files: inout SiteFiles) throws -> [String] {
        var listed: [String] = []
        for kind in kinds {
            let paths = try render(kind, into: &files)
            if kind.inSitemap { listed += paths }
        }
        return listed
    }

    /// Mustache escapes markup characters but not C0 controls, which XML forbids; they never belong in a
    /// page, so they are dropped here rather than failing the build over one stray byte from an API.
    private func render<Page: SitePage>(_ kind: Page.Type, into files: inout SiteFiles) throws -> [String] {
        try kind.pages(context).map { page in
            files.add(page.file, Markup.stripControlCharacters(try templates.render(kind.template, page)))
            return page.file
        }
    }
}
