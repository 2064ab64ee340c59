import ForesiteCore

// Digests of the content values a reusable file is made from. Every stored property is fed in, in
// declaration order; `BuildDigestCoverageTests` lists each type's properties by reflection and fails when
// one is added here without being hashed, since a forgotten field would let a changed page be reused.

extension BuildHasher {
    mutating func add(_ day: Day) { add(day.daysSinceEpoch) }

    mutating func add(_ day: Day?) {
        guard let day else { return add(word: 0x6E69_6C) }
        add(word: 1)
        add(day)
    }

    mutating func add(_ interval: PredictionInterval) {
        add(interval.level)
        add(interval.lower)
        add(interval.upper)
    }

    mutating func add(_ forecast: QuantileForecast) {
        add(forecast.median)
        add(forecast.intervals.count)
        for interval in forecast.intervals { add(interval) }
    }

    mutating func add(_ forecast: IssuedForecast) {
        add(forecast.model.rawValue)
        add(forecast.modelVersion)
        add(forecast.madeOn)
        add(forecast.origin)
        add(forecast.targetGroup)
        add(forecast.field)
        add(forecast.reference)
        add(forecast.inputHash)
        add(forecast.steps.count)
        for step in forecast.steps {
            add(step.horizon)
            add(step.targetDay)
            add(step.forecast)
        }
    }

    mutating func add(_ day: SiteContent.ArchiveDay) {
        add(day.madeOn)
        add(day.origin)
        add(day.reference)
        add(day.published?.rawValue)
        add(day.forecasts.count)
        for forecast in day.forecasts { add(forecast) }
        add(day.actuals.count)
        for (target, value) in day.actuals.sorted(by: { $0.key < $1.key }) {
            add(target)
            add(value)
        }
    }
}

extension BuildHasher {
    mutating func add(_ record: LedgerRecord) {
        add(record.madeOn)
        add(record.model)
        add(record.modelVersion)
        add(record.targetGroup)
        add(record.field)
        add(record.origin)
        add(record.horizon)
        add(record.targetDay)
        add(record.reference)
        add(record.forecast)
        add(record.inputHash)
        add(record.previousHash)
        add(record.hash)
    }
}
