import Foundation

/// Locale-independent number formatting for pages and charts (thousands separators, currency, percent).
///
/// Foundation's formatters follow the machine's locale; the site must read the same and be byte-identical
/// wherever it is built, so the rules live here.
public enum NumberFormat {
    /// `value` with exactly `decimals` decimals (half away from zero), like `%.Nf` but without the
    /// C formatter, which dominated the site build's profile.
    static func fixed(_ value: Double, decimals: Int) -> String {
        decimalText(value, decimals: decimals, trimZeros: false, grouping: false)
    }

    /// `1234567.891, decimals: 2` → "1,234,567.89".
    public static func grouped(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "–" }
        return decimalText(value, decimals: decimals, trimZeros: false, grouping: true)
    }

    /// True when formatted `text` shows no non-zero digit ("0.00", "-0"), so it must not carry a minus sign.
    static func isZero(_ text: String) -> Bool {
        !text.utf8.contains { $0 >= UInt8(ascii: "1") && $0 <= UInt8(ascii: "9") }
    }

    private static let powersOfTen: [Double] = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000]

    /// The one place digits are written: `value` rounded half away from zero to `decimals` decimals, with
    /// trailing fractional zeros dropped (`trimZeros`) and thousands separators (`grouping`). A minus sign
    /// only when a non-zero digit remains. Written straight into the string's storage: charts format
    /// tens of thousands of coordinates per build.
    static func decimalText(_ value: Double, decimals: Int, trimZeros: Bool, grouping: Bool) -> String {
        guard abs(value) < 1e15, (0...6).contains(decimals) else {
            return outOfRangeText(value, decimals: decimals, trimZeros: trimZeros, grouping: grouping)
        }
        var scaled = UInt64((abs(value) * powersOfTen[decimals]).rounded())
        var fraction = decimals
        if trimZeros {
            while fraction > 0 && scaled % 10 == 0 {
                scaled /= 10
                fraction -= 1
            }
        }
        let negative = value < 0 && scaled != 0
        var digitCount = 1
        var rest = scaled / 10
        while rest > 0 {
            digitCount += 1
            rest /= 10
        }
        digitCount = max(digitCount, fraction + 1)
        let integerDigits = digitCount - fraction
        let separators = grouping ? (integerDigits - 1) / 3 : 0
        let length = digitCount + (fraction > 0 ? 1 : 0) + separators + (negative ? 1 : 0)
        return String(unsafeUninitializedCapacity: length) { buffer in
            var position = length
            var remaining = scaled
            for index in 0..<digitCount {
                if fraction > 0 && index == fraction {
                    position -= 1
                    buffer[position] = UInt8(ascii: ".")
                }
                let integerIndex = index - fraction
                if grouping && integerIndex > 0 && integerIndex % 3 == 0 {
                    position -= 1
                    buffer[position] = UInt8(ascii: ",")
                }
                position -= 1
                buffer[position] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
            }
            if negative { buffer[0] = UInt8(ascii: "-") }
            return length
        }
    }

    /// `decimalText` for magnitudes beyond 64-bit integers (or odd decimals): through the C formatter.
    private static func outOfRangeText(_ value: Double, decimals: Int, trimZeros: Bool, grouping: Bool) -> String {
        var text = String(format: "%.\(max(0, decimals))f", abs(value))
        if trimZeros && text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        if grouping {
            let integerEnd = text.firstIndex(of: ".") ?? text.endIndex
            var integer = String(text[..<integerEnd])
            var groups: [String] = []
            while integer.count > 3 {
                groups.insert(String(integer.suffix(3)), at: 0)
                integer.removeLast(3)
            }
            groups.insert(integer, at: 0)
            text = groups.joined(separator: ",") + text[integerEnd...]
        }
        return value < 0 && !isZero(text) ? "-" + text : text
    }

    /// Decimals that keep about four significant digits for prices: $95,123 · $196.23 · $0.5123.
    public static func priceDecimals(_ value: Double) -> Int {
        let magnitude = abs(value)
        if magnitude >= 1000 { return 0 }
        if magnitude >= 1 { return 2 }
        return 4
    }

    /// "$196.23", "$95,123", "-$3.10".
    public static func currency(_ value: Double, decimals: Int? = nil, symbol: String = "$") -> String {
        guard value.isFinite else { return "–" }
        let text = grouped(abs(value), decimals: decimals ?? priceDecimals(value))
        return (value < 0 && !isZero(text) ? "-" : "") + symbol + text
    }

    /// Whole-dollar amounts for sentences ("$196"), keeping cents below $10 so small prices stay readable.
    public static func roundedCurrency(_ value: Double) -> String {
        currency(value, decimals: abs(value) >= 10 ? 0 : 2)
    }

    /// Signed percentage change: 0.0123 → "+1.2 %".
    public static func signedPercent(_ fraction: Double, decimals: Int = 1) -> String {
        guard fraction.isFinite else { return "–" }
        let text = fixed(abs(fraction) * 100, decimals: decimals)
        let sign = isZero(text) ? "±" : (fraction < 0 ? "−" : "+")
        return "\(sign)\(text) %"
    }

    /// Unsigned percentage: 0.8 → "80 %".
    public static func percent(_ fraction: Double, decimals: Int = 0) -> String {
        guard fraction.isFinite else { return "–" }
        return fixed(fraction * 100, decimals: decimals) + " %"
    }

    /// A plain number with up to `decimals` decimals and no trailing zeros: 2.50 → "2.5".
    public static func compact(_ value: Double, decimals: Int = 2) -> String {
        guard value.isFinite else { return "–" }
        return decimalText(value, decimals: decimals, trimZeros: true, grouping: false)
    }

    /// SVG coordinates: two decimals at most, so paths stay short and identical on every platform.
    static func coordinate(_ value: Double) -> String {
        compact((value * 100).rounded() / 100, decimals: 2)
    }
}
