import ForesiteCore
import Foundation

/// How hard the sources try before giving up: exponential backoff with jitter on 429, 5xx and network
/// errors, bounded both by a number of attempts and by total time (`sources.retry` in the configuration).
///
/// The bound on total time matters for the daily job: a source that is down must fail the run within
/// minutes so the site can still be rebuilt from stored data with a stale-data banner.
public struct RetryPolicy: Hashable, Sendable {
    /// Requests in all, the first one included (1 = never retry).
    public var attempts: Int
    /// No wait starts once it would end past this many seconds since the first request.
    public var maxSeconds: Double
    /// The first backoff; each further one doubles, up to `maxDelaySeconds`.
    public var baseDelaySeconds: Double
    public var maxDelaySeconds: Double
    /// Per-request timeout handed to the transport.
    public var timeoutSeconds: Double

    public init(
        attempts: Int = 4, maxSeconds: Double = 60, baseDelaySeconds: Double = 0.5, maxDelaySeconds: Double = 30,
        timeoutSeconds: Double = 30
    ) {
        self.attempts = max(1, attempts)
        self.maxSeconds = maxSeconds
        self.baseDelaySeconds = baseDelaySeconds
        self.maxDelaySeconds = maxDelaySeconds
        self.timeoutSeconds = timeoutSeconds
    }

    public init(_ settings: Config.Retry) {
        self.init(
            attempts: settings.attempts, maxSeconds: settings.maxSeconds, baseDelaySeconds: settings.baseDelaySeconds,
            timeoutSeconds: settings.timeoutSeconds)
    }

    /// Whether a response with `status` is worth asking again: rate limiting and server-side failures.
    public static func isRetryable(status: Int) -> Bool { status == 429 || (500..<600).contains(status) }

    /// The wait after failed attempt `attempt` (1-based): `base · 2^(attempt-1)`, capped, then scaled into
    /// [50 %, 100 %) by `unit` ∈ [0, 1) ("equal jitter"), so that clients that failed together spread out
    /// but none retries immediately.
    public func backoff(afterAttempt attempt: Int, unit: Double) -> Double {
        let exponential = baseDelaySeconds * pow(2, Double(max(0, attempt - 1)))
        return min(maxDelaySeconds, exponential) * (0.5 + 0.5 * unit)
    }

    /// Seconds a `Retry-After` header asks for: delta-seconds (`120`) or an HTTP date
    /// (`Wed, 21 Oct 2015 07:28:00 GMT`) relative to `now`; nil when absent or unreadable.
    public static func retryAfter(_ value: String?, now: Date) -> Double? {
        guard let text = value?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if let seconds = Int(text) { return Double(max(0, seconds)) }
        guard let date = httpDate(text) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }

    /// RFC 9110 IMF-fixdate, the only date form servers are required to send.
    static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }
}
