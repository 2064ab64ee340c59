import Foundation

/// Absolute URLs for the feed, sitemap and canonical links, from the configured base URL.
enum SiteURLs {
    /// Rejects anything but an absolute http(s) URL: the base URL ends up in `href` attributes, so a
    /// `javascript:` value in the configuration must never reach a page.
    static func validate(baseURL: String) throws {
        let lower = baseURL.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"),
            let url = URL(string: baseURL), url.host != nil
        else {
            throw SiteError.invalidSetting(
                key: "site.base_url", value: baseURL, reason: "must be an absolute http:// or https:// URL")
        }
    }

    /// `base` with exactly one slash before `path`.
    static func absolute(_ path: String, base: String) -> String {
        (base.hasSuffix("/") ? base : base + "/") + path
    }

    /// The path part of the base URL with a trailing slash ("/foresite/"), for pages served at any depth.
    static func rootPath(base: String) -> String {
        let path = URL(string: base)?.path ?? "/"
        return path.hasSuffix("/") ? path : path + "/"
    }
}
