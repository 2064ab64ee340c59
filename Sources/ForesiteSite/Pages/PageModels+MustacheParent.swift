import Mustache

// Mustache looks every `{{name}}` up by reflection unless the context answers it itself: a Mirror of the
// whole struct per lookup, with a type-metadata lookup per field, which made the page models' lookups a
// fifth of the build. The models that templates read most (the layout's frame, figures, the pages) answer
// by name here. `MustacheLookupTests` checks every stored property is answered, so a new field cannot be
// forgotten silently.

extension PageFrame: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "siteTitle": siteTitle
        case "siteDescription": siteDescription
        case "title": title
        case "description": description
        case "canonicalURL": canonicalURL
        case "root": root
        case "nav": nav
        case "isDemo": isDemo
        case "staleMessage": staleMessage
        case "asOf": asOf
        case "scriptHref": scriptHref
        case "overviewHref": overviewHref
        case "downloadsHref": downloadsHref
        case "apiHref": apiHref
        case "noun": noun
        case "latestKnown": latestKnown
        case "units": units
        case "referenceNoun": referenceNoun
        case "isPrice": isPrice
        default: nil
        }
    }
}

extension PageFrame.NavItem: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "href": href
        case "current": current
        default: nil
        }
    }
}

extension FigureView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "title": title
        case "summary": summary
        case "svg": svg
        case "columns": columns
        case "tableRows": tableRows
        case "hasTable": hasTable
        default: nil
        }
    }
}

extension IndexPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": page
        case "instrument": instrument
        case "headline": headline
        case "publication": publication
        case "isPersistence": isPersistence
        case "intervalColumns": intervalColumns
        case "forecastRows": forecastRows
        case "priceChart": priceChart
        case "fearGreedEnabled": fearGreedEnabled
        case "gauge": gauge
        case "fearGreedChart": fearGreedChart
        case "relativeChart": relativeChart
        case "hasMoreInstruments": hasMoreInstruments
        case "accuracyLead": accuracyLead
        case "accuracyRows": accuracyRows
        case "hasAccuracy": hasAccuracy
        case "freshness": freshness
        case "modelVersion": modelVersion
        case "modelCreated": modelCreated
        default: nil
        }
    }
}

extension AccuracyPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": page
        case "instrument": instrument
        case "leaderboard": leaderboard
        case "isMain": isMain
        case "publication": publication
        case "verification": verification
        case "isVerified": isVerified
        case "live": live
        case "liveChart": liveChart
        case "coverageChart": coverageChart
        case "hindcasts": hindcasts
        case "hasHindcasts": hasHindcasts
        case "ledgerCount": ledgerCount
        case "pendingCount": pendingCount
        case "backtest": backtest
        case "hubHref": hubHref
        default: nil
        }
    }
}

extension DataPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": page
        case "groups": groups
        case "hasGroups": hasGroups
        case "rejections": rejections
        case "hasRejections": hasRejections
        case "hiddenRejections": hiddenRejections
        case "heatmap": heatmap
        case "trendChart": trendChart
        case "downloads": downloads
        default: nil
        }
    }
}

extension ModelPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": page
        case "instrument": instrument
        case "targetDescription": targetDescription
        case "market": market
        case "hasMarket": hasMarket
        case "horizon": horizon
        case "field": field
        case "entries": entries
        case "hasModels": hasModels
        case "publication": publication
        default: nil
        }
    }
}

extension NotFoundPage: MustacheParent {
    func child(named name: String) -> Any? { name == "page" ? page : nil }
}

extension ArchiveIndexPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": page
        case "entries": entries
        case "hasEntries": hasEntries
        default: nil
        }
    }
}

extension ArchiveIndexPage.Entry: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "day": day
        case "href": href
        case "published": published
        case "models": models
        case "known": known
        default: nil
        }
    }
}

extension OverviewPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": page
        case "count": count
        case "persistenceGloss": persistenceGloss
        case "cards": cards
        default: nil
        }
    }
}

extension OverviewPage.Card: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "slug": slug
        case "href": href
        case "instrument": instrument
        case "description": description
        case "sparkline": sparkline
        case "model": model
        case "isPersistence": isPersistence
        case "steps": steps
        case "skill": skill
        case "asOf": asOf
        default: nil
        }
    }
}

extension OverviewPage.Step: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "targetDay": targetDay
        case "median": median
        case "interval": interval
        default: nil
        }
    }
}

// A section over a text (`{{#href}}…{{/href}}`) puts the text on the context stack, and every name looked up
// inside it asks the text first: by reflection, a Mirror of the string per lookup, to find it has no
// children. A text has none: said here, without reflection.
extension String: @retroactive MustacheParent {
    public func child(named name: String) -> Any? { nil }
}
