import ForesiteCore

/// The alternative.me Fear & Greed Index as a `DailySource`.
public struct AlternativeMeSource: DailySource {
    public var client: AlternativeMeClient

    public init(client: AlternativeMeClient) {
        self.client = client
    }

    public var name: String { AlternativeMeParser.source }

    public func rows(since: Day?) async throws -> SourceRows {
        .fearGreed(try await client.readings(since: since))
    }
}
