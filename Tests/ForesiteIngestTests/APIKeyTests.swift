import ForesiteCore
import ForesiteTestSupport
import Foundation
import Testing

@testable import ForesiteIngest

@Suite struct APIKeyTests {
    static let canary = "CANARY-7f3a9c-not-a-real-key"

    @Test func neverPrintsTheSecret() throws {
        let key = try #require(APIKey(Self.canary))
        let renderings = [
            "\(key)", String(describing: key), String(reflecting: key), "\([key])", "\(Optional(key) as Any)",
        ]
        var dumped = ""
        dump(key, to: &dumped)
        for text in renderings + [dumped] {
            #expect(!text.contains(Self.canary), "leaked in \(text)")
        }
        #expect("\(key)" == "APIKey(redacted)")
    }

    @Test func loadsFromTheEnvironmentFirstThenDotEnv() throws {
        let directory = try TemporaryDirectory()
        let dotEnv = directory.path(".env")
        try "# secrets\nOTHER=1\nexport CRYPTO_API_KEY=\"from-file\"\n".write(
            to: dotEnv, atomically: true, encoding: .utf8)
        #expect(APIKey.load(environment: ["CRYPTO_API_KEY": "from-env"], dotEnv: dotEnv)?.secret == "from-env")
        #expect(APIKey.load(environment: [:], dotEnv: dotEnv)?.secret == "from-file")
        #expect(APIKey.load(environment: ["CRYPTO_API_KEY": "  "], dotEnv: directory.path("missing")) == nil)
    }

    @Test func neverAppearsInLogsOrErrors() async throws {
        let capture = LogCapture()
        let echo = try LoopbackServer { request, index in
            // A hostile server: 503 once, then an HTML page that echoes the request head (key included).
            index == 0
                ? .text(503, "busy")
                : .text(200, "<p>\(request.headers["authorization"] ?? "")</p><pre>\(request.head)</pre>")
        }
        let client = Fixtures.cryptoCompare(echo, key: Self.canary, http: Fixtures.http(logger: capture.logger))
        let error = try await #require(throws: IngestError.self) {
            try await client.candles(market: "kraken", instrument: "SOL-USD")
        }
        #expect(echo.requests.last?.headers["authorization"] == "Apikey \(Self.canary)")
        #expect(capture.lines.count >= 2)  // the GETs and the retry warning
        for line in capture.lines + [error.description, String(reflecting: error), "\(client)"] {
            #expect(!line.contains(Self.canary), "leaked in \(line)")
        }
        #expect(error.description.contains("[redacted]"))
    }

    @Test func isRedactedFromAnAPIErrorMessage() async throws {
        let server = try LoopbackServer { request, _ in
            .json(401, Fixtures.dataAPIError(type: 1, message: "invalid key \(request.headers["authorization"] ?? "")"))
        }
        let error = try await #require(throws: IngestError.self) {
            try await Fixtures.cryptoCompare(server, key: Self.canary).candles(market: "kraken", instrument: "SOL-USD")
        }
        #expect(error.description == "cryptocompare: invalid key Apikey [redacted] (HTTP 401)")
    }
}
