import ForesiteCore
import ForesiteIngest
import Foundation

/// libFuzzer entry for `AlternativeMeParser.readings`: any body must end in readings or an `IngestError`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAlternativeMeParser(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let body = Data(bytes: bytes, count: count)
    do {
        // Values outside 0...100 pass the parser on purpose: the store's RowValidator rejects and records them.
        _ = try AlternativeMeParser.readings(from: body, status: 200)
    } catch is IngestError {
    } catch {
        preconditionFailure("AlternativeMeParser threw a foreign error: \(error)")
    }
    return 0
}
