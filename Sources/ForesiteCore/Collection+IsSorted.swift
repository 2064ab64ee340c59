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
