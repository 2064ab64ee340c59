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
        guard holdsForbidden(text) else { return text }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: text.unicodeScalars.filter { !isForbidden($0) })
        return String(result)
    }

    /// Whether `text` has a scalar `isForbidden` names, found in its UTF-8 bytes: every page passes here, and
    /// decoding a page's scalars cost 1.3 % of a cold build. In UTF-8 a byte below 0x20 is that C0 character
    /// and no other's part, and U+FFFE and U+FFFF are EF BF BE and EF BF BF (EF only ever leads a sequence).
    static func holdsForbidden(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            let count = bytes.count
            var index = 0
            while index < count {
                let byte = bytes[index]
                if byte < 0x20 {
                    if byte != 0x09 && byte != 0x0A && byte != 0x0D { return true }
                } else if byte == 0xEF, index + 2 < count, bytes[index + 1] == 0xBF,
                    bytes[index + 2] == 0xBE || bytes[index + 2] == 0xBF
                {
                    return true
                }
                index += 1
            }
            return false
        }
    }

    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r")
            || scalar.value == 0xFFFE || scalar.value == 0xFFFF
    }
}
