import ForesiteCore
import ForesiteML

/// The model's input at a forecast origin: the last `length` days of the chosen columns, ending on
/// the origin, taken from a frame cut at the origin so no later row can be read.
public struct InputWindow: Hashable, Sendable {
    /// The last day of the window: the forecast's origin.
    public let origin: Day
    /// `length` consecutive days, oldest first.
    public let days: [Day]
    /// The values of the model's input columns on `days`, oldest first.
    public let rows: [[Double]]
    /// The target column on the origin day: the naive forecast for every horizon.
    public let targetValue: Double

    /// Cuts `frame` at `origin` and takes the window ending there.
    ///
    /// Throws `missingDay` when the origin is not in the frame or the window would span a gap in the
    /// days (a missing day must not be silently bridged; ML's `FeatureFrame.window(endingOn:)` checks).
    public init(frame: FeatureFrame, origin: Day, columns: [String], target: String, length: Int) throws {
        let history = frame.prefix(through: origin)
        guard let originIndex = history.rowIndex(of: origin) else {
            throw ForecastError.missingDay(origin, what: "feature row")
        }
        do {
            rows = try history.window(endingOn: origin, length: length, columns: columns)
        } catch MLError.notEnoughData(_, let available, _) {
            throw ForecastError.missingDay(
                origin, what: "complete \(length)-day input window (only \(available) consecutive days)")
        }
        self.origin = origin
        days = Array(history.days[(originIndex + 1 - length)...originIndex])
        targetValue = history.rows[originIndex][try history.index(of: target)]
    }

    /// `WindowFingerprint` of the days and values: the ledger's input-window hash.
    public var fingerprint: String { WindowFingerprint.of(days: days, rows: rows) }
}
