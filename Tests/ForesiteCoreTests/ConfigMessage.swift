import ForesiteCore

/// The one line `ConfigLoader` reports for `yaml` read as `site/foresite.yml`, or nil when it loads.
func configMessage(_ yaml: String) -> String? {
    do {
        _ = try ConfigLoader.parse(yaml, file: "site/foresite.yml")
        return nil
    } catch {
        return "\(error)"
    }
}
