// swift-tools-version: 6.0
import PackageDescription

// The libFuzzer target, kept out of the main package so that its `swift build` and `swift test`
// are untouched. Built by scripts/fuzz.sh with `-sanitize=fuzzer,address` into its own scratch
// path; it reaches gridwork's internals with `@testable import` (debug builds are testable).
let package = Package(
    name: "gridwork-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "gridwork", path: ".."),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // The declaration of libFuzzer's driver, for the entry point SwiftPM links a debug executable with.
        .target(name: "CFuzzDriver"),
        .executableTarget(
            name: "GridworkFuzz",
            dependencies: [
                "CFuzzDriver",
                .product(name: "GridModel", package: "gridwork"),
                .product(name: "GridStore", package: "gridwork"),
                .product(name: "Spreadsheet", package: "gridwork"),
                .product(name: "LedgerImport", package: "gridwork"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            // libFuzzer brings `main`; the target must not make one.
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ],
    swiftLanguageModes: [.v6]
)
