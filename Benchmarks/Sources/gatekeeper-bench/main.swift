import Foundation

let usage = """
    usage: gatekeeper-bench [--size-mb N] [--runs N] [--keep]
             Times `gatekeeper parity` against Benchmarks/parity_reference.py on two generated
             captures of about N MB each (default 50, 3 runs). Exits non-zero only if a run fails.
           gatekeeper-bench check [--runs N] [--gates N] [--latency-ms MS] [--keep] [--against BIN]
             Times a warm one-gate `gatekeeper check` against curl of the same index file, what
             comparing a 200-file package with its upstream tree adds to it, and N gates
             (default 1000) concurrently against one at a time, cold and warm. --against BIN
             times another gatekeeper build in alternation on the one-gate rows, and stops there.
           gatekeeper-bench rollout [--runs N] [--keep]
             Times `gatekeeper rollout` (all but QA and cargo) on a 600-file repository with two
             10 MB captures against Benchmarks/rollout_reference.sh (git CLI and sha256sum).
           gatekeeper-bench write-examples DIR
             Writes the small demo captures (rust.json, python.json and two drifted Python ones).
           gatekeeper-bench fixture FILE [options]
             Writes one capture with any fixture options (`fixture` alone lists them).
    """

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("gatekeeper-bench: \(message)\n".utf8))
    exit(1)
}

var args = Array(CommandLine.arguments.dropFirst())
do {
    switch args.first {
    case "write-examples":
        guard args.count == 2 else { fail("write-examples takes one folder\n\(usage)") }
        try ExampleCaptures.write(to: args[1])
    case "check":
        var bench = CheckBench()
        var rest = Array(args.dropFirst())
        while !rest.isEmpty {
            let arg = rest.removeFirst()
            switch arg {
            case "--runs":
                guard let v = rest.first.flatMap({ Int($0) }), v > 0 else { fail("--runs needs a positive integer") }
                bench.runs = v
                rest.removeFirst()
            case "--gates":
                guard let v = rest.first.flatMap({ Int($0) }), v > 0 else { fail("--gates needs a positive integer") }
                bench.gates = v
                rest.removeFirst()
            case "--latency-ms":
                guard let v = rest.first.flatMap(Double.init), v >= 0 else { fail("--latency-ms needs a number") }
                bench.latency = v / 1000
                rest.removeFirst()
            case "--keep":
                bench.keep = true
            case "--against":
                guard let v = rest.first, FileManager.default.isExecutableFile(atPath: v) else { fail("--against needs an executable gatekeeper") }
                bench.against = v
                rest.removeFirst()
            default:
                fail("unknown argument \(arg)\n\(usage)")
            }
        }
        try bench.run()
    case "rollout":
        var bench = RolloutBench()
        var rest = Array(args.dropFirst())
        while !rest.isEmpty {
            let arg = rest.removeFirst()
            switch arg {
            case "--runs":
                guard let v = rest.first.flatMap({ Int($0) }), v > 0 else { fail("--runs needs a positive integer") }
                bench.runs = v
                rest.removeFirst()
            case "--keep":
                bench.keep = true
            default:
                fail("unknown argument \(arg)\n\(usage)")
            }
        }
        try bench.run()
    case "fixture":
        try FixtureCommand.run(Array(args.dropFirst()))
    case "generate":
        // Internal: run as a child of the benchmark so the parent's RSS stays small.
        guard args.count == 3, let size = Double(args[2]) else { fail("generate DIR SIZE_MB") }
        try BenchCaptures.write(to: args[1], sizeMB: size)
    case "-h", "--help":
        print(usage)
    default:
        var bench = ParityBench()
        while !args.isEmpty {
            let arg = args.removeFirst()
            switch arg {
            case "--size-mb":
                guard let v = args.first.flatMap(Double.init), v > 0 else { fail("--size-mb needs a positive number") }
                bench.sizeMB = v
                args.removeFirst()
            case "--runs":
                guard let v = args.first.flatMap({ Int($0) }), v > 0 else { fail("--runs needs a positive integer") }
                bench.runs = v
                args.removeFirst()
            case "--keep":
                bench.keep = true
            default:
                fail("unknown argument \(arg)\n\(usage)")
            }
        }
        try bench.run()
    }
} catch {
    fail("\(error)")
}
