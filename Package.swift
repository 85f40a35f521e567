// swift-tools-version:6.2
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

/// The protocol-logic modules every HTTP-side module builds on (FlowstaHTTP, FlowstaAPI,
/// FlowstaPages, FlowstaServer).
let serverEngines: [Target.Dependency] = [
    "FlowstaCore", "FlowstaCrypto", "FlowstaAccounts", "FlowstaPlatform", "FlowstaOAuth", "FlowstaUsage", "FlowstaBilling", "FlowstaSignIt",
    "FlowstaWebhooks",
]

let package = Package(
    name: "flowsta-auth",
    platforms: [.macOS(.v14), .iOS(.v17)],
    products: [
        .executable(name: "flowsta", targets: ["flowsta"]),
        .library(name: "FlowstaClient", targets: ["FlowstaClient"]),
        .library(name: "FlowstaCrypto", targets: ["FlowstaCrypto"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.8.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        // libsodium: the ristretto255 group and Argon2id.
        .systemLibrary(name: "CSodium", pkgConfig: "libsodium", providers: [.apt(["libsodium-dev"])]),

        // Domain types, validation, errors, clock — no I/O.
        .target(name: "FlowstaCore", swiftSettings: swiftSettings),

        // OPRF (RFC 9497), OPAQUE-3DH (RFC 9807), sealing, DIDs.
        .target(
            name: "FlowstaCrypto",
            dependencies: [
                "CSodium",
                "FlowstaCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),

        // Account protocol logic and the storage ports it needs — no HTTP, no Fluent.
        .target(
            name: "FlowstaAccounts",
            dependencies: ["FlowstaCore", "FlowstaCrypto"],
            swiftSettings: swiftSettings
        ),

        // Developer platform logic: organizations, members, API keys, audit — no HTTP, no Fluent.
        .target(
            name: "FlowstaPlatform",
            dependencies: ["FlowstaCore", "FlowstaCrypto", "FlowstaWebhooks"],
            swiftSettings: swiftSettings
        ),

        // OAuth 2.0 / OpenID Connect protocol logic: grants, tokens, signing keys — no HTTP, no Fluent.
        .target(
            name: "FlowstaOAuth",
            dependencies: [
                "FlowstaCore",
                "FlowstaCrypto",
                "FlowstaAccounts",
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),

        // Sign It: signing requests, signatures the user's browser makes, verification — no HTTP, no Fluent.
        .target(
            name: "FlowstaSignIt",
            dependencies: ["FlowstaCore", "FlowstaCrypto", "FlowstaAccounts"],
            swiftSettings: swiftSettings
        ),

        // Outbound deliveries (back-channel logout tokens, webhooks): the queue's port and the
        // retry schedule — no HTTP, no Fluent.
        .target(
            name: "FlowstaWebhooks",
            dependencies: ["FlowstaCore", "FlowstaCrypto", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),

        // Usage metering (in-memory aggregation, hourly rows, reports) — no HTTP, no Fluent.
        .target(name: "FlowstaUsage", dependencies: ["FlowstaCore"], swiftSettings: swiftSettings),

        // Stripe's API over AsyncHTTPClient and webhook signatures — no Flowsta types.
        .target(
            name: "FlowstaStripe",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // A fake Stripe API server on loopback, for tests.
        .target(
            name: "FlowstaStripeTesting",
            dependencies: [
                "FlowstaStripe",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),

        // Billing logic: customers, subscriptions, webhooks, metered MAU, invoices — no HTTP, no Fluent.
        .target(
            name: "FlowstaBilling",
            dependencies: [
                "FlowstaCore", "FlowstaPlatform", "FlowstaUsage", "FlowstaStripe", "FlowstaWebhooks",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // Mail: RFC 5322 rendering, SMTP on SwiftNIO, the outbox and its delivery service.
        .target(
            name: "FlowstaMail",
            dependencies: [
                "FlowstaCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),

        // Fluent models, migrations and repositories (SQLite and PostgreSQL).
        .target(
            name: "FlowstaStore",
            dependencies: [
                "FlowstaCore",
                "FlowstaCrypto",
                "FlowstaAccounts",
                "FlowstaPlatform",
                "FlowstaOAuth",
                "FlowstaUsage",
                "FlowstaMail",
                "FlowstaBilling",
                "FlowstaSignIt",
                "FlowstaWebhooks",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // The promises of the privacy policy in one place: the retention rules over storage
        // ports and the log redaction. No HTTP, no Fluent.
        .target(
            name: "FlowstaPrivacy",
            dependencies: ["FlowstaCore", "FlowstaUsage", "FlowstaBilling", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),

        // HTTP plumbing shared by the API and the pages: request contexts, body and form parsing,
        // the error mapping (JSON) and the HTML error port, shared middleware, the same-origin
        // check, bearer parsing, paging, the services value. No Fluent, no Mustache.
        .target(
            name: "FlowstaHTTP",
            dependencies: serverEngines + [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // The JSON API: accounts, vault, management, usage, billing, OAuth endpoints, and the
        // OpenAPI document as resource files.
        .target(
            name: "FlowstaAPI",
            dependencies: [
                "FlowstaHTTP",
            ] + serverEngines + [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("OpenAPI")],
            swiftSettings: swiftSettings
        ),

        // The HTML: hosted pages and the developer dashboard, templates as .mustache resources.
        // The only module that imports Mustache.
        .target(
            name: "FlowstaPages",
            dependencies: [
                "FlowstaHTTP",
                // The dashboard's downloads are the API's documents (the organization export).
                "FlowstaAPI",
            ] + serverEngines + [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Templates")],
            swiftSettings: swiftSettings
        ),

        // The composition root: configuration, building each store, service and route once,
        // lifecycle, TLS, metrics. The only server module that imports FlowstaStore.
        .target(
            name: "FlowstaServer",
            dependencies: [
                "FlowstaHTTP",
                "FlowstaAPI",
                "FlowstaPages",
                "FlowstaPrivacy",
            ] + serverEngines + [
                "FlowstaMail",
                "FlowstaStore",
                "FlowstaStripe",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
            ],
            swiftSettings: swiftSettings
        ),

        .executableTarget(
            name: "flowsta",
            dependencies: [
                "FlowstaCore",
                "FlowstaPlatform",
                "FlowstaPrivacy",
                "FlowstaServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // Swift client SDK: the OPAQUE client over HTTP for native apps.
        .target(
            name: "FlowstaClient",
            dependencies: ["FlowstaCore", "FlowstaCrypto", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),

        // In-memory repositories, fixed clock and seeded RNG for tests.
        .target(
            name: "FlowstaTesting",
            dependencies: [
                "FlowstaCore", "FlowstaCrypto", "FlowstaAccounts", "FlowstaPlatform", "FlowstaOAuth", "FlowstaUsage", "FlowstaBilling",
                "FlowstaSignIt", "FlowstaWebhooks", .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),

        // Release-mode benchmark harness (see benchmarks/README.md).
        .executableTarget(
            name: "flowsta-bench",
            dependencies: [
                "FlowstaCore",
                "FlowstaCrypto",
                "FlowstaAccounts",
                "FlowstaPlatform",
                "FlowstaStore",
                "FlowstaUsage",
                "FlowstaTesting",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "benchmarks/flowsta-bench",
            swiftSettings: swiftSettings
        ),

        .testTarget(name: "FlowstaCoreTests", dependencies: ["FlowstaCore"], resources: [.copy("Vectors")], swiftSettings: swiftSettings),
        .testTarget(
            name: "FlowstaCryptoTests",
            dependencies: ["FlowstaCrypto", "FlowstaCore", .product(name: "Crypto", package: "swift-crypto")],
            resources: [.copy("Vectors")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FlowstaWebhooksTests",
            dependencies: ["FlowstaWebhooks", "FlowstaTesting"],
            resources: [.copy("Vectors")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FlowstaSignItTests",
            dependencies: ["FlowstaSignIt", "FlowstaTesting", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FlowstaAccountsTests",
            dependencies: [
                "FlowstaAccounts", "FlowstaTesting", .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FlowstaMailTests",
            dependencies: [
                "FlowstaMail",
                "FlowstaCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            exclude: ["smtp_sink.py"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FlowstaPlatformTests",
            dependencies: ["FlowstaCore", "FlowstaCrypto", "FlowstaPlatform", "FlowstaTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FlowstaOAuthTests",
            dependencies: [
                "FlowstaOAuth", "FlowstaTesting", .product(name: "JWTKit", package: "jwt-kit"), .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "FlowstaUsageTests", dependencies: ["FlowstaUsage", "FlowstaCore", "FlowstaTesting"], swiftSettings: swiftSettings),
        .testTarget(
            name: "FlowstaStoreTests",
            dependencies: ["FlowstaStore", "FlowstaTesting", "FlowstaOAuth", "FlowstaUsage", "FlowstaMail", "FlowstaWebhooks"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "FlowstaBillingTests", dependencies: ["FlowstaBilling"], swiftSettings: swiftSettings),
        .testTarget(name: "FlowstaStripeTests", dependencies: ["FlowstaStripe", "FlowstaStripeTesting"], swiftSettings: swiftSettings),
        .testTarget(
            name: "FlowstaServerTests",
            dependencies: [
                "FlowstaServer",
                "FlowstaWebhooks",
                "FlowstaHTTP",
                "FlowstaAPI",
                "FlowstaPages",
                "FlowstaPrivacy",
                "FlowstaBilling",
                "FlowstaStripe",
                "FlowstaStripeTesting",
                "FlowstaClient",
                "FlowstaTesting",
                "FlowstaSignIt",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FlowstaClientTests",
            dependencies: [
                "FlowstaClient",
                "FlowstaServer",
                "FlowstaHTTP",
                "FlowstaPrivacy",
                "FlowstaTesting",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            resources: [.copy("Vectors")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "flowstaTests", dependencies: ["flowsta"], swiftSettings: swiftSettings),
    ],
    swiftLanguageModes: [.v6]
)
