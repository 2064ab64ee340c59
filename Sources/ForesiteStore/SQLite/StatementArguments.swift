/// The values bound to a statement's parameters, in order (`?`, or `?N` numbered from 1).
struct StatementArguments: ExpressibleByArrayLiteral, Sendable {
    var values: [DatabaseValue]

    init(values: [DatabaseValue]) {
        self.values = values
    }

    init(_ values: [(any DatabaseValueConvertible)?]) {
        self.values = values.map { $0?.databaseValue ?? .null }
    }

    init<Values: Sequence>(_ values: Values) where Values.Element: DatabaseValueConvertible {
        self.values = values.map(\.databaseValue)
    }

    init(arrayLiteral elements: (any DatabaseValueConvertible)?...) {
        self.init(elements)
    }
}
