import ForesiteCore

extension SiteContent {
    /// Synthetic content as it stood on an earlier `day`: prices, readings, forecasts and actuals up to
    /// that day, each archive day with the actuals known then (leaderboards, models and backtest stay as
    /// they are). Successive days are what successive daily builds see: the incremental-build benchmark
    /// and tests build them one after the other.
    public func through(_ day: Day) -> SiteContent {
        var content = self
        content.asOf = day
        content.prices = prices.mapValues { $0.filter { $0.day <= day } }
        content.fearGreed = fearGreed.filter { $0.day <= day }
        content.ledger = ledger.filter { $0.madeOn <= day }.map { entry in
            var entry = entry
            if entry.targetDay > day { entry.actual = nil }
            return entry
        }
        content.ledgerRecords = ledgerRecords.filter { $0.madeOn <= day }
        content.ledgerVerification = LedgerVerification(
            count: content.ledgerRecords.count, firstDay: content.ledgerRecords.first?.madeOn, firstBroken: nil)
        content.archive = archive.filter { $0.madeOn <= day }.map { archiveDay in
            var archiveDay = archiveDay
            archiveDay.actuals = archiveDay.actuals.filter { $0.key <= day }
            return archiveDay
        }
        if let latest = content.archive.last {
            content.latestForecast = latest.forecasts.first { $0.model == latest.published }
            content.latestPersistence = latest.forecasts.first { $0.model == .persistence }
        }
        content.featureGroups = featureGroups.map { group in
            var group = group
            group.lastDay = min(group.lastDay ?? day, day)
            return group
        }
        return content
    }
}
