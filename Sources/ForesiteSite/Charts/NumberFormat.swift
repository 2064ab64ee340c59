import Foundation

/// Locale-independent number formatting for pages and charts (thousands separators, currency, percent).
///
/// Foundation's formatters follow the machine's locale; the site must read the same and be byte-identical
/// wherever it is built, so the rules live here.
public enum NumberFormat {
    /// `value` with exactly `decimals` decimals (half away from zero), like `%.Nf` but without the
    /// C formatter, which dominated the site build's profile.
    static func fixed(_ value: Double, decimals: Int) -> String {
        guard abs(value) < 1e15, decimals <= 6 else { return String(format: "%.\(decimals)f", value) }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int64((abs(value) * scale).rounded())
        let digits = String(scaled)
        var text: String
        if decimals == 0 {
            text = digits
        } else {
            let padded = String(repeating: "0", count: max(0, decimals + 1 - digits.count)) + digits
            text = padded.dropLast(decimals) + "." + padded.suffix(decimals)
        }
        return value < 0 && scaled != 0 ? "-" + text : text
    }

    /// `1234567.891, decimals: 2` → "1,234,567.89".
    public static func grouped(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "–" }
        let text = fixed(abs(value), decimals: decimals)
        let digits = Array(text.utf8)
        let integerCount = digits.firstIndex(of: UInt8(ascii: ".")) ?? digits.count
        var result: [UInt8] = []
        result.reserveCapacity(digits.count + integerCount / 3 + 1)
        if value < 0 && !isZero(text) { result.append(UInt8(ascii: "-")) }
        for (index, digit) in digits.enumerated() {
            if index > 0 && index < integerCount && (integerCount - index) % 3 == 0 {
                result.append(UInt8(ascii: ","))
            }
            result.append(digit)
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// True when formatted `text` shows no non-zero digit ("0.00", "-0"), so it must not carry a minus sign.
    static func isZero(_ text: String) -> Bool {
        !text.utf8.contains { $0 >= UInt8(ascii: "1") && $0 <= UInt8(ascii: "9") }
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
        var text = fixed(value, decimals: decimals)
        if text.utf8.contains(UInt8(ascii: ".")) {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// SVG coordinates: two decimals at most, so paths stay short and identical on every platform.
    static func coordinate(_ value: Double) -> String {
        compact((value * 100).rounded() / 100, decimals: 2)
    }
}
