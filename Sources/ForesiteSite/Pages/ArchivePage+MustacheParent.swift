import Mustache

// The archive has a page per day made, so its lookups are most of a year-long site's render: answered by
// name, like the other page models (see PageModels+MustacheParent.swift).

extension ArchivePage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": page
        case "madeOn": madeOn
        case "origin": origin
        case "reference": reference
        case "published": published
        case "publishedHref": publishedHref
        case "columns": columns
        case "rows": rows
        case "tableRows": tableRows
        case "known": known
        case "chart": chart
        case "previous": previous
        case "next": next
        default: nil
        }
    }
}

extension ArchivePage.Column: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "model": model
        case "href": href
        case "isPublished": isPublished
        default: nil
        }
    }
}

extension ArchivePage.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "targetDay": targetDay
        case "horizon": horizon
        case "actual": actual
        case "cells": cells
        default: nil
        }
    }
}

extension ArchivePage.Cell: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "median": median
        case "interval": interval
        case "hit": hit
        case "isPublished": isPublished
        default: nil
        }
    }
}

extension ArchivePage.Neighbour: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "href": href
        default: nil
        }
    }
}
