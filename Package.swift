// swift-tools-version: 6.0
import PackageDescription

// Module graph (see Architecture.md): Core ← Ingest, Store, ML ← Forecast; Core ← Site; Preview stands alone
// (Foundation only); Pipeline ties Ingest, Store, ML, Forecast and Site together; CLI parses arguments over
// Pipeline and Preview. Every target declares each module it imports.
let package = Package(
    name: "foresite",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "foresite", targets: ["foresite"]),
        .executable(name: "foresite-bench", targets: ["ForesiteBenchmarks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),
        // The store's SQLite, called directly (Sources/ForesiteStore/SQLite): the few calls it needs did not
        // justify a dependency whose build was a third of a clean release build's critical path.
        .systemLibrary(
            name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // SHA-256 blocks on the x86 SHA extensions (chosen at run time; ForesiteCore's Swift loop elsewhere).
        .target(name: "CSHA256", cSettings: [.unsafeFlags(["-O2"], .when(configuration: .debug))]),
        .target(
            name: "ForesiteCore",
            dependencies: [
                "CSHA256", .product(name: "Yams", package: "Yams"), .product(name: "Logging", package: "swift-log"),
            ]),
        .target(
            name: "ForesiteIngest",
            dependencies: ["ForesiteCore", .product(name: "Logging", package: "swift-log")]),
        .target(
            name: "ForesiteStore",
            dependencies: ["ForesiteCore", "CSQLite"]),
        // The modules that compute (the kernels, ML, Forecast, Site, Pipeline) are optimised in debug builds too:
        // the tests train dozens of LSTMs, fit GARCH and quantile models and render year-long sites, which
        // unoptimised code makes several times slower (the suite: 529 s → 111 s wall on 2 cores). No fast-math,
        // so the numbers are the same; nothing in them relies on assert(); dependencies stay unoptimised.
        // The LSTM's per-time-step kernels and the dense layers' products (AVX-512, AVX2 + FMA or portable code,
        // chosen at run time; the two vector paths give the same bits).
        .target(name: "CLSTMKernels", cSettings: [.unsafeFlags(["-O2"], .when(configuration: .debug))]),
        .target(
            name: "ForesiteML", dependencies: ["ForesiteCore", "CLSTMKernels"],
            swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        // Quantile regression's row loops on AVX2 (chosen at run time; ForesiteForecast's Swift loops elsewhere).
        .target(name: "CQuantileRegression", cSettings: [.unsafeFlags(["-O2"], .when(configuration: .debug))]),
        .target(
            name: "ForesiteForecast", dependencies: ["ForesiteCore", "ForesiteML", "CQuantileRegression"],
            swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        .target(
            name: "ForesiteSite",
            dependencies: ["ForesiteCore", "CLibXML2", .product(name: "Mustache", package: "swift-mustache")],
            swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        .target(
            name: "ForesitePreview",
            dependencies: []),
        .target(
            name: "ForesitePipeline",
            dependencies: [
                "ForesiteCore", "ForesiteIngest", "ForesiteStore", "ForesiteML", "ForesiteForecast", "ForesiteSite",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        .target(
            name: "ForesiteCLI",
            dependencies: [
                "ForesiteCore", "ForesiteStore", "ForesitePipeline", "ForesitePreview",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .executableTarget(name: "foresite", dependencies: ["ForesiteCLI"]),
        .executableTarget(
            name: "ForesiteBenchmarks",
            dependencies: [
                "ForesiteCore", "ForesiteIngest", "ForesiteStore", "ForesiteML", "ForesiteForecast", "ForesiteSite",
                "ForesitePipeline",
            ],
            path: "Benchmarks"),
        .target(
            name: "ForesiteTestSupport",
            dependencies: ["ForesiteCore", "ForesiteStore", "ForesiteIngest", "ForesiteML", "ForesiteForecast"]),
        .testTarget(name: "ForesiteCoreTests", dependencies: ["ForesiteCore", "ForesiteTestSupport"]),
        .testTarget(
            name: "ForesiteIngestTests",
            dependencies: [
                "ForesiteCore", "ForesiteIngest", "ForesiteTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(
            name: "ForesiteStoreTests",
            dependencies: ["ForesiteCore", "ForesiteStore", "ForesiteTestSupport", "CSQLite"],
            exclude: ["Fixtures"]),
        .testTarget(name: "ForesiteMLTests", dependencies: ["ForesiteCore", "ForesiteML", "ForesiteTestSupport"]),
        .testTarget(
            name: "ForesiteForecastTests",
            dependencies: ["ForesiteCore", "ForesiteForecast", "ForesiteML", "ForesiteTestSupport"]),
        .testTarget(
            name: "ForesiteSiteTests",
            dependencies: [
                "ForesiteCore", "ForesiteSite", "CLibXML2", "ForesiteTestSupport",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            exclude: ["__Snapshots__"]),
        .testTarget(
            name: "ForesitePreviewTests", dependencies: ["ForesitePreview", "ForesiteTestSupport"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "ForesiteCLI", "ForesiteCore", "ForesiteIngest", "ForesiteForecast", "ForesitePipeline",
                "ForesitePreview", "ForesiteStore", "ForesiteSite", "ForesiteTestSupport", "CLibXML2",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
