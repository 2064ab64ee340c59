import ForesiteCore

/// What every page is made from: the content, the navigation bar of the site's page list, and the manifest
/// of the files the downloads wrote (which pages link instead of guessing their paths).
public struct PageContext: Sendable {
    public let content: SiteContent
    public let navigation: [NavigationEntry]
    public let downloads: DownloadManifest
    /// What the footer of every page says the data is as of: the content's day, or a placeholder of the
    /// same length an incremental build renders and then replaces (`AsOfSplice`), so a page whose footer
    /// is all that changed since the last build need not be rendered again.
    var footerDay: String

    public init(content: SiteContent, navigation: [NavigationEntry], downloads: DownloadManifest) {
        self.content = content
        self.navigation = navigation
        self.downloads = downloads
        footerDay = content.asOf.iso
    }

    /// The target and every covariate with prices in the trend window, for the rebased trend charts.
    var trendSeries: [(label: String, candles: [Candle])] {
        ([content.target] + content.covariates).compactMap { instrument in
            guard let candles = content.prices[instrument.group] else { return nil }
            let window = DisplayWindow.suffix(
                candles, days: DisplayWindow.trendDays, through: content.asOf, day: \.day)
            return window.isEmpty ? nil : (instrument.instrument, Array(window))
        }
    }
}
