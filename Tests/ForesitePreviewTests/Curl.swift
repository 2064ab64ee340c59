import Foundation

/// curl as the second process of the preview tests: real HTTP over loopback, raw paths kept as typed.
enum Curl {
    struct Response {
        let status: Int
        let contentType: String
        let body: String
    }

    static let path = ["/usr/bin/curl", "/usr/local/bin/curl", "/bin/curl"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
    static var isAvailable: Bool { path != nil }

    static func head(_ url: String) async throws -> Response { try await get(url, method: "HEAD") }

    /// One request; `--path-as-is` stops curl from normalising `..` before sending.
    static func get(_ url: String, method: String = "GET") async throws -> Response {
        let methodArguments = method == "HEAD" ? ["-I"] : ["-X", method]
        let output = try await run(
            ["-s", "--path-as-is", "--max-time", "10"] + methodArguments
                + ["-w", "\n%{http_code}\n%{content_type}", url])
        var lines = output.components(separatedBy: "\n")
        let contentType = lines.popLast() ?? ""
        let status = Int(lines.popLast() ?? "") ?? 0
        return Response(status: status, contentType: contentType, body: lines.joined(separator: "\n"))
    }

    /// Many GETs from one curl process, `concurrency` at a time; the status of each (0 = transport error).
    static func many(_ urls: [String], concurrency: Int) async throws -> [Int] {
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("curl-\(UUID().uuidString).cfg")
        defer { try? FileManager.default.removeItem(at: config) }
        try urls.map { "url = \"\($0)\"\noutput = \"/dev/null\"\n" }.joined().write(
            to: config, atomically: true, encoding: .utf8)
        let output = try await run([
            "-s", "--parallel", "--parallel-immediate", "--parallel-max", "\(concurrency)", "--max-time", "120",
            "-w", "%{http_code}\n", "-K", config.path,
        ])
        return output.split(separator: "\n").map { Int($0) ?? 0 }
    }

    /// Runs curl on a thread of its own: waiting for it on Swift's small cooperative pool could starve the
    /// server under test, whose request handlers run on that same pool.
    private static func run(_ arguments: [String]) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try runBlocking(arguments) }) }.start()
        }
    }

    private static func runBlocking(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path!)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
