import ForesiteCore

extension Chart {
    /// Days of history an overview card's sparkline shows.
    static let sparklineDays = 90

    /// A small line of the target's daily `field` over the last `sparklineDays` days, with the published
    /// median path after it, for an overview card: no axes, its range and dates in the title instead.
    static func sparkline(
        id: String, candles: [Candle], forecast: IssuedForecast?, instrument: String, field: String,
        style: ValueStyle = .price
    ) -> String {
        let width = 240.0
        let height = 56.0
        let pad = 3.0
        var canvas = SVGCanvas(width: width, height: height)
        let price = value(of: field)
        let history = candles.suffix(sparklineDays)
        guard let first = history.first, let last = history.last else {
            return canvas.finish(
                id: id, title: "\(instrument): no \(style.plural) yet",
                description: "No \(style.plural) are stored yet.")
        }
        let steps = forecast?.steps ?? []
        let lastDay = steps.last?.targetDay ?? last.day
        let values = history.map(price) + steps.map(\.median)
        let low = values.min()!
        let high = values.max()!
        let span = max(1, Double(lastDay.days(since: first.day)))
        let x = { (day: Day) in pad + (width - 2 * pad) * Double(day.days(since: first.day)) / span }
        let y = { (value: Double) in
            high > low ? pad + (height - 2 * pad) * (high - value) / (high - low) : height / 2
        }
        canvas.polyline(history.map { (x($0.day), y(price($0))) }, class: "series history")
        if !steps.isEmpty {
            canvas.polyline(
                [(x(last.day), y(price(last)))] + steps.map { (x($0.targetDay), y($0.median)) },
                class: "series forecast")
        }
        let title = "\(instrument) daily \(field), \(first.day.iso) to \(last.day.iso)"
        var description =
            "From \(style.format(price(first))) to \(style.format(price(last))); "
            + "range \(style.format(low)) to \(style.format(high))"
        if let final = steps.last {
            description += "; forecast median \(style.format(final.median)) on \(final.targetDay.iso)"
        }
        return canvas.finish(id: id, title: title, description: description + ".")
    }
}
