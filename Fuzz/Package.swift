// swift-tools-version: 6.0
// Fuzzing harness, apart from the root package: libFuzzer brings its own `main`.
// Build with scripts/fuzz.sh (make fuzz): it passes the sanitizer flags swiftc needs.
import PackageDescription

let package = Package(
    name: "gatekeeper-fuzz",
    dependencies: [
        .package(name: "gatekeeper", path: ".."),
    ],
    targets: [
        // One binary for every parser, chosen by FUZZ_TARGET: one link instead of five on 2 cores.
        .executableTarget(
            name: "gatekeeper-fuzz",
            dependencies: [
                .product(name: "FuzzTargets", package: "gatekeeper"),
            ],
            // No `main` of our own: libFuzzer's calls LLVMFuzzerTestOneInput.
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ]
)
