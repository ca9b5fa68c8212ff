// swift-tools-version: 6.1
import PackageDescription

// Benchmarks live in their own package so Hummingbird (and later Vapor and Fluent) never
// slow down the main package's build. Build with `swift build -c release` here, or run
// `./run.sh`.
let package = Package(
    name: "RoostBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // Template engines compared with RoostTemplates by `template-benchmark` (templates.sh).
        .package(url: "https://github.com/vapor/leaf-kit", from: "1.14.3"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // Drivers and Fluent compared with RoostORM by `orm-benchmark` (orm.sh).
        .package(url: "https://github.com/vapor/sqlite-nio", from: "1.13.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/vapor/fluent-kit", from: "1.57.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver", from: "2.14.0"),
        // The Vapor 4 + Fluent + Leaf peer of the TechEmpower suite (techempower.sh).
        .package(url: "https://github.com/vapor/vapor", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent", from: "4.13.0"),
        .package(url: "https://github.com/vapor/leaf", from: "4.5.2"),
    ],
    targets: [
        .executableTarget(
            name: "techempower",
            dependencies: [
                .product(name: "Roost", package: "main"),
                .product(name: "RoostORM", package: "main"),
                .product(name: "RoostSQLite", package: "main"),
                .product(name: "RoostPostgres", package: "main"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Sources/TechEmpowerRoost",
            exclude: ["templates"]
        ),
        .executableTarget(
            name: "techempower-hummingbird",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            path: "Sources/TechEmpowerHummingbird"
        ),
        .executableTarget(
            name: "techempower-vapor",
            dependencies: [
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "Leaf", package: "leaf"),
            ],
            path: "Sources/TechEmpowerVapor",
            exclude: ["Resources"]
        ),
        .executableTarget(
            name: "techempower-nio",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Sources/TechEmpowerNIO"
        ),
        .executableTarget(
            name: "router-benchmark",
            dependencies: [.product(name: "Roost", package: "main")],
            path: "Sources/RouterBenchmark"
        ),
        // RoostTemplates vs Leaf vs swift-mustache on the fortunes page and an extends/include/
        // macro page; run through ./templates.sh, which also runs Jinja2 (templates_jinja2.py).
        .executableTarget(
            name: "template-benchmark",
            dependencies: [
                .product(name: "RoostTemplates", package: "main"),
                .product(name: "LeafKit", package: "leaf-kit"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            path: "Sources/TemplateBenchmark"
        ),
        // RoostORM vs hand-written SQL on sqlite-nio / postgres-nio vs Fluent, on SQLite and
        // PostgreSQL: primary-key fetch, a 20-row page, a 10,000-row bulk insert and a
        // 100-post listing with authors and tags. Run through ./orm.sh.
        .executableTarget(
            name: "orm-benchmark",
            dependencies: [
                .product(name: "RoostORM", package: "main"),
                .product(name: "RoostSQLite", package: "main"),
                .product(name: "RoostPostgres", package: "main"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/ORMBenchmark"
        ),
    ]
)
