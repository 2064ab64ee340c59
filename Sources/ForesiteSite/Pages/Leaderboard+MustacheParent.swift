import Mustache

// The leaderboard, its rows and the skill tables are read on every accuracy and model page: answered by
// name, like the other page models (see PageModels+MustacheParent.swift).

extension Leaderboard: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "label": label
        case "tabs": tabs
        case "rows": rows
        case "hasRows": hasRows
        case "period": period
        case "heatmap": heatmap
        case "coverageChart": coverageChart
        default: nil
        }
    }
}

extension Leaderboard.Tab: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "href": href
        case "current": current
        default: nil
        }
    }
}

extension Leaderboard.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "model": model
        case "href": href
        case "relative": relative
        case "wis": wis
        case "mae": mae
        case "coverage": coverage
        case "pValue": pValue
        case "verdict": verdict
        case "count": count
        case "isReference": isReference
        case "isPublished": isPublished
        default: nil
        }
    }
}

extension SkillRows.Section: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "model": model
        case "from": from
        case "to": to
        case "lead": lead
        case "rows": rows
        default: nil
        }
    }
}

extension SkillRows.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "horizon": horizon
        case "cells": cells
        case "isOverall": isOverall
        default: nil
        }
    }
}

extension AccuracyPage.Backtest: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "from": from
        case "to": to
        case "settings": settings
        case "sections": sections
        case "chart": chart
        default: nil
        }
    }
}
