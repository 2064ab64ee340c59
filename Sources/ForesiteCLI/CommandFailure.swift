import ArgumentParser
import Foundation

/// The exit codes `foresite` documents in `foresite run --help`; the daily workflow branches on them.
extension ExitCode {
    /// Something failed and nothing was published.
    static let failure = ExitCode(1)
    /// `site/foresite.yml` (or another setting) is wrong; nothing was touched.
    static let badConfiguration = ExitCode(2)
    /// A data source failed; the site was still rebuilt from stored data with a stale-data banner.
    static let sourceFailed = ExitCode(3)
}

/// An error already worded for the user: printed as one line on stderr, then exit with `exitCode`.
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    var exitCode: ExitCode

    var description: String { message }
}

extension AsyncParsableCommand {
    /// Runs `body`, turning any error into one line on stderr (`foresite: …`) and a documented exit code.
    func reportingFailures(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let failure as CommandFailure {
            printError(failure.message)
            throw failure.exitCode
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError("\(error)")
            throw ExitCode.failure
        }
    }
}

/// Writes `foresite: message` to standard error.
func printError(_ message: String) {
    var stderr = StandardError()
    print("foresite: \(message)", to: &stderr)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}
