import ForesiteCore

/// What `Downloads.add` wrote, with the labels people see: the pages that link downloads (data.html, each
/// model's page) read it rather than probing `SiteFiles` with paths copied from `Downloads`.
public struct DownloadManifest: Hashable, Sendable {
    public struct Entry: Hashable, Sendable {
        /// The file's path from the site's root, e.g. `downloads/solana.csv`.
        public var path: String
        /// The link's text, e.g. `solana.csv`.
        public var label: String
        /// What the file holds.
        public var detail: String
    }

    /// The files offered for download on data.html, in the order they were written.
    public private(set) var offered: [Entry] = []
    /// Each exported model's Hubverse metadata file (`hub/model-metadata/foresite-lstm.yml`).
    public private(set) var hubMetadata: [ModelID: String] = [:]
    /// Every file written, offered or not (the API's leaderboard, the hub export, robots.txt …), in order.
    public private(set) var written: [String] = []

    public init() {}

    /// Records a file written for machines and for people who follow its links (not listed on data.html).
    mutating func wrote(_ path: String) { written.append(path) }

    /// Records a file offered on data.html.
    mutating func offer(_ path: String, label: String, detail: String) {
        written.append(path)
        offered.append(Entry(path: path, label: label, detail: detail))
    }

    mutating func wroteHubMetadata(_ path: String, of model: ModelID) {
        written.append(path)
        hubMetadata[model] = path
    }
}
