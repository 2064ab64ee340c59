import ForesiteCore
import ForesiteForecast
import ForesiteML
import Testing

@Suite struct EnsembleTests {
    @Test func membersUseConsecutiveSeedsAndAverageInSeedOrder() throws {
        let set = try SyntheticFrame.trainingSet(SyntheticFrame.make())
        var trainer = Trainer(SyntheticFrame.config.model)
        trainer.options.seed = 40
        let ensemble = try Ensemble.train(on: set, trainer: trainer, size: 3)
        #expect(ensemble.seeds == [40, 41, 42])
        #expect(ensemble.members.count == 3)

        // The same members trained one by one on this thread, averaged by hand.
        let windows = set.samples.suffix(4).map(\.window)
        var expected = Array(repeating: Array(repeating: 0.0, count: set.horizon), count: windows.count)
        for seed in ensemble.seeds {
            var single = trainer
            single.options.seed = seed
            let model = try TrainedModel(network: try single.train(set).network, trainedOn: set)
            for (index, prediction) in try model.predict(windows: windows).enumerated() {
                for step in prediction.indices { expected[index][step] += prediction[step] }
            }
        }
        expected = expected.map { $0.map { $0 / 3 } }
        #expect(try ensemble.predict(windows: windows) == expected)
    }

    @Test func concurrentTrainingIsDeterministic() throws {
        let set = try SyntheticFrame.trainingSet(SyntheticFrame.make(seed: 5))
        let trainer = Trainer(SyntheticFrame.config.model)
        let windows = set.samples.suffix(6).map(\.window)
        let first = try Ensemble.train(on: set, trainer: trainer, size: 4).predict(windows: windows)
        for _ in 0..<3 {
            let again = try Ensemble.train(on: set, trainer: trainer, size: 4).predict(windows: windows)
            #expect(again.flatMap { $0 }.map(\.bitPattern) == first.flatMap { $0 }.map(\.bitPattern))
        }
    }

    @Test func membersDoNotDependOnTheNumberOfJobs() throws {
        let set = try SyntheticFrame.trainingSet(SyntheticFrame.make(seed: 6))
        let trainer = Trainer(SyntheticFrame.config.model)
        let one = try Ensemble.train(on: set, trainer: trainer, size: 3, parallelism: Parallelism(jobs: 1))
        let three = try Ensemble.train(on: set, trainer: trainer, size: 3, parallelism: Parallelism(jobs: 3))
        #expect(one.members.map(\.network) == three.members.map(\.network))
        #expect(one.bestEpochs == three.bestEpochs)
    }

    @Test func theCatalogsLSTMsTrainOnTheCatalogsBudget() {
        let parallelism = Parallelism(jobs: 2)
        let lstms = ModelCatalog.standard(config: SyntheticFrame.config, parallelism: parallelism).models
            .compactMap { $0 as? LSTMModel }
        #expect(lstms.count == 2 && lstms.allSatisfy { $0.parallelism === parallelism })
    }

    @Test func anEmptyEnsembleIsRefused() throws {
        let set = try SyntheticFrame.trainingSet(SyntheticFrame.make())
        #expect(throws: ForecastError.self) {
            try Ensemble.train(on: set, trainer: Trainer(SyntheticFrame.config.model), size: 0)
        }
    }
}
