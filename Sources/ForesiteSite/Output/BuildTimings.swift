import Foundation

/// Where a site build's time went, in wall-clock seconds (summed over builds when one value is reused).
public struct BuildTimings: Sendable, Equatable {
    /// Reading the build caches and checking which recorded files are still intact.
    public var cacheLoad = 0.0
    /// Making every file in memory (or taking it from the previous build).
    public var render = 0.0
    /// Parsing the pages and checking links, ids and scripts.
    public var check = 0.0
    /// Writing the staging folder and swapping it into place.
    public var write = 0.0
    /// Writing the build caches for the next build.
    public var cacheSave = 0.0

    public init() {}

    /// Seconds since the last lap (or since it was made).
    struct Clock {
        private var last = Date()

        mutating func lap() -> Double {
            let now = Date()
            defer { last = now }
            return now.timeIntervalSince(last)
        }
    }
}
