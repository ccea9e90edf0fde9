// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "VaxDesk",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "vaxdesk", targets: ["vaxdesk"]),
        .executable(name: "vaxdesk-central", targets: ["vaxdesk-central"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", exact: "1.37.0"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        .package(url: "https://github.com/apple/swift-certificates", exact: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", exact: "1.7.4"),
        // The province's dashboard: HTML (and its SVG charts) written as typed Swift, escaped by construction.
        .package(url: "https://github.com/JohnSundell/Plot", exact: "0.14.0"),
        // Already brought by Hummingbird and postgres-nio; named for the central executable's services.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
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
        // What the site's and the centre's SQLite stores share: a writer whose commits reach the disk.
        .target(name: "SQLiteStore", dependencies: [.product(name: "GRDB", package: "GRDB.swift")]),
        .target(
            name: "VaxStore",
            dependencies: [
                "VaxCore", "SQLiteStore", .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C interface, for the bulk inserts of a roster import (see RawInsert.swift).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                // SHA-256 for the audit trail's hash chain; PBKDF2 for staff PINs.
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .target(name: "VaxDemo", dependencies: ["VaxCore"]),
        // zlib, for the compressed payload of an HC1 certificate.
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // The signed health certificate (HCERT): CBOR, COSE_Sign1 with ES256, zlib, Base45; the signing
        // authority, the document signers and the lists a verifier trusts.
        .target(
            name: "VaxCert",
            dependencies: [
                "VaxCore", "CZlib", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        // The outbox pushed to the central service as FHIR R4 batch Bundles, with retries and a lease.
        .target(
            name: "VaxSync",
            dependencies: ["VaxCore", "VaxStore", .product(name: "AsyncHTTPClient", package: "async-http-client")]
        ),
        // The reference central service: FHIR ingest, site tokens, searches and reports.
        .target(
            name: "VaxCentral",
            dependencies: [
                "VaxCore", "VaxCert", "SQLiteStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "vaxdesk-central",
            dependencies: [
                "VaxCentral", "VaxResources", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(name: "TerminalKit"),
        .target(name: "CursesTerminal", dependencies: ["TerminalKit", "CNCursesw"]),
        .target(name: "VaxDeskUI", dependencies: ["VaxCore", "TerminalKit", "VaxQR"]),
        .executableTarget(
            name: "vaxdesk",
            dependencies: [
                "VaxCore", "VaxResources", "VaxStore", "VaxDemo", "VaxSync", "VaxCert", "VaxQR", "TerminalKit",
                "CursesTerminal", "VaxDeskUI", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "X509", package: "swift-certificates"),
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
            name: "VaxCertTests",
            dependencies: [
                "VaxCert", "VaxCore", "VaxResources", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
            ]
        ),
        .testTarget(
            name: "VaxDeskUITests", dependencies: ["VaxDeskUI", "TerminalKit", "VaxResources"],
            exclude: ["Golden"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", "VaxStore", "VaxCore", "vaxdesk"]),
        // The centre's router in-process (HummingbirdTesting), the same cases on SQLite and PostgreSQL.
        .testTarget(
            name: "VaxCentralTests",
            dependencies: [
                "VaxCentral", "VaxCore", "VaxResources", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        // The pusher against the real central service over loopback, through a proxy that injects faults.
        .testTarget(
            name: "SyncTests",
            dependencies: [
                "TestSupport", "VaxStore", "VaxCore", "VaxSync", "VaxCentral", "vaxdesk", "vaxdesk-central",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
