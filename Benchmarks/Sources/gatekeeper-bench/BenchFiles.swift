import Foundation
import Usage
import Support

/// File-system chores of the benchmark.
enum BenchFiles {
    static func makeDirectory(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// A fresh private folder under TMPDIR.
    static func makeTemporaryDirectory() throws -> String {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((base + "/gatekeeper-bench.XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw SpawnError(description: "cannot create a temporary folder in \(base): \(String(cString: strerror(errno)))")
        }
        return String(cString: made)
    }

    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    static func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    static func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    /// A folder holding links to just these tools, found on PATH: a PATH for a child that must
    /// not find anything else (cargo, for one).
    static func toolFolder(at folder: String, tools: [String]) throws -> String {
        try makeDirectory(folder)
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for tool in tools {
            guard let found = path.split(separator: ":").map({ "\($0)/\(tool)" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
                throw SpawnError(description: "\(tool) is not on PATH")
            }
            try FileManager.default.createSymbolicLink(atPath: folder + "/" + tool, withDestinationPath: found)
        }
        return folder
    }

    /// This executable's own path, symlinks resolved (so the sibling gatekeeper is found).
    static var ownExecutable: String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return resolved
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }

    /// The last lines of a child's output, for failure messages.
    static func tail(_ path: String, lines: Int = 15) -> String {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }

    /// `"verdict"` of a usage_parity_summary.json, or nil when it is missing or unreadable.
    static func verdict(inSummaryIn dir: String) -> String? {
        summary(in: dir)?["verdict"]?.stringValue
    }

    static func summary(in dir: String) -> JSONValue? {
        guard let bytes = try? FileBytes.read(dir + "/usage_parity_summary.json") else { return nil }
        return try? JSONReader.parse(bytes)
    }
}
