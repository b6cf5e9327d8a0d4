import DemoWorld
import TestSupport

/// The small sample captures the demo commits under Examples/captures.
enum ExampleCaptures {
    /// The Python files share one seed, so they differ only in what their usage means.
    static let files: [(name: String, options: CaptureFixture.Options)] = [
        ("rust.json", .init(path: .rust, updates: 40, seed: 11)),
        ("python.json", .init(path: .python, updates: 36, includeFinalAssistant: true, seed: 12)),
        ("python-net-of-cache.json", .init(path: .python, semantics: .netOfCache, updates: 36, includeFinalAssistant: true, seed: 12)),
        ("python-legacy-total.json", .init(path: .python, semantics: .legacyTotal, updates: 36, includeFinalAssistant: true, seed: 12)),
    ]

    static func write(to dir: String) throws {
        try BenchFiles.makeDirectory(dir)
        for (name, options) in files {
            let path = dir + "/" + name
            let bytes = CaptureFixture.make(options)
            try CaptureFixture.write(bytes: bytes, to: path)
            print("wrote \(path) (\(bytes.count) bytes, \(options.updates + 8) events)")
        }
    }
}

/// The benchmark's pair: large captures written by a child process (see ParityBench).
enum BenchCaptures {
    static func write(to dir: String, sizeMB: Double) throws {
        let target = Int(sizeMB * 1_000_000)
        let rust = CaptureFixture.Options(path: .rust, deltaBytes: 16, seed: 1)
        let python = CaptureFixture.Options(path: .python, deltaBytes: 16, includeFinalAssistant: true, seed: 2)
        try CaptureFixture.write(targetBytes: target, rust, to: dir + "/rust.json")
        try CaptureFixture.write(targetBytes: target, python, to: dir + "/python.json")
    }
}
