import ForesiteCore
import ForesiteIngest
import ForesiteML
import Foundation

/// `foresite-bench training`: the seed configuration (15 × 10 inputs, LSTM 30, Dense 10 ReLU, Dense 10,
/// batch 32, 300 epochs, validation every epoch) trained on the real Kraken SOL/BTC and Fear & Greed
/// files in `../shared/data`, on one core. Targets (release build): ≤ 2.3 s, peak RSS ≤ 60 MB,
/// one-window inference ≤ 20 µs.
enum TrainingBenchmark {
    /// The nominal cost of one epoch, so figures compare with Keras's and PyTorch's.
    static let nominalFlopsPerEpoch = 366e6

    static func run() throws {
        let folder = URL(
            fileURLWithPath: ProcessInfo.processInfo.environment["FORESITE_SHARED_DATA"] ?? "../shared/data",
            isDirectory: true)
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("PROVENANCE.md").path) else {
            print("skipped: \(folder.path) is absent (set FORESITE_SHARED_DATA to point at it)")
            return
        }
        func candles(_ name: String) throws -> [Candle] { try SharedFiles.candles(folder.appendingPathComponent(name)) }
        let readings = try SharedFiles.fearGreed(
            folder.appendingPathComponent("fear-greed-alternative-me-fng-limit0.RECONSTRUCTED.json"))
        let model = Config.Model()
        let frame = try FeatureFrame.join(
            candles: [
                "solana": try candles("sol-usd-kraken-daily-cryptocompare.csv"),
                "bitcoin": try candles("btc-usd-kraken-daily-cryptocompare.csv"),
            ], fearGreed: readings, columns: model.inputs)
        let set = try TrainingSet.build(
            frame: frame, inputs: model.inputs, target: "solana.open", window: model.window, horizon: model.horizon,
            mode: .seed)
        let options = TrainingOptions(epochs: 300, batchSize: 32, learningRate: 1e-4, seed: 42)
        print(
            "data: \(frame.days.count) days, windows train/validation/test "
                + "\(set.training.count)/\(set.validation.count)/\(set.test.count)")

        let start = ContinuousClock.now
        let cpuStart = threadCPUSeconds()
        let outcome = try Trainer(hidden: 30, dense: 10, options: options).train(set)
        let wall = (ContinuousClock.now - start).seconds
        let cpu = threadCPUSeconds() - cpuStart
        let counted = flopsPerEpoch(set)
        print(String(format: "wall: %.3f s for %d epochs (target ≤ 2.3 s)", wall, outcome.epochsRun))
        let epochs = Double(outcome.epochsRun)
        // On a shared machine the wall time includes waiting for a core; the thread's CPU time does not.
        print(String(format: "cpu: %.3f s on the training thread (%.0f %% of wall)", cpu, 100 * cpu / wall))
        print(String(format: "per epoch: %.2f ms wall, %.2f ms cpu", 1000 * wall / epochs, 1000 * cpu / epochs))
        print(
            String(
                format: "effective: %.2f GFLOP/s at the nominal 366 MFLOP/epoch (%.2f at the counted %.0f MFLOP); "
                    + "%.2f per cpu second",
                nominalFlopsPerEpoch * epochs / wall / 1e9, counted * epochs / wall / 1e9, counted / 1e6,
                counted * epochs / cpu / 1e9))
        print(
            String(
                format: "loss: first %.5f, last %.5f; best validation %.5f at epoch %d", outcome.trainingLosses.first!,
                outcome.trainingLosses.last!, outcome.validationLosses[outcome.bestEpoch - 1], outcome.bestEpoch))

        let trained = try TrainedModel(network: outcome.network, trainedOn: set)
        let window = set.samples.last!.window
        var latencies: [Double] = []
        for _ in 0..<1000 {
            let begin = ContinuousClock.now
            _ = try trained.predict(window: window)
            latencies.append((ContinuousClock.now - begin).seconds)
        }
        latencies.sort()
        print(String(format: "inference: median %.2f µs per window (target ≤ 20 µs)", latencies[500] * 1e6))
        print(
            "peak RSS: \(peakResidentMegabytes().map { String(format: "%.1f MB", $0) } ?? "unknown") (target ≤ 60 MB)")
    }

    /// Multiply-adds counted as two FLOPs: forward, and backward at twice the forward, for every
    /// training window, plus the forward pass of every validation window.
    static func flopsPerEpoch(_ set: TrainingSet) -> Double {
        let (window, features, hidden, dense, outputs) = (
            15.0, Double(set.inputs.count), 30.0, 10.0, Double(set.horizon)
        )
        let forward = 2 * window * (features + hidden) * 4 * hidden + 2 * (hidden * dense + dense * outputs)
        return 3 * forward * Double(set.training.count) + forward * Double(set.validation.count)
    }

    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    /// VmHWM from /proc/self/status, in MB.
    static func peakResidentMegabytes() -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Double(line.split(separator: " ", omittingEmptySubsequences: true)[1])
        else { return nil }
        return kilobytes / 1024
    }
}

extension Duration {
    fileprivate var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) * 1e-18
    }
}

/// The shared sample files, read with Ingest's importer (the same parsing `foresite backfill --file` uses).
private enum SharedFiles {
    static func candles(_ url: URL) throws -> [Candle] {
        guard case .candles(let candles) = try FileImporter.read(contentsOf: url) else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: url.path])
        }
        return candles
    }

    static func fearGreed(_ url: URL) throws -> [FearGreedReading] {
        guard case .fearGreed(let readings) = try FileImporter.read(contentsOf: url) else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: url.path])
        }
        return readings
    }
}
