// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "VaxDesk",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "vaxdesk", targets: ["vaxdesk"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
    ],
    targets: [
        // ncursesw, wrapped: macros, globals and variadics become inline C functions.
        .systemLibrary(
            name: "CNCursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        // libqrencode, for the QR code of the certificate.
        .systemLibrary(
            name: "CQREncode",
            providers: [.apt(["libqrencode-dev"])]
        ),
        .target(name: "VaxQR", dependencies: ["CQREncode"]),
        // The data files the code loads: strings, vaccine catalog, screening checklist, province codes.
        .target(
            name: "VaxResources",
            path: "Resources",
            exclude: ["README.md"],
            resources: [.copy("data")]
        ),
        .target(name: "VaxCore"),
        .target(
            name: "VaxStore",
            dependencies: [
                "VaxCore", .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C interface, for the bulk inserts of a roster import (see RawInsert.swift).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                // SHA-256 for the audit trail's hash chain; PBKDF2 for staff PINs.
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .target(name: "VaxDemo", dependencies: ["VaxCore"]),
        .target(name: "TerminalKit"),
        .target(name: "CursesTerminal", dependencies: ["TerminalKit", "CNCursesw"]),
        .target(name: "VaxDeskUI", dependencies: ["VaxCore", "TerminalKit", "VaxQR"]),
        .executableTarget(
            name: "vaxdesk",
            dependencies: [
                "VaxCore", "VaxResources", "VaxStore", "VaxDemo", "TerminalKit", "CursesTerminal", "VaxDeskUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "vaxdesk-bench",
            dependencies: ["VaxCore", "VaxStore", "VaxDemo"],
            path: "Benchmarks/vaxdesk-bench"
        ),
        // Helpers shared by the test targets: temporary folders, the built binary, tmux.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "VaxCoreTests", dependencies: ["VaxCore", "VaxResources"]),
        .testTarget(name: "VaxStoreTests", dependencies: ["VaxStore", "VaxDemo", "TestSupport", "vaxdesk"]),
        .testTarget(name: "TerminalKitTests", dependencies: ["TerminalKit"]),
        .testTarget(
            name: "VaxDeskUITests", dependencies: ["VaxDeskUI", "TerminalKit", "VaxResources"],
            exclude: ["Golden"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", "VaxStore", "VaxCore", "vaxdesk"]),
    ],
    swiftLanguageModes: [.v6]
)
