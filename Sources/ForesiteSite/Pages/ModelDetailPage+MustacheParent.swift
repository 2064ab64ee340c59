import Mustache

// A page per model: answered by name, like the other page models (see PageModels+MustacheParent.swift).

extension ModelDetailPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": page
        case "id": id
        case "title": title
        case "method": method
        case "inputs": inputs
        case "parameters": parameters
        case "hasParameters": hasParameters
        case "enabled": enabled
        case "isPersistence": isPersistence
        case "isPublished": isPublished
        case "windowRows": windowRows
        case "hasWindowRows": hasWindowRows
        case "horizons": horizons
        case "backtest": backtest
        case "card": card
        case "metricRows": metricRows
        case "hasVersions": hasVersions
        case "hubMetadata": hubMetadata
        default: nil
        }
    }
}

extension ModelDetailPage.WindowRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "href": href
        case "cells": cells
        default: nil
        }
    }
}

extension ModelDetailPage.Card: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "version": version
        case "created": created
        case "mode": mode
        case "architecture": architecture
        case "trainingFrom": trainingFrom
        case "trainingTo": trainingTo
        case "inputs": inputs
        case "hyperparameters": hyperparameters
        case "notes": notes
        default: nil
        }
    }
}

extension ModelDetailPage.MetricRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "version": version
        case "created": created
        case "mode": mode
        case "champion": champion
        case "split": split
        case "metric": metric
        case "model": model
        case "persistence": persistence
        default: nil
        }
    }
}

extension ModelPage.Entry: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "title": title
        case "href": href
        case "method": method
        case "relative": relative
        case "verdict": verdict
        case "enabled": enabled
        case "isPublished": isPublished
        default: nil
        }
    }
}
