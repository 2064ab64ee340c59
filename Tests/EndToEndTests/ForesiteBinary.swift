import Foundation

/// The `foresite` executable built beside the test bundle, run as a real subprocess.
///
/// End-to-end checks that are about what the *process* writes (stdout, stderr, files) or how it dies
/// (SIGKILL) cannot run the commands in-process; this runs the same binary a user would.
struct ForesiteBinary {
    struct Outcome {
        var status: Int32
        var stdout: Data
        var stderr: Data
    }

    let url: URL

    /// `swift build --build-tests` builds every product into the folder that holds the test bundle.
    static func built() -> ForesiteBinary? {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("foresite")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return ForesiteBinary(url: candidate) }
            folder.deleteLastPathComponent()
        }
        return nil
    }

    /// Runs `arguments` in `directory` with exactly `environment` (plus PATH), waiting for the exit.
    func run(_ arguments: [String], in directory: URL, environment: [String: String]) throws -> Outcome {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var variables = environment
        variables["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        process.environment = variables
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Drain both pipes concurrently so a chatty child never blocks on a full pipe.
        let errorBytes = LockedBox(Data())
        let drained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            errorBytes.value = stderr.fileHandleForReading.readDataToEndOfFile()
            drained.signal()
        }
        let outputBytes = stdout.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: outputBytes, stderr: errorBytes.value)
    }
}

/// A value handed from the pipe-draining thread back to the test; guarded by a lock for strict concurrency.
final class LockedBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) { stored = value }

    var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
