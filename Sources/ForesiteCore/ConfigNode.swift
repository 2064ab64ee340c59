import Foundation
import Yams

/// A YAML node together with its dotted key and file, so every typed read can fail with
/// `file:line: key must be …, got …` without the caller repeating where it is.
struct ConfigNode {
    let node: Node
    /// Dotted path from the document root, e.g. `model.window` or `covariates[1].group`.
    let key: String
    let file: String

    var line: Int { node.mark?.line ?? 1 }

    /// The child nodes of a mapping, after rejecting keys outside `allowed`; a null node (a section
    /// written as `model:` with nothing under it) is an empty mapping, so every key keeps its default.
    func fields(allowed: [String]) throws -> [String: ConfigNode] {
        if node.null != nil { return [:] }
        guard let mapping = node.mapping else { throw invalid("a mapping of keys to values") }
        var result: [String: ConfigNode] = [:]
        for (keyNode, value) in mapping {
            guard let name = keyNode.scalar?.string else {
                throw ConfigError.syntax(
                    file: file, line: keyNode.mark?.line ?? line, problem: "keys must be plain text")
            }
            let childKey = key.isEmpty ? name : "\(key).\(name)"
            guard allowed.contains(name) else {
                let suggestion = Self.closest(to: name, in: allowed).map { key.isEmpty ? $0 : "\(key).\($0)" }
                throw ConfigError.unknownKey(
                    file: file, line: keyNode.mark?.line ?? line, key: childKey, suggestion: suggestion)
            }
            result[name] = ConfigNode(node: value, key: childKey, file: file)
        }
        return result
    }

    /// The child nodes of a mapping whose keys are free names (such as model names); each key must pass
    /// `isValid`, else it is reported at its line with `requirement`.
    func namedFields(requirement: String, isValid: (String) -> Bool) throws -> [String: ConfigNode] {
        if node.null != nil { return [:] }
        guard let mapping = node.mapping else { throw invalid("a mapping of names to values") }
        var result: [String: ConfigNode] = [:]
        for (keyNode, value) in mapping {
            guard let name = keyNode.scalar?.string, isValid(name) else {
                throw ConfigError.invalidValue(
                    file: file, line: keyNode.mark?.line ?? line, key: key, requirement: requirement,
                    got: keyNode.scalar?.string ?? "a non-text key")
            }
            result[name] = ConfigNode(node: value, key: key.isEmpty ? name : "\(key).\(name)", file: file)
        }
        return result
    }

    func items() throws -> [ConfigNode] {
        if node.null != nil { return [] }
        guard let sequence = node.sequence else { throw invalid("a list") }
        return sequence.enumerated().map { index, item in
            ConfigNode(node: item, key: "\(key)[\(index)]", file: file)
        }
    }

    func string() throws -> String {
        guard let scalar = node.scalar, node.null == nil else { throw invalid("text") }
        return scalar.string
    }

    func nonEmptyString() throws -> String {
        let text = try string()
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw invalid("non-empty text") }
        return text
    }

    func bool() throws -> Bool {
        guard isPlainScalar, node.tag.rawValue == Tag.Name.bool.rawValue, let value = node.bool else {
            throw invalid("true or false")
        }
        return value
    }

    func integer(_ requirement: String = "an integer", where accept: (Int) -> Bool = { _ in true }) throws -> Int {
        guard isPlainScalar, node.tag.rawValue == Tag.Name.int.rawValue, let value = node.int, accept(value) else {
            throw invalid(requirement)
        }
        return value
    }

    func positiveInteger() throws -> Int { try integer("a positive integer") { $0 > 0 } }

    func number(_ requirement: String = "a number", where accept: (Double) -> Bool = { _ in true }) throws -> Double {
        let value: Double?
        switch Tag.Name(rawValue: node.tag.rawValue) {
        case .int where isPlainScalar: value = node.int.map(Double.init)
        case .float where isPlainScalar: value = node.float
        default: value = nil
        }
        guard let value, value.isFinite, accept(value) else { throw invalid(requirement) }
        return value
    }

    func positiveNumber() throws -> Double { try number("a positive number") { $0 > 0 } }

    /// One of `allowed`, quoted in the error so the user sees the valid spellings.
    func choice(_ allowed: [String]) throws -> String {
        let text = try? string()
        guard let text, allowed.contains(text) else {
            throw invalid("one of " + allowed.joined(separator: ", "))
        }
        return text
    }

    func url() throws -> String {
        let text = try? string()
        guard let text, text.hasPrefix("http://") || text.hasPrefix("https://"), text.count > 8 else {
            throw invalid("an http:// or https:// URL")
        }
        return text
    }

    /// An error for this node: `key must be <requirement>, got <what the file says>`.
    func invalid(_ requirement: String) -> ConfigError {
        .invalidValue(file: file, line: line, key: key, requirement: requirement, got: quoted)
    }

    /// The value as the user wrote it: scalars in double quotes, containers and nulls described.
    var quoted: String {
        if node.null != nil { return "nothing" }
        if let scalar = node.scalar { return "\"\(scalar.string)\"" }
        if node.sequence != nil { return "a list" }
        return "a mapping"
    }

    private var isPlainScalar: Bool { node.scalar?.style == .plain }

    /// The allowed key within a small edit distance of `name` (a likely typo), if any.
    static func closest(to name: String, in allowed: [String]) -> String? {
        let scored = allowed.map { ($0, editDistance(name, $0)) }.min { $0.1 < $1.1 }
        guard let (best, distance) = scored, distance <= max(2, name.count / 3) else { return nil }
        return best
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            previous = current
        }
        return previous[b.count]
    }
}
