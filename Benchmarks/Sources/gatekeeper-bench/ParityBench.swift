import Foundation

/// gatekeeper parity against the Python reference on the same two large captures.
struct ParityBench {
    var sizeMB: Double = 50
    var runs: Int = 3
    var keep = false

    /// One contender: how to run it on the pair, and what its runs measured.
    struct Contender {
        let name: String
        let argv: (_ rust: String, _ python: String, _ out: String) -> [String]
        var results: [ChildResult] = []

        var medianWall: Double {
            let sorted = results.map(\.wallSeconds).sorted()
            return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        }

        var peakRSSKiB: Int { results.map(\.peakRSSKiB).max() ?? 0 }
    }

    func run() throws {
        let gatekeeper = try Self.locateGatekeeper()
        let script = try Self.locateReferenceScript()
        let tmp = try BenchFiles.makeTemporaryDirectory()
        defer { if keep { print("kept \(tmp)") } else { BenchFiles.remove(tmp) } }

        // A child writes the captures: ru_maxrss of a spawned child starts from the spawning
        // process's high-water mark, so this process must never hold 100 MB itself.
        print("generating two captures of about \(Self.format(sizeMB, 0)) MB in \(tmp) …")
        let gen = try ChildProcess.run([BenchFiles.ownExecutable, "generate", tmp, String(sizeMB)],
                                       stdout: tmp + "/generate.out", stderr: tmp + "/generate.err")
        guard gen.status == 0 else {
            throw SpawnError(description: "generating the captures failed (exit \(gen.status)):\n" + BenchFiles.tail(tmp + "/generate.err"))
        }
        let rust = tmp + "/rust.json", python = tmp + "/python.json"

        var contenders = [
            Contender(name: "gatekeeper") { a, b, out in [gatekeeper, "parity", "rust=" + a, "python=" + b, "--out", out] },
            Contender(name: "python3") { a, b, out in ["python3", script, "rust=" + a, "python=" + b, "--out", out] },
        ]
        // ru_maxrss never reads below this process's own footprint; a do-nothing child shows it.
        let floor = try ChildProcess.run(["true"], stdout: "/dev/null", stderr: "/dev/null")
        var events: (rust: Int, python: Int) = (0, 0)
        // Alternating runs share whatever the machine is doing; the median drops one-off stalls.
        for run in 1...runs {
            for i in contenders.indices {
                let out = "\(tmp)/out-\(contenders[i].name)-\(run)"
                let result = try ChildProcess.run(contenders[i].argv(rust, python, out),
                                                  stdout: out + ".stdout", stderr: out + ".stderr")
                let verdict = BenchFiles.verdict(inSummaryIn: out)
                guard result.status == 0, verdict == "aligned" else {
                    throw SpawnError(description: """
                        \(contenders[i].name) run \(run) failed: exit \(result.status), verdict \(verdict ?? "none") (expected aligned)
                        \(BenchFiles.tail(out + ".stdout"))
                        \(BenchFiles.tail(out + ".stderr"))
                        """)
                }
                if let summary = BenchFiles.summary(in: out) {
                    events = (summary["rust_event_count"]?.numberValue?.intValue ?? 0,
                              summary["python_event_count"]?.numberValue?.intValue ?? 0)
                }
                contenders[i].results.append(result)
                print("  run \(run) \(contenders[i].name): \(Self.format(result.wallSeconds, 3)) s, peak \(Self.format(Double(result.peakRSSKiB) * 1024 / 1e6, 1)) MB, aligned")
            }
        }
        BenchReport(
            inputs: [("rust.json", BenchFiles.size(rust), events.rust), ("python.json", BenchFiles.size(python), events.python)],
            gatekeeper: contenders[0], python: contenders[1], runs: runs, floorKiB: floor.peakRSSKiB
        ).print()
    }

    /// The gatekeeper built next to this executable.
    static func locateGatekeeper() throws -> String {
        let dir = (BenchFiles.ownExecutable as NSString).deletingLastPathComponent
        let path = dir + "/gatekeeper"
        guard BenchFiles.exists(path) else {
            throw SpawnError(description: "no gatekeeper next to gatekeeper-bench (\(path)); build the gatekeeper product with the same scratch path and configuration")
        }
        return path
    }

    /// GATEKEEPER_BENCH_PY, else Benchmarks/parity_reference.py from here, else from the package
    /// root above the build folder (`.build/x86_64-unknown-linux-gnu/release/`).
    static func locateReferenceScript() throws -> String {
        if let env = ProcessInfo.processInfo.environment["GATEKEEPER_BENCH_PY"], !env.isEmpty {
            guard BenchFiles.exists(env) else { throw SpawnError(description: "GATEKEEPER_BENCH_PY: no file at \(env)") }
            return env
        }
        var dir = (BenchFiles.ownExecutable as NSString).deletingLastPathComponent
        var candidates = [FileManager.default.currentDirectoryPath + "/Benchmarks/parity_reference.py"]
        for _ in 0..<4 {
            dir = (dir as NSString).deletingLastPathComponent
            candidates.append(dir + "/Benchmarks/parity_reference.py")
        }
        guard let found = candidates.first(where: BenchFiles.exists) else {
            throw SpawnError(description: "cannot find Benchmarks/parity_reference.py; run from the package root or set GATEKEEPER_BENCH_PY")
        }
        return (found as NSString).standardizingPath
    }

    static func format(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }
}
