/// Escaping for text that goes into HTML, SVG or XML we generate ourselves.
///
/// Every string that did not originate in this module (config titles, API fields, model notes) passes
/// through `escape` before it reaches markup, so a payload such as `<script>` can only ever appear as text.
public enum Markup {
    /// Escapes `& < > " '` so the result is safe in element content and in quoted attribute values.
    public static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 })
        else { return stripControlCharacters(text) }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in stripControlCharacters(text).unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Removes C0 control characters other than tab, newline and carriage return: XML 1.0 forbids them,
    /// so one stray byte in an API field would otherwise make the whole page fail the output check.
    static func stripControlCharacters(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isForbidden) else { return text }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: text.unicodeScalars.filter { !isForbidden($0) })
        return String(result)
    }

    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r")
            || scalar.value == 0xFFFE || scalar.value == 0xFFFF
    }
}
