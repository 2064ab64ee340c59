import Foundation

/// What happens to a raw input window before the feature scaler.
///
/// - `levels`: nothing; a MinMax scaler sees price levels, as the original project (seed mode).
/// - `relative`: every day becomes moves instead of levels, and a standard scaler follows. An
///   instrument's open becomes its log return from the day before (0 on the window's first day, whose
///   previous day is outside the window); its high, low and close become log(value / that day's open)
///   (log return from the day before when the instrument's open is not an input); a volume
///   (`*.volume*`) becomes log(1 + value); anything else (Fear & Greed) is kept. Returns mode uses it:
///   price levels make a network trained on 2021–2023 extrapolate as soon as a price leaves its training
///   range (bitcoin above 69 k USD in 2024), while daily moves keep one scale in every regime — and the
///   last close over the last open is exactly the move the next open starts from.
public enum InputTransform: String, Hashable, Sendable, Codable {
    case levels
    case relative

    /// The window for the scaler, one row per day (oldest first) of `columns`' values.
    public func apply(to rows: [[Double]], columns: [String]) -> [[Double]] {
        guard self == .relative else { return rows }
        let references = columns.indices.map { column -> Reference in
            let name = columns[column]
            if name.hasSuffix(".open") { return .previousDay }
            guard Self.isPrice(name) else { return Self.isVolume(name) ? .logVolume : .none }
            let open = Self.instrument(of: name) + ".open"
            return columns.firstIndex(of: open).map { .sameDay(column: $0) } ?? .previousDay
        }
        return rows.indices.map { day in
            columns.indices.map { column in
                let value = rows[day][column]
                switch references[column] {
                case .none: return value
                case .logVolume: return log1p(max(value, 0))
                case .sameDay(let open): return log(value / rows[day][open])
                case .previousDay: return day == 0 ? 0 : log(value / rows[day - 1][column])
                }
            }
        }
    }

    /// The scaler fitted on the transformed training windows.
    func fitScaler(rows: some Sequence<[Double]>, columns: Int) -> Scaler {
        switch self {
        case .levels: return .fitMinMax(rows: rows, columns: columns)
        case .relative: return .fitStandard(rows: Array(rows), columns: columns)
        }
    }

    private enum Reference {
        case none, logVolume, previousDay
        case sameDay(column: Int)
    }

    static func isPrice(_ column: String) -> Bool {
        [".open", ".high", ".low", ".close"].contains { column.hasSuffix($0) }
    }

    static func isVolume(_ column: String) -> Bool {
        column.split(separator: ".").last?.hasPrefix("volume") ?? false
    }

    static func instrument(of column: String) -> String {
        column.split(separator: ".").dropLast().joined(separator: ".")
    }
}
