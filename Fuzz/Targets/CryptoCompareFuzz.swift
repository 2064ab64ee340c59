import ForesiteCore
import ForesiteIngest
import Foundation

/// libFuzzer entry for `CryptoCompareParser.days`: a response body from the data-api (or anything posing as
/// one) must end in days or an `IngestError`. Each input is parsed as a 200 and as a 404 body, the two paths
/// the live client takes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCryptoCompareParser(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let body = Data(bytes: bytes, count: count)
    for status in [200, 404] {
        do {
            let days = try CryptoCompareParser.days(from: body, status: status)
            // Accepted rows come back strictly ascending by day (exact repeats dropped).
            precondition(zip(days, days.dropFirst()).allSatisfy { $0.day < $1.day }, "days not strictly ascending")
        } catch is IngestError {
        } catch {
            preconditionFailure("CryptoCompareParser threw a foreign error: \(error)")
        }
    }
    return 0
}
