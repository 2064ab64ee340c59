/// The network's shape: LSTM(`hidden`) → Dense(`dense`, ReLU) → Dense(`outputs`, linear), fed windows of
/// `window` days × `features` columns.
///
/// Activations are fixed (tanh with a sigmoid recurrent activation, as Keras's LSTM defaults) and
/// recorded in the artifact only so that a reader can check them.
public struct Architecture: Hashable, Sendable, Codable {
    public var window: Int
    public var features: Int
    public var hidden: Int
    public var dense: Int
    public var outputs: Int

    public init(window: Int, features: Int, hidden: Int, dense: Int, outputs: Int) {
        self.window = window
        self.features = features
        self.hidden = hidden
        self.dense = dense
        self.outputs = outputs
    }

    /// The original project's network: 15 days × 10 columns → LSTM 30 → Dense 10 ReLU → Dense 10.
    public static let seed = Architecture(window: 15, features: 10, hidden: 30, dense: 10, outputs: 10)

    /// Width of the LSTM's gate block: the four gates i, f, c, o side by side.
    var gates: Int { 4 * hidden }

    func validate() throws {
        for (name, value) in [
            ("window", window), ("features", features), ("hidden", hidden), ("dense", dense), ("outputs", outputs),
        ] where value < 1 {
            throw MLError.invalidOption(name: name, value: String(value))
        }
    }
}
