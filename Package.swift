// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "recall",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "recall", targets: ["recall"]),
        .library(name: "RecallKit", targets: ["RecallKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        // Anki export: the schema-11 SQLite collection (GRDB over the system libsqlite3) and the .apkg zip.
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // GNU readline, found through the system's headers and linked by name.
        .systemLibrary(
            name: "CReadline",
            path: "Sources/CReadline",
            providers: [.apt(["libreadline-dev"])]
        ),
        .target(
            name: "RecallKit",
            dependencies: [
                .product(name: "HeapModule", package: "swift-collections"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .executableTarget(
            name: "recall",
            dependencies: [
                "RecallKit",
                "CReadline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // What both test targets use: scratch folders that are removed after each test.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(
            name: "RecallKitTests",
            dependencies: [
                "RecallKit",
                "TestSupport",
                // The export tests read the .apkg back: its zip entries and its SQLite rows.
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "RecallCLITests",
            dependencies: ["RecallKit", "TestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
