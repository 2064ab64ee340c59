/// The names models are recorded under in the ledger, the backtest archive and the site.
public enum ModelName {
    /// The trained LSTM (its registry version is recorded beside the name).
    public static let lstm = "lstm"
    /// The reference for every score: the latest known price, quantiles from past changes.
    public static let persistence = "persistence"
}
