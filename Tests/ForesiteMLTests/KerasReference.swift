import ForesiteML
import ForesiteTestSupport
import Foundation

/// `keras-reference/seed-model-reference.json`: the original project's trained Keras model, its
/// scikit-learn MinMax scalers and Keras 3's outputs on five real windows.
struct KerasReference: Decodable {
    struct Shape: Decodable {
        var window: Int
        var features: [String]
    }

    struct MinMax: Decodable {
        var min: [Double]
        var max: [Double]
        var scaler: Scaler { .minMax(minimum: min, maximum: max) }
    }

    struct Case: Decodable {
        var lastDay: String
        var windowRaw: [[Double]]
        var windowScaled: [[Double]]
        var outputScaled: [Double]
        var outputUsd: [Double]

        enum CodingKeys: String, CodingKey {
            case lastDay = "last_day"
            case windowRaw = "window_raw"
            case windowScaled = "window_scaled"
            case outputScaled = "output_scaled"
            case outputUsd = "output_usd"
        }
    }

    var architecture: Shape
    var weights: KerasWeights
    var featureScaler: MinMax
    var labelScaler: MinMax
    var cases: [Case]

    enum CodingKeys: String, CodingKey {
        case architecture, weights, cases
        case featureScaler = "feature_scaler"
        case labelScaler = "label_scaler"
    }

    static func load() throws -> KerasReference {
        let url = SharedData.url("keras-reference/seed-model-reference.json")
        return try JSONDecoder().decode(KerasReference.self, from: Data(contentsOf: url))
    }
}
