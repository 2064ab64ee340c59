import ForesiteCore
import ForesiteIngest
import Foundation

/// libFuzzer entry for `AlternativeMeParser.readings`: any body must end in readings or an `IngestError`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAlternativeMeParser(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let body = Data(bytes: bytes, count: count)
    do {
        let readings = try AlternativeMeParser.readings(from: body, status: 200)
        precondition(readings.allSatisfy { (0...100).contains($0.value) }, "accepted a value outside 0...100")
    } catch is IngestError {
    } catch {
        preconditionFailure("AlternativeMeParser threw a foreign error: \(error)")
    }
    return 0
}
