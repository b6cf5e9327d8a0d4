import Checks
import Foundation
import TestSupport
@testable import Git

/// A fresh folder under the system temporary folder, removed when the test ends.
struct GitRunbookFolder: ~Copyable {
    let path: String

    init() throws {
        path = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("gatekeeper-rgit-\(UInt64.random(in: 0...UInt64.max))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func sub(_ name: String) -> String { "\(path)/\(name)" }
}

enum GitRunbookSupport {
    static let author = GitSignature(name: "Test Author", email: "author@example.com", time: 1_700_000_000)

    /// A non-bare repository on "main" whose work tree matches one commit of `files`
    /// (built at object level with Checks, then force-checked-out).
    static func repository(at path: String, files: [String: String?]) throws -> (GitRepository, GitObjectID) {
        let repo = try GitRepository.initialize(at: path, bare: false, initialBranch: "main")
        let commit = try repo.commitFiles(files, message: "initial\n", author: author, parent: nil)
        try repo.forceCheckoutHead()
        return (repo, commit)
    }

    static func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    static func read(_ path: String) -> String? {
        (try? Data(contentsOf: URL(fileURLWithPath: path))).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Runs a command-line tool (the git CLI only to inspect results) and returns its stdout.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String], in folder: String? = nil, environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let result = try TestProcess.run(tool, arguments, in: folder, environment: environment)
        return (result.status, result.output)
    }

    /// `git -C repo …` output, trimmed.
    static func git(_ repo: String, _ arguments: String...) throws -> String {
        try run("git", ["-C", repo] + arguments).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
