// swift-tools-version: 6.1
// The benchmarks are their own package, so `swift test` at the repository root never builds
// them. Run from this folder: `swift package --disable-sandbox benchmark` (docs/performance.md).
import PackageDescription

let benchmarkNames = ["Compiler", "Scheduler", "Queue", "Progress", "AnswerChecker", "Stats"]

let package = Package(
    name: "recall-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "recall", path: ".."),
        // MallocInterposer alone: the RuntimeInterposer trait (on by default) would pull in a
        // package that is not needed to count mallocs or peak memory.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // Deterministic input generators shared by the benchmarks.
        .target(
            name: "BenchmarkInputs",
            dependencies: [.product(name: "RecallKit", package: "recall")],
            path: "Sources/BenchmarkInputs"
        ),
    ] + benchmarkNames.map { name in
        .executableTarget(
            name: name,
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "RecallKit", package: "recall"),
                "BenchmarkInputs",
            ],
            path: "Benchmarks/\(name)",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    },
    swiftLanguageModes: [.v6]
)
