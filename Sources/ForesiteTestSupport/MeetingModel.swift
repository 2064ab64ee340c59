import ForesiteCore
import ForesiteForecast

/// A test model whose fit waits at `meeting` and is versioned "met" if every party arrived ("alone" if the
/// rendezvous timed out): two of them fitting side by side prove the fits really run in parallel. It
/// forecasts as persistence does.
public struct MeetingModel: ForecastModel {
    public let name: String
    public let refit: ModelRefit
    public let meeting: Rendezvous

    public init(name: String = "meeting", refit: ModelRefit, meeting: Rendezvous) {
        self.name = name
        self.refit = refit
        self.meeting = meeting
    }

    public var id: ModelID { ModelID(name) }
    public var enabledByDefault: Bool { true }

    public func describe(_ data: ModelData) -> ModelDescription {
        ModelDescription(
            id: id, title: name, method: "Persistence, fitted at a rendezvous.", inputs: [], parameters: [])
    }

    public func fit(_ data: ModelData) throws -> any FittedModel {
        Fitted(version: meeting.arrive() ? "met" : "alone", persistence: try PersistenceModel().fit(data))
    }

    struct Fitted: FittedModel {
        let version: String
        let persistence: any FittedModel
        func forecast(_ data: ModelData) throws -> [QuantileForecast] { try persistence.forecast(data) }
    }
}
