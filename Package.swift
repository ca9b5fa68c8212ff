// swift-tools-version: 6.1
import CompilerPluginSupport
import PackageDescription

/// Compiler settings shared by every Roost target: Swift 6 strict concurrency plus the
/// upcoming features Hummingbird builds with, so that imports and existentials stay explicit.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Roost",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Roost", targets: ["Roost"]),
        .library(name: "RoostHTTP", targets: ["RoostHTTP"]),
        .library(name: "RoostTemplates", targets: ["RoostTemplates"]),
        .library(name: "RoostTesting", targets: ["RoostTesting"]),
        .library(name: "RoostORM", targets: ["RoostORM"]),
        .library(name: "RoostMigrations", targets: ["RoostMigrations"]),
        .executable(name: "roost", targets: ["RoostCLI"]),
        .executable(name: "demo", targets: ["Demo"]),
        .library(name: "RoostDatabase", targets: ["RoostDatabase"]),
        .library(name: "RoostSQLite", targets: ["RoostSQLite"]),
        .library(name: "RoostPostgres", targets: ["RoostPostgres"]),
        .library(name: "RoostDatabaseConformance", targets: ["RoostDatabaseConformance"]),
        .library(name: "RoostDatabaseTesting", targets: ["RoostDatabaseTesting"]),
        .library(name: "RoostPasswords", targets: ["RoostPasswords"]),
        .library(name: "RoostSigning", targets: ["RoostSigning"]),
        .library(name: "RoostSessions", targets: ["RoostSessions"]),
        .library(name: "RoostSecurity", targets: ["RoostSecurity"]),
        .library(name: "RoostAuth", targets: ["RoostAuth"]),
        .library(name: "RoostAuthTesting", targets: ["RoostAuthTesting"]),
        .library(name: "RoostTLS", targets: ["RoostTLS"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swiftlang/swift-syntax", "602.0.0"..<"604.0.0"),
        .package(url: "https://github.com/vapor/sqlite-nio", from: "1.13.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-http2", from: "1.46.0"),
        // 3.12.3 is the oldest with the KDFs RoostPasswords uses; 4.x (which postgres-nio
        // already resolves) keeps the same API.
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
    ],
    targets: [
        // MARK: Layers
        .target(
            name: "RoostHTTP",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "_NIOFileSystem", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "RoostTemplates",
            swiftSettings: strictSettings
        ),
        .target(
            name: "Roost",
            dependencies: [
                "RoostHTTP",
                "RoostDatabase",
                "RoostTemplates",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "RoostTesting",
            dependencies: [
                "Roost",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strictSettings
        ),

        // MARK: Database
        .target(
            name: "RoostDatabase",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "RoostSQLite",
            dependencies: [
                "RoostDatabase",
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "RoostPostgres",
            dependencies: [
                "RoostDatabase",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "RoostDatabaseConformance",
            dependencies: [
                "RoostDatabase",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // A fresh SQLite or PostgreSQL database per test, for Roost's tests and apps' own.
        .target(
            name: "RoostDatabaseTesting",
            dependencies: ["RoostDatabase", "RoostSQLite", "RoostPostgres"],
            swiftSettings: strictSettings
        ),

        // MARK: ORM
        .macro(
            name: "RoostORMMacros",
            dependencies: [
                .product(name: "SwiftSyntax", package: "swift-syntax"),
                .product(name: "SwiftSyntaxBuilder", package: "swift-syntax"),
                .product(name: "SwiftSyntaxMacros", package: "swift-syntax"),
                .product(name: "SwiftDiagnostics", package: "swift-syntax"),
                .product(name: "SwiftCompilerPlugin", package: "swift-syntax"),
            ]
        ),
        .target(
            name: "RoostORM",
            dependencies: ["RoostDatabase", "RoostORMMacros"],
            swiftSettings: strictSettings
        ),

        // MARK: TLS and HTTP/2 (its own target: only apps that import it compile BoringSSL)
        .target(
            name: "RoostTLS",
            dependencies: [
                "Roost",
                "RoostHTTP",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOHTTP2", package: "swift-nio-http2"),
                .product(name: "NIOHPACK", package: "swift-nio-http2"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strictSettings
        ),

        // MARK: Migrations
        .target(
            name: "RoostMigrations",
            dependencies: [
                "Roost",
                "RoostDatabase",
                "RoostORM",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),

        // MARK: Security
        .target(
            name: "RoostPasswords",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "RoostSigning",
            dependencies: [
                "Roost",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "RoostSessions",
            dependencies: ["Roost", "RoostSigning", "RoostORM", "RoostDatabase", "RoostTemplates"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "RoostSecurity",
            dependencies: [
                "Roost",
                "RoostSessions",
                "RoostTemplates",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),

        // MARK: Auth
        .target(
            name: "RoostAuth",
            dependencies: [
                "Roost",
                "RoostDatabase",
                "RoostORM",
                "RoostPasswords",
                "RoostSigning",
                "RoostSessions",
                "RoostSecurity",
                "RoostTemplates",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "RoostAuthTesting",
            dependencies: ["RoostAuth", "RoostTesting", "Roost", "RoostSessions"],
            swiftSettings: strictSettings
        ),

        // MARK: Executables
        .executableTarget(
            name: "RoostCLI",
            dependencies: [
                "RoostTemplates",
                "RoostMigrations",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "Demo",
            dependencies: [
                "Roost", "RoostORM", "RoostMigrations", "RoostSQLite", "RoostSecurity", "RoostAuth",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Examples/Demo",
            exclude: ["static", "templates"],
            swiftSettings: strictSettings
        ),

        // MARK: Tests
        .testTarget(
            name: "RoostHTTPTests",
            dependencies: [
                "RoostHTTP",
                "RoostTesting",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RoostTests",
            dependencies: [
                "Roost",
                "RoostTesting",
                "RoostSQLite",
                "RoostORM",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "InMemoryLogging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RoostMigrationsTests",
            dependencies: ["RoostDatabaseTesting", "RoostMigrations", "Roost", "RoostORM", "RoostDatabase", "RoostSQLite", "RoostPostgres", "RoostTesting"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RoostORMTests",
            dependencies: ["RoostDatabaseTesting", "RoostORM", "RoostDatabase", "RoostSQLite", "RoostPostgres"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RoostPasswordsTests",
            dependencies: ["RoostPasswords"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RoostSigningTests",
            dependencies: ["RoostSigning", "RoostTesting"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RoostSessionsTests",
            dependencies: ["RoostSessions", "RoostSigning", "RoostTesting", "RoostORM", "RoostSQLite", "RoostTemplates"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RoostSecurityTests",
            dependencies: [
                "RoostSecurity",
                "RoostSessions",
                "RoostTesting",
                "RoostTemplates",
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RoostTLSTests",
            dependencies: [
                "RoostTLS",
                "Roost",
                "RoostTesting",
                "RoostSecurity",
                "RoostSessions",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RoostAuthTests",
            dependencies: [
                "RoostDatabaseTesting",
                "RoostAuth",
                "RoostAuthTesting",
                "RoostMigrations",
                "RoostTesting",
                "Roost",
                "RoostORM",
                "RoostDatabase",
                "RoostSQLite",
                "RoostPostgres",
                "RoostPasswords",
                "RoostSessions",
                "RoostSecurity",
                "RoostSigning",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RoostTemplatesTests",
            dependencies: ["RoostTemplates"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RoostDatabaseTests",
            dependencies: [
                "RoostDatabase",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RoostSQLiteTests",
            dependencies: [
                "RoostSQLite",
                "RoostDatabase",
                "RoostDatabaseConformance",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RoostPostgresTests",
            dependencies: [
                "RoostPostgres",
                "RoostDatabase",
                "RoostDatabaseConformance",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
    ]
)
