import CLSTMKernels

extension Network {
    /// The network's raw (scaled) outputs for a batch of scaled windows, each `window × features`
    /// values row-major (day after day); returns `windows.count × outputs` values row-major.
    public func outputs(forScaledWindows windows: [[Float]]) throws -> [Float] {
        let a = architecture
        let perWindow = a.window * a.features
        for window in windows where window.count != perWindow {
            throw MLError.shapeMismatch(what: "scaled window", expected: perWindow, got: window.count)
        }
        guard !windows.isEmpty else { return [] }
        let chunk = min(windows.count, 256)
        let workspace = BatchWorkspace(architecture: a, capacity: chunk, purpose: .inference)
        var result: [Float] = []
        result.reserveCapacity(windows.count * a.outputs)
        var start = 0
        while start < windows.count {
            let count = min(chunk, windows.count - start)
            for row in 0..<count {
                windows[start + row].withUnsafeBufferPointer { window in
                    workspace.loadWindow(window.baseAddress!, row: row, batch: count)
                }
            }
            parameters.withUnsafeBufferPointer { workspace.forward($0.baseAddress!, batch: count) }
            result.append(contentsOf: UnsafeBufferPointer(start: workspace.outputs, count: count * a.outputs))
            start += count
        }
        return result
    }
}

extension BatchWorkspace {
    /// Copies one window (`window × features`, day-major) into row `row` of the time-major input.
    @inline(__always)
    func loadWindow(_ window: UnsafePointer<Float>, row: Int, batch: Int) {
        let (steps, features) = (architecture.window, architecture.features)
        foresite_load_window(Int32(steps), Int32(features), Int32(batch * features), window, inputs + row * features)
    }

    /// Asks the caches for a window that `loadWindow` will copy soon.
    @inline(__always)
    func prefetchWindow(_ window: UnsafePointer<Float>) {
        foresite_prefetch_window(Int32(architecture.window * architecture.features), window)
    }

    /// Asks the caches for a window's targets (`outputs` values), which the trainer copies with it.
    @inline(__always)
    func prefetchTargets(_ targets: UnsafePointer<Float>) {
        foresite_prefetch_window(Int32(architecture.outputs), targets)
    }
}
