import CLSTMKernels
import Foundation

/// The core's peak single-precision FMA throughput, measured in the running process: the floor that
/// `foresite-bench training` holds the LSTM's training time against, on whatever CPU runs it.
///
/// The probe (`FMAPeak.c`) runs the widest vector unit the CPU has at run time (AVX-512, else AVX2 + FMA,
/// else portable C) on more independent accumulators than FMA latency × pipes, so it measures throughput.
/// Trials are timed in the thread's CPU time, and the best one counts: on a shared machine a trial can
/// only lose throughput (to a busy sibling hyperthread, or cache lost to a preemption), never gain it.
public struct FMAPeak: Hashable, Sendable {
    public enum Unit: String, Sendable {
        case avx512 = "AVX-512"
        case avx2 = "AVX2/FMA"
        case portable = "scalar"

        var code: Int32 {
            switch self {
            case .avx512: 3
            case .avx2: 2
            case .portable: 0
            }
        }
    }

    public let unit: Unit
    /// Single-precision FLOPs per second (one FMA = 2 FLOPs) of the best trial.
    public let flopsPerSecond: Double

    /// The widest unit this CPU runs.
    public static var widest: Unit {
        switch foresite_fma_probe_widest() {
        case 3: .avx512
        case 2: .avx2
        default: .portable
        }
    }

    /// Runs `trials` probes of about `seconds` each on `unit` and keeps the fastest.
    public static func measure(unit: Unit = widest, trials: Int = 10, seconds: Double = 0.05) -> FMAPeak {
        let flopsPerIteration = Double(foresite_fma_probe_flops_per_iteration(unit.code))
        // Calibrate (this also wakes the core up from any low-power state), then size each trial.
        var iterations = 1 << 16
        while time(unit: unit, iterations: iterations) < 0.01 { iterations *= 2 }
        let perIteration = time(unit: unit, iterations: iterations) / Double(iterations)
        let trialIterations = max(1, Int(seconds / perIteration))
        let best = (0..<max(trials, 1)).map { _ in time(unit: unit, iterations: trialIterations) }.min()!
        return FMAPeak(unit: unit, flopsPerSecond: flopsPerIteration * Double(trialIterations) / best)
    }

    /// Seconds of this thread's CPU time the probe took: time spent waiting for a shared core is not
    /// the core's throughput.
    private static func time(unit: Unit, iterations: Int) -> Double {
        let start = threadCPUSeconds()
        let sink = foresite_fma_probe_run(unit.code, iterations)
        let seconds = threadCPUSeconds() - start
        // The result depends on every accumulator; checking it keeps the loop from being elided.
        precondition(sink.isFinite, "FMA probe produced \(sink)")
        return seconds
    }

    /// CPU time of the calling thread (CLOCK_THREAD_CPUTIME_ID).
    public static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }
}
