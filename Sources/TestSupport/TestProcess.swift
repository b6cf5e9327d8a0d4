import Foundation

/// Runs a program for a test and returns what it printed. Output goes through a temporary
/// file: Foundation's Pipe.readDataToEndOfFile traps when a read is interrupted (EINTR).
public enum TestProcess {
    public struct Result: Sendable {
        public let status: Int32
        public let output: String
    }

    /// `tool` is looked up on PATH (through /usr/bin/env). stdout, and stderr when `mergeErrors`, are returned.
    /// `environment` is added to this process's, or with `inheritEnvironment: false` is the whole of it.
    public static func run(_ tool: String, _ arguments: [String], in folder: String? = nil, environment: [String: String] = [:],
                           inheritEnvironment: Bool = true, input: [UInt8]? = nil, mergeErrors: Bool = false) throws -> Result {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("gk-process-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        process.environment = inheritEnvironment ? ProcessInfo.processInfo.environment.merging(environment) { $1 } : environment
        process.standardOutput = out
        process.standardError = mergeErrors ? out : FileHandle.nullDevice
        if let input {
            let inURL = scratch.appendingPathComponent("in")
            try Data(input).write(to: inURL)
            process.standardInput = try FileHandle(forReadingFrom: inURL)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        process.waitUntilExit()
        try out.close()
        return Result(status: process.terminationStatus, output: try String(contentsOf: outURL, encoding: .utf8))
    }
}
