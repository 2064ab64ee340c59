import Foundation

/// Where commands report what they do: lines for logs and pipes, a redrawn progress bar on a terminal.
///
/// Tests pass `.capturing(into:)` to read everything a command printed.
public struct Console: Sendable {
    /// Writes one finished line (a newline is added).
    public var line: @Sendable (String) -> Void
    /// Redraws the current status line in place; only called when `isTerminal`.
    public var status: @Sendable (String) -> Void
    public var isTerminal: Bool

    public init(
        isTerminal: Bool, line: @escaping @Sendable (String) -> Void, status: @escaping @Sendable (String) -> Void
    ) {
        self.isTerminal = isTerminal
        self.line = line
        self.status = status
    }

    /// Standard output; progress bars only when stdout is a terminal.
    public static let standard: Console = {
        let terminal = isatty(STDOUT_FILENO) == 1
        return Console(
            isTerminal: terminal,
            line: { text in
                FileHandle.standardOutput.write(Data(((terminal ? "\r\u{1B}[2K" : "") + text + "\n").utf8))
            },
            status: { text in FileHandle.standardOutput.write(Data(("\r\u{1B}[2K" + text).utf8)) })
    }()

    /// Prints nothing.
    public static let silent = Console(isTerminal: false, line: { _ in }, status: { _ in })

    /// Collects every line into `lines`, as a pipe would see them.
    public static func capturing(into lines: LineCollector) -> Console {
        Console(isTerminal: false, line: { lines.append($0) }, status: { _ in })
    }

    /// Reports progress of `done` out of `total` steps: a bar on a terminal, and on a pipe a plain line
    /// only every `lineEvery` steps (and at the end) so logs stay short.
    public func progress(_ label: String, done: Int, total: Int, detail: String = "", lineEvery: Int = 0) {
        if isTerminal {
            status(ProgressBar.render(label: label, done: done, total: total, detail: detail))
            if done >= total { line("") }
        } else if done >= total || (lineEvery > 0 && done % lineEvery == 0) {
            line("\(label) \(done)/\(total)\(detail.isEmpty ? "" : " " + detail)")
        }
    }
}

/// Thread-safe list of captured output lines.
public final class LineCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String] = []

    public init() {}

    public func append(_ line: String) {
        lock.lock()
        storage.append(line)
        lock.unlock()
    }

    public var lines: [String] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }

    public var text: String { lines.joined(separator: "\n") }
}

/// A one-line text progress bar: `train ████████░░░░░░░░ 150/300  loss 0.0123 · ETA 1.2 s`.
public enum ProgressBar {
    public static func render(label: String, done: Int, total: Int, detail: String = "", width: Int = 24) -> String {
        let fraction = total > 0 ? min(max(Double(done) / Double(total), 0), 1) : 1
        let filled = Int((fraction * Double(width)).rounded())
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        return "\(label) \(bar) \(done)/\(total)" + (detail.isEmpty ? "" : "  \(detail)")
    }
}
