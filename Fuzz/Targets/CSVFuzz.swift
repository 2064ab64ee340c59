import ForesiteCore
import ForesiteIngest
import Foundation

/// libFuzzer entry for the file import path: `CryptoCompareCSV.days` directly, the generic CSV source's
/// `CSVSeriesParser` (a day pattern in a zone with a daylight-saving change, and unix seconds), then
/// `FileImporter.read`, which sniffs the format and dispatches to the CSV reader or either JSON parser.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFileImport(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    do {
        _ = try CryptoCompareCSV.days(from: data, source: "fuzz.csv")
    } catch is IngestError {
    } catch {
        preconditionFailure("CryptoCompareCSV threw a foreign error: \(error)")
    }
    for format in csvSeriesFormats {
        do {
            _ = try CSVSeriesParser.rows(from: data, format: format, source: "fuzz", today: Day(iso: "2024-12-23")!)
        } catch is IngestError {
        } catch {
            preconditionFailure("CSVSeriesParser threw a foreign error: \(error)")
        }
    }
    do {
        _ = try FileImporter.read(data, source: "fuzz")
    } catch is IngestError {
    } catch {
        preconditionFailure("FileImporter threw a foreign error: \(error)")
    }
    return 0
}

private let csvSeriesFormats: [Config.CSVSeries] = {
    var pattern = Config.CSVSeries(location: .file("fuzz.csv"), columns: ["value", "other"])
    pattern.timezone = "Europe/Paris"
    var unix = Config.CSVSeries(location: .file("fuzz.csv"), columns: ["value"])
    unix.dateColumn = "TIMESTAMP"
    unix.dateFormat = Config.CSVSeries.unixSeconds
    return [pattern, unix]
}()
