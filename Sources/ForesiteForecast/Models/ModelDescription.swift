import ForesiteCore

/// What a model's page says about it: its name, method in one paragraph, inputs and parameters.
public struct ModelDescription: Hashable, Sendable {
    public struct Parameter: Hashable, Sendable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public var id: ModelID
    /// e.g. "Persistence", "GARCH(1,1)-scaled persistence".
    public var title: String
    /// One paragraph: how the median and the quantiles are made.
    public var method: String
    /// Columns the model reads, as `group.field`.
    public var inputs: [String]
    public var parameters: [Parameter]

    public init(id: ModelID, title: String, method: String, inputs: [String], parameters: [Parameter]) {
        self.id = id
        self.title = title
        self.method = method
        self.inputs = inputs
        self.parameters = parameters
    }
}
