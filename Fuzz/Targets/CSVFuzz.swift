import ForesiteCore
import ForesiteIngest
import Foundation

/// libFuzzer entry for the file import path: `CryptoCompareCSV.days` directly, then `FileImporter.read`,
/// which sniffs the format and dispatches to the CSV reader or either JSON parser.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFileImport(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    do {
        _ = try CryptoCompareCSV.days(from: data, source: "fuzz.csv")
    } catch is IngestError {
    } catch {
        preconditionFailure("CryptoCompareCSV threw a foreign error: \(error)")
    }
    do {
        _ = try FileImporter.read(data, source: "fuzz")
    } catch is IngestError {
    } catch {
        preconditionFailure("FileImporter threw a foreign error: \(error)")
    }
    return 0
}
