import ForesiteCore
import Foundation

/// Where retry jitter comes from: uniform numbers in [0, 1). `.seeded` makes backoff sequences
/// reproducible in tests; `.live` uses the system generator so real clients do not retry in lockstep.
public struct Jitter: Sendable {
    public var unit: @Sendable () -> Double

    public init(unit: @escaping @Sendable () -> Double) {
        self.unit = unit
    }

    public static let live = Jitter(unit: { Double.random(in: 0..<1) })

    public static func seeded(_ seed: UInt64) -> Jitter {
        let source = LockedGenerator(SeededGenerator(seed: seed))
        return Jitter(unit: { source.nextUnit() })
    }

    /// Always the same value; `constant(0)` gives the shortest waits the policy allows.
    public static func constant(_ value: Double) -> Jitter { Jitter(unit: { value }) }
}

/// A seeded generator shared by concurrent callers.
private final class LockedGenerator: @unchecked Sendable {
    private let lock = NSLock()
    private var generator: SeededGenerator

    init(_ generator: SeededGenerator) { self.generator = generator }

    func nextUnit() -> Double { lock.withLock { generator.nextUnit() } }
}
