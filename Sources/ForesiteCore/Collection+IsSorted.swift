extension Collection {
    /// True when no element is ordered before the one ahead of it (`areInIncreasingOrder`): a sort would
    /// leave the collection as it is. Data read in chain order mostly is, and checking costs one pass.
    public func isSorted(by areInIncreasingOrder: (Element, Element) throws -> Bool) rethrows -> Bool {
        var previous = startIndex
        guard previous != endIndex else { return true }
        var current = index(after: previous)
        while current != endIndex {
            if try areInIncreasingOrder(self[current], self[previous]) { return false }
            previous = current
            current = index(after: current)
        }
        return true
    }
}

extension Array {
    /// The array sorted by `areInIncreasingOrder`, itself (no copy) when it already is: the ledger's rows and
    /// what is made of them come in order, and sorting a copy of each cost more than the check.
    public func sortedIfNeeded(by areInIncreasingOrder: (Element, Element) -> Bool) -> [Element] {
        isSorted(by: areInIncreasingOrder) ? self : sorted(by: areInIncreasingOrder)
    }

    /// Sorts the array in place by `areInIncreasingOrder` unless it already is sorted.
    public mutating func sortIfNeeded(by areInIncreasingOrder: (Element, Element) -> Bool) {
        if !isSorted(by: areInIncreasingOrder) { sort(by: areInIncreasingOrder) }
    }
}
