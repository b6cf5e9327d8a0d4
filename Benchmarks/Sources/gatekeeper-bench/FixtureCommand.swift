import DemoWorld
import TestSupport

/// `gatekeeper-bench fixture FILE [options]`: one capture with any options, for trying gatekeeper
/// by hand on shapes the demo files do not cover.
enum FixtureCommand {
    static let usage = """
        gatekeeper-bench fixture FILE [--path rust|python] [--semantics providerRaw|netOfCache|legacyTotal|legacyKeys]
                                      [--updates N | --size-mb N] [--delta-bytes N] [--partial-cap N]
                                      [--final-assistant] [--seed N]
        """

    static func run(_ arguments: [String]) throws {
        var args = arguments
        guard let file = args.first, !file.hasPrefix("-") else { throw SpawnError(description: usage) }
        args.removeFirst()
        var options = CaptureFixture.Options(path: .rust)
        var sizeMB: Double? = nil
        while !args.isEmpty {
            let flag = args.removeFirst()
            if flag == "--final-assistant" {
                options.includeFinalAssistant = true
                continue
            }
            guard let value = args.first else { throw SpawnError(description: "\(flag) needs a value\n\(usage)") }
            args.removeFirst()
            let bad = SpawnError(description: "bad value for \(flag): \(value)\n\(usage)")
            switch flag {
            case "--path": options.path = try CaptureFixture.Path(rawValue: value) ?? { throw bad }()
            case "--semantics": options.semantics = try CaptureFixture.Semantics(rawValue: value) ?? { throw bad }()
            case "--updates": options.updates = try Int(value) ?? { throw bad }()
            case "--size-mb": sizeMB = try Double(value) ?? { throw bad }()
            case "--delta-bytes": options.deltaBytes = try Int(value) ?? { throw bad }()
            case "--partial-cap": options.partialCapBytes = try Int(value) ?? { throw bad }()
            case "--seed": options.seed = try UInt64(value) ?? { throw bad }()
            default: throw SpawnError(description: "unknown option \(flag)\n\(usage)")
            }
        }
        let bytes = sizeMB.map { CaptureFixture.make(targetBytes: Int($0 * 1_000_000), options) } ?? CaptureFixture.make(options)
        try CaptureFixture.write(bytes: bytes, to: file)
        print("wrote \(file) (\(bytes.count) bytes)")
    }
}
