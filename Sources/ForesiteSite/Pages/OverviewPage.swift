import ForesiteCore

/// `index.html` of a `targets:` site: one card per target with its sparkline, the published model, the
/// next-day and last-day medians with their 80 % intervals, and the published model's relative WIS with
/// its verdict. Each card opens the target's own site (`<slug>/index.html`).
struct OverviewPage {
    struct Card {
        let slug: String
        let href: String
        let instrument: String
        let description: String
        let sparkline: String
        /// The published model, or nil before the first forecast.
        let model: String?
        let isPersistence: Bool
        let steps: [Step]
        /// The published forecasts' live relative WIS against persistence, its sample and its verdict.
        let skill: String
        let asOf: String
    }

    /// One forecast step of a card: the first and the last horizon.
    struct Step {
        let label: String
        let targetDay: String
        let median: String
        let interval: String
    }

    let page: PageFrame
    let count: Int
    let cards: [Card]
    /// What persistence forecasts, in the words of the targets' values.
    let persistenceGloss: String

    init(_ overview: SiteOverview) {
        page = PageFrame(
            overview, file: "index.html", title: "All series", description: overview.site.description)
        count = overview.targets.count
        cards = overview.targets.map(Self.card)
        persistenceGloss =
            overview.targets.allSatisfy(\.valueStyle.isPrice)
            ? "the latest price, with intervals from past price changes"
            : "the latest known value, with intervals from past changes"
    }

    static func card(_ content: SiteContent) -> Card {
        let slug = SiteOverview.slug(of: content)
        let forecast = content.latestForecast
        var steps: [Step] = []
        if let forecast, let first = forecast.steps.first {
            for step in forecast.steps.count > 1 ? [first, forecast.steps.last!] : [first] {
                steps.append(
                    Step(
                        label: step.horizon == 1 ? "Next day" : "In \(step.horizon) days",
                        targetDay: step.targetDay.iso, median: content.valueStyle.format(step.median),
                        interval: step.forecast.interval(level: 0.8).map {
                            "80 % interval " + content.valueStyle.range($0)
                        }
                            ?? "no interval"))
            }
        }
        let skill: String
        if let table = content.liveSkill {
            let overall = table.overall
            skill =
                "Published forecasts so far: relative WIS \(SkillWording.relative(overall.relativeWIS)) over "
                + "\(overall.pairs) scored forecast\(overall.pairs == 1 ? "" : "s") from \(table.from.iso) "
                + "(1 = persistence, below 1 better), \(SkillWording.verdict(overall))"
        } else {
            skill = "No published forecast has been scored yet"
        }
        return Card(
            slug: slug, href: slug + "/index.html", instrument: content.target.instrument,
            description: content.target.description,
            sparkline: Chart.sparkline(
                id: "spark-\(slug)", candles: content.targetCandles, forecast: forecast,
                instrument: content.target.instrument, field: forecast?.field ?? content.targetField,
                style: content.valueStyle),
            model: forecast?.model.rawValue, isPersistence: content.publication?.isPersistence ?? false, steps: steps,
            skill: skill, asOf: content.asOf.iso)
    }
}

/// The files only the overview of a `targets:` site has.
enum OverviewFiles {
    /// The list of targets with their pages and API documents.
    static let targetsAPI = "api/targets.json"

    /// A target's latest forecast at the root's API: `api/<slug>/latest.json`.
    static func latestAPI(_ slug: String) -> String { "api/\(slug)/latest.json" }
}
