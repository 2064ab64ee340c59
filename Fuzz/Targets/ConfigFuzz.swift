import ForesiteCore
import Foundation

/// libFuzzer entry for `ConfigLoader.parse`: any byte string must end in a `Config` or a `ConfigError`,
/// never a trap. Bytes that are not UTF-8 are decoded with replacement characters, as `load` would reject
/// them before parsing and the parser itself must still cope with odd scalars.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfigLoader(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    do {
        let config = try ConfigLoader.parse(text, file: "fuzz.yml")
        // A config that loads must satisfy the invariants the rest of the pipeline relies on.
        precondition(config.model.window > 0 && config.model.horizon > 0, "accepted a non-positive window/horizon")
    } catch is ConfigError {
    } catch {
        preconditionFailure("ConfigLoader threw a foreign error: \(error)")
    }
    return 0
}
