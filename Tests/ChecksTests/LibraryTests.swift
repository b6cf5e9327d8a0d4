import Foundation
import Checks
import Testing
import Support
import HTTP
@testable import Git

@Suite struct LibraryTests {
    @Test func libcurlIsLinkedAndInitialises() throws {
        try CurlLibrary.initialise()
        let parts = CurlLibrary.version.split(separator: ".").compactMap { Int($0) }
        #expect(parts.count == 3 && parts[0] >= 7, "got \(CurlLibrary.version)")
        #expect(CurlLibrary.sslVersion != nil, "gatekeeper needs a TLS-capable libcurl for https registries")
    }

    @Test func libgit2IsLinkedAndInitialises() throws {
        try GitLibrary.initialise()
        let parts = GitLibrary.version.split(separator: ".").compactMap { Int($0) }
        #expect(parts.count == 3 && parts[0] >= 1, "got \(GitLibrary.version)")
    }
}

@Suite struct AtomicFileTests {
    @Test func writesWholeFilesAndCreatesFolders() throws {
        let dir = "/tmp/gatekeeper-atomic-\(UInt64.random(in: 0...UInt64.max))"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try AtomicFile.write("one", to: "\(dir)/a/b.txt")
        try AtomicFile.write("two", to: "\(dir)/a/b.txt")
        #expect(try String(contentsOfFile: "\(dir)/a/b.txt", encoding: .utf8) == "two")
        #expect(try FileManager.default.contentsOfDirectory(atPath: "\(dir)/a") == ["b.txt"], "no temporary file left behind")
    }

    @Test func concurrentWritersOfOnePathNeverMixOrLeaveTemporaries() throws {
        let dir = "/tmp/gatekeeper-atomic-\(UInt64.random(in: 0...UInt64.max))"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let contents = (0..<8).map { String(repeating: Character(UnicodeScalar(UInt8(65 + $0))), count: 200_000) }
        DispatchQueue.concurrentPerform(iterations: 32) { k in
            try? AtomicFile.write(contents[k % 8], to: "\(dir)/same.txt")
        }
        let final = try String(contentsOfFile: "\(dir)/same.txt", encoding: .utf8)
        #expect(contents.contains(final), "the file is one whole write, never a mix")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["same.txt"])
    }

    @Test func aFolderInTheWayIsAClearError() throws {
        let dir = "/tmp/gatekeeper-atomic-\(UInt64.random(in: 0...UInt64.max))"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try AtomicFile.write("x", to: "\(dir)/file")
        #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.write("y", to: "\(dir)/file/inner") }
    }
}
