import ForesiteCore
import ForesiteStore

/// The demo's first-day catch-up: the last `days` daily runs (update → train when due → predict), each
/// with the clock moved to its day, so the demo site opens with a filled ledger — live accuracy,
/// forecast-vs-actual charts and skill tables — instead of "not yet available".
///
/// Each simulated day sees only the data through the day before (the demo market is cut at the clock's
/// last closed day), retrains when `run` would (`DailyRun.trainingDue`, weekly by default) and appends
/// to the ledger exactly as that day's `run` would have. Days already in the ledger are skipped, so
/// later demo runs cost nothing here.
public enum DemoHistory {
    /// Simulated days before today, by default.
    public static let days = 60

    /// The stage `run --demo` starts with; `days` 0 skips it.
    public static func stage(days: Int = DemoHistory.days) -> (
        name: String, run: @Sendable (Workspace, FeatureStore) async throws -> String
    ) {
        ("history", { workspace, store in try await run(workspace, store: store, days: days) })
    }

    public static func run(_ workspace: Workspace, store: FeatureStore, days: Int = DemoHistory.days) async throws
        -> String
    {
        guard days > 0 else { return "skipped (no days to simulate)" }
        let today = workspace.today
        var simulated = 0
        var trainings = 0
        for offset in stride(from: days, through: 1, by: -1) {
            let day = today.adding(days: -offset)
            guard try store.ledger.forecast(madeOn: day, model: .lstm) == nil else { continue }
            // A model trained after `day` (a demo store from before this stage existed) has seen that
            // day's future: such a day cannot be simulated honestly.
            let newestModel = try store.registry.all().compactMap { Day(iso: $0.createdAt.prefix(10)) }.max()
            if let newestModel, newestModel > day { continue }
            var past = workspace
            past.clock = .at(day)
            past.console = .silent
            let update = try await DailyRun.demoUpdater(past, store)
            if let failure = update.failures.first { return "stopped at \(day): \(failure.message)" }
            if try DailyRun.trainingDue(past, store: store) != nil {
                _ = try Training.run(past, store: store)
                trainings += 1
            }
            _ = try Prediction.run(past, store: store)
            simulated += 1
        }
        guard simulated > 0 else { return "the last \(days) days are already in the ledger" }
        return "simulated \(simulated) daily runs (\(trainings) trainings) from \(today.adding(days: -days))"
    }
}
