// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "gatekeeper",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "gatekeeper", targets: ["Gatekeeper"]),
        .library(name: "Usage", targets: ["Usage"]),
        // For the fuzzing package in Fuzz/, which builds apart from this one (libFuzzer brings its own main).
        .library(name: "FuzzTargets", targets: ["FuzzTargets"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        // C libraries the product is about, from Debian's -dev packages.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "CGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        .systemLibrary(
            name: "CArchive",
            pkgConfig: "libarchive",
            providers: [.apt(["libarchive-dev"])]
        ),

        // Foundations every module shares: JSON, files, printable text, secrets.
        .target(name: "Support", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        // libarchive: tar.gz reading and writing, gzip decoding. The only importer of CArchive.
        .target(name: "Archive", dependencies: ["CArchive"]),
        // libgit2: reads and writes, objects, refs, remotes, the work tree. The only importer of CGit2.
        .target(name: "Git", dependencies: ["Support", "CGit2"]),
        // libcurl: the client, its cache and retries. The only importer of CCurl; gzip bodies
        // are decoded by Archive's libarchive reader (it reports a cut stream, libcurl does not).
        .target(
            name: "HTTP",
            dependencies: ["Support", "Archive", "CCurl"]
        ),
        // TOML: the span-keeping reader.
        .target(name: "TOML", dependencies: ["Support"]),
        // The Rust ecosystem: the sparse index, SemVer and requirements, manifests (read, scan,
        // edit, verify), Cargo.lock, .crate packages and their vcs info.
        .target(
            name: "Cargo",
            dependencies: ["Support", "HTTP", "Git", "Archive", "TOML", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "Usage",
            dependencies: ["Support"],
            resources: [.copy("ContractCases")]
        ),
        .target(
            name: "Checks",
            dependencies: [
                "Support", "HTTP", "Git", "TOML", "Cargo", "Usage",
            ],
            resources: [.copy("PhrasingCases")]
        ),
        .target(
            name: "Runbook",
            dependencies: ["Support", "HTTP", "Git", "TOML", "Cargo", "Checks", "Usage", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // What `gatekeeper demo` builds: a local registry, an upstream repository, a target.
        .target(
            name: "DemoWorld",
            dependencies: ["Support", "Git", "Archive", "TOML", "Cargo", "Usage", "Checks", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // Loopback servers the tests and benchmarks start (a registry, a GitHub API fake).
        .target(
            name: "TestSupport",
            dependencies: ["Support", "HTTP", "Git", "Checks", "Usage", "DemoWorld"],
            path: "Sources/TestSupport"
        ),
        // The parsers libFuzzer drives (Fuzz/), also replayed over the corpus by the tests.
        .target(
            name: "FuzzTargets",
            dependencies: ["Support", "TOML", "Cargo", "Usage", "Checks", "Runbook"]
        ),
        .executableTarget(
            name: "Gatekeeper",
            dependencies: [
                "Support", "HTTP", "Git", "TOML", "Cargo", "Usage", "Checks", "Runbook", "DemoWorld",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .executableTarget(
            name: "gatekeeper-bench",
            dependencies: ["Support", "Git", "Cargo", "DemoWorld", "Usage", "Checks", "TestSupport"],
            path: "Benchmarks/Sources/gatekeeper-bench"
        ),

        .testTarget(name: "UsageTests", dependencies: ["Support", "Usage", "DemoWorld", "TestSupport"]),
        .testTarget(name: "ChecksTests", dependencies: ["Support", "HTTP", "Git", "TOML", "Cargo", "Checks", "DemoWorld", "TestSupport"]),
        .testTarget(name: "RunbookTests", dependencies: ["Support", "HTTP", "Git", "TOML", "Cargo", "Checks", "Runbook", "DemoWorld", "TestSupport"]),
        .testTarget(name: "GatekeeperTests", dependencies: [
            "Gatekeeper", "Support", "Git", "TOML", "Cargo", "DemoWorld", "Usage", "Checks", "Runbook", "TestSupport", "FuzzTargets",
            .product(name: "Yams", package: "Yams"),
        ]),
    ]
)
