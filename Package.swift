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
        .testTarget(
            name: "RecallKitTests",
            dependencies: ["RecallKit"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "RecallCLITests",
            dependencies: ["RecallKit"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
