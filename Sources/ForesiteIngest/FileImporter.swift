import ForesiteCore
import Foundation

/// What a saved file contained: price candles or Fear & Greed readings, ascending by day.
public enum ImportedFile: Hashable, Sendable {
    case candles([Candle])
    case fearGreed([FearGreedReading])
}

/// Reads a file saved from one of the sources, recognising the format by its content, not its name:
/// a CryptoCompare CSV export (header with `TIMESTAMP` and `OPEN`), a saved data-api response
/// (`{"Data":…}`), or a saved alternative.me response (`{"data":…}`).
///
/// The fetch time of a saved file is unknown, so only its newest day can be flagged incomplete
/// (see `CryptoCompareDay.candles(fromSavedFile:)`).
public enum FileImporter {
    public static func read(contentsOf url: URL) throws -> ImportedFile {
        let source = url.lastPathComponent
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw IngestError(source: source, reason: .unreadableFile(Self.reason(error)))
        }
        return try read(data, source: source)
    }

    public static func read(_ data: Data, source: String) throws -> ImportedFile {
        guard let first = data.first(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) else {
            throw IngestError(source: source, reason: .emptyFile)
        }
        if first == UInt8(ascii: "{") {
            let top = try JSONBody(source: source, status: nil).object(from: data)
            if top.values["Data"] != nil || top.values["Err"] != nil || top.values["Response"] != nil {
                let rows = try CryptoCompareParser.days(from: data, source: source)
                return .candles(CryptoCompareDay.candles(fromSavedFile: rows))
            }
            if top.values["data"] != nil {
                return .fearGreed(try AlternativeMeParser.readings(from: data, source: source))
            }
            let keys = top.values.keys.sorted().prefix(5).joined(separator: ", ")
            throw IngestError(
                source: source,
                reason: .unrecognisedFormat(detail: "a JSON object with keys \(keys) but no Data or data"))
        }
        let headerLine = String(decoding: data.prefix(4096).prefix(while: { $0 != 0x0A }), as: UTF8.self)
        let columns = Set(
            headerLine.split(separator: ",").map {
                $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"\r ")).uppercased()
            })
        if columns.contains("TIMESTAMP") && columns.contains("OPEN") {
            return .candles(
                CryptoCompareDay.candles(fromSavedFile: try CryptoCompareCSV.days(from: data, source: source)))
        }
        throw IngestError(
            source: source,
            reason: .unrecognisedFormat(detail: "first line is \"\(JSONBody.snippet(of: Data(headerLine.utf8)))\""))
    }

    private static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if nsError.domain == NSCocoaErrorDomain && nsError.code == NSFileReadNoSuchFileError {
            return "no such file"
        }
        return nsError.localizedDescription
    }
}
