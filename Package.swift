// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "gridwork",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "gridwork", targets: ["gridwork"]),
        .library(name: "GridModel", targets: ["GridModel"]),
        .library(name: "GridStore", targets: ["GridStore"]),
        // For the fuzz package in Fuzz/, which reaches these by path (a product is all it can name).
        .library(name: "Spreadsheet", targets: ["Spreadsheet"]),
        .library(name: "LedgerImport", targets: ["LedgerImport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Passphrase hashing (scrypt), AES-GCM for personal data, SHA-256 for the audit chain.
        .package(url: "https://github.com/apple/swift-crypto", from: "4.0.0"),
        // The derived search index: SQLite with FTS5.
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // Writing and reading .xlsx workbooks (zip archives of XML parts).
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // renameat2(2), which Swift's Glibc module does not declare: a file swapped into place.
        .systemLibrary(name: "CFileSystem"),
        // Domain types, rules and the case workflow. Foundation only, no I/O.
        .target(name: "GridModel"),
        // JSON files on disk: layout, durable writes, locking, schema versions.
        .target(name: "GridStore", dependencies: [
            "GridModel", "CFileSystem",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "CryptoExtras", package: "swift-crypto"),
        ]),
        // The search index under cache/: derived from the files, safe to delete.
        .target(name: "GridIndex", dependencies: ["GridModel", "GridStore", .product(name: "GRDB", package: "GRDB.swift")]),
        // Spreadsheet files: tables of typed cells written as CSV or XLSX, and CSV (UTF-8 or GB18030)
        // and XLSX read as rows of text. Knows nothing of gridwork's records (TerminalUI only for its
        // display width, which sizes the columns).
        .target(name: "Spreadsheet", dependencies: ["TerminalUI", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // Exports: records as spreadsheet tables (the columns of each kind, numbers masked), and who may export what.
        .target(name: "GridExport", dependencies: ["GridModel", "GridStore", "Spreadsheet"]),
        // The monthly report (月报): figures per grid and for the community, from records alone.
        .target(name: "GridReport", dependencies: ["GridModel", "Spreadsheet"]),
        // Bringing a household ledger (人口台账) in: headers, rows to records, checks, one change.
        .target(name: "LedgerImport", dependencies: ["GridModel", "GridStore", "GridIndex", "Spreadsheet"]),
        // Screen cells, buffers, display width and widgets: the terminal without the terminal.
        .target(name: "TerminalUI"),
        // ncursesw, and the one module that uses it: draws a Buffer and decodes keys.
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncursesw5-dev"])]),
        .target(name: "CursesTerminal", dependencies: ["CNcursesw", "TerminalUI"]),
        // The theme files in themes/, bundled so the program finds them wherever it is installed.
        .target(name: "BuiltInThemes", path: "themes",
                resources: [.copy("default.json"), .copy("high-contrast.json"), .copy("mono.json"), .copy("ascii.json")]),
        // The dashboard: state, actions, reducers, pure views, keymap, themes and strings.
        .target(name: "GridApp", dependencies: ["GridModel", "GridStore", "GridIndex", "GridExport", "TerminalUI", "BuiltInThemes"]),
        // Deterministic synthetic data sets (demo community, district benchmark).
        .target(name: "GridDemo", dependencies: ["GridModel", "GridStore"]),
        // prctl(2), which Swift cannot call (it is variadic): no core dumps of decrypted data.
        .systemLibrary(name: "CProcessControl"),
        .executableTarget(
            name: "gridwork",
            dependencies: [
                "GridModel", "GridStore", "GridIndex", "GridDemo", "GridApp", "GridExport", "CursesTerminal", "TerminalUI", "CProcessControl", "LedgerImport", "GridReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // A separate process that hammers a store; the concurrency and crash tests start it.
        .executableTarget(name: "StressWriter", dependencies: ["GridIndex", "GridModel", "GridStore", "LedgerImport"]),
        // Shared test helpers: temp folders, a tiny sample community, built executables.
        .target(name: "TestSupport", dependencies: ["GridModel", "GridStore"]),
        .testTarget(name: "GridModelTests", dependencies: ["GridModel"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"]),
        .testTarget(name: "GridAppTests", dependencies: ["GridApp", "GridExport", "GridIndex", "GridModel", "GridStore", "TerminalUI", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "GridStoreTests", dependencies: ["GridModel", "GridStore", "GridDemo", "TestSupport", "StressWriter"]),
        .testTarget(name: "GridIndexTests", dependencies: ["GridIndex", "GridModel", "GridStore", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "GridDemoTests", dependencies: ["GridModel", "GridStore", "GridDemo", "TestSupport"]),
        .testTarget(name: "SpreadsheetTests", dependencies: ["Spreadsheet", "TestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "GridExportTests", dependencies: ["GridExport", "GridModel", "GridStore", "Spreadsheet", "TestSupport"]),
        .testTarget(name: "LedgerImportTests", dependencies: ["LedgerImport", "Spreadsheet", "GridModel", "GridStore", "GridDemo", "TestSupport"]),
        .testTarget(name: "GridReportTests", dependencies: ["GridReport", "GridModel", "Spreadsheet"]),
        .testTarget(name: "CommandTests", dependencies: ["gridwork", "StressWriter", "TestSupport"]),
        .testTarget(name: "DashboardEndToEndTests", dependencies: ["gridwork", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
