import Foundation
import Runbook
import Support
import Testing
import Usage

@Suite struct EvidenceVerifierTests {
    @Test func alteringOneByteOfAnyFileIsReportedAsAlteredByName() throws {
        let f = try EvidenceTestFixture()
        defer { f.remove() }
        try f.write()
        let hashed = EvidenceTestFixture.completeFiles.filter { $0 != "SHA256SUMS" && $0 != "statement.intoto.json" }
        for name in hashed {
            let original = try f.bytes(name)
            var changed = original
            changed[changed.count / 2] ^= 0x01
            try Data(changed).write(to: URL(fileURLWithPath: f.bundle + "/" + name))
            let report = try EvidenceVerifier.verify(directory: f.bundle)
            #expect(report.altered == [name], "after changing \(name)")
            #expect(report.missing.isEmpty && report.unexpected.isEmpty && !report.intact)
            #expect(report.reasons[name]?.contains("differs from SHA256SUMS") == true)
            try Data(original).write(to: URL(fileURLWithPath: f.bundle + "/" + name))
        }
        #expect(try EvidenceVerifier.verify(directory: f.bundle).intact)
    }

    @Test func aDigestChangedInOnlyOneOfTheTwoListsIsReported() throws {
        let f = try EvidenceTestFixture()
        defer { f.remove() }
        try f.write()
        // Forge gate.json together with its SHA256SUMS line: the statement still disagrees.
        try EvidenceTestFixture.write("{}\n", to: f.bundle + "/gate.json")
        let digest = EvidenceTestFixture.sha256(Array("{}\n".utf8))
        let forged = try f.text("SHA256SUMS").split(separator: "\n").map { line in
            line.hasSuffix("  gate.json") ? "\(digest)  gate.json" : String(line)
        }.joined(separator: "\n") + "\n"
        try EvidenceTestFixture.write(forged, to: f.bundle + "/SHA256SUMS")
        let report = try EvidenceVerifier.verify(directory: f.bundle)
        #expect(report.altered == ["gate.json"])
        #expect(report.reasons["gate.json"] == "statement.intoto.json records another sha256 than SHA256SUMS")
    }

    @Test func aDeletedFileIsReportedMissing() throws {
        let f = try EvidenceTestFixture()
        defer { f.remove() }
        try f.write()
        try FileManager.default.removeItem(atPath: f.bundle + "/captures/rust.json")
        let report = try EvidenceVerifier.verify(directory: f.bundle)
        #expect(report.missing == ["captures/rust.json"])
        #expect(report.altered.isEmpty && report.unexpected.isEmpty && !report.intact)
        #expect(report.checked == EvidenceTestFixture.completeFiles.count - 3)
    }

    @Test func aStrayFileIsReportedUnexpected() throws {
        let f = try EvidenceTestFixture()
        defer { f.remove() }
        try f.write()
        try EvidenceTestFixture.write("#!/bin/sh\n", to: f.bundle + "/qa/evil.sh")
        try EvidenceTestFixture.write("x", to: f.bundle + "/notes.txt")
        let report = try EvidenceVerifier.verify(directory: f.bundle)
        #expect(report.unexpected == ["notes.txt", "qa/evil.sh"])
        #expect(report.altered.isEmpty && report.missing.isEmpty && !report.intact)
        #expect(report.reasons["qa/evil.sh"] == "in the folder but listed nowhere")
    }

    @Test func aListedFileReplacedByASymbolicLinkIsAltered() throws {
        let f = try EvidenceTestFixture()
        defer { f.remove() }
        try f.write()
        let path = f.bundle + "/environment.json"
        try FileManager.default.moveItem(atPath: path, toPath: f.root + "/environment.json")
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: f.root + "/environment.json")
        let report = try EvidenceVerifier.verify(directory: f.bundle)
        #expect(report.altered == ["environment.json"])
    }

    @Test func aCorruptSHA256SUMSLineIsAnErrorNamingTheLine() throws {
        let f = try EvidenceTestFixture()
        defer { f.remove() }
        try f.write()
        var lines = try f.text("SHA256SUMS").split(separator: "\n").map(String.init)
        lines[2] = "not a digest  contracts.json"
        try EvidenceTestFixture.write(lines.joined(separator: "\n") + "\n", to: f.bundle + "/SHA256SUMS")
        #expect(throws: SourceError(file: f.bundle + "/SHA256SUMS", line: 3, message: "expected '<64 hex digits>  <file>', found 'not a digest  contracts.json'")) {
            try EvidenceVerifier.verify(directory: f.bundle)
        }
        do {
            _ = try EvidenceVerifier.verify(directory: f.bundle)
        } catch {
            #expect("\(error)".hasPrefix("\(f.bundle)/SHA256SUMS:3: "))
        }
    }

    @Test func aSHA256SUMSLineThatLeavesTheBundleIsRefused() throws {
        let f = try EvidenceTestFixture()
        defer { f.remove() }
        try f.write()
        let digest = String(repeating: "a", count: 64)
        for (name, problem) in [("../../etc/passwd", "path '../../etc/passwd' escapes the bundle"), ("/etc/passwd", "absolute path '/etc/passwd'")] {
            try EvidenceTestFixture.write(try f.text("SHA256SUMS") + "\(digest)  \(name)\n", to: f.bundle + "/SHA256SUMS")
            let line = EvidenceTestFixture.completeFiles.count - 1
            #expect(throws: SourceError(file: f.bundle + "/SHA256SUMS", line: line, message: problem)) {
                try EvidenceVerifier.verify(directory: f.bundle)
            }
            try f.write()
        }
    }

    @Test func aMissingOrMalformedIndexIsAnErrorNamingIt() throws {
        let f = try EvidenceTestFixture()
        defer { f.remove() }
        try f.write()
        let statement = f.bundle + "/statement.intoto.json"
        try EvidenceTestFixture.write("{\n  \"_type\": \"https://in-toto.io/Statement/v1\",\n  \"subject\": [\n", to: statement)
        #expect(throws: SourceError(file: statement, line: 4, message: "column 1: expected a value, found end of input")) {
            try EvidenceVerifier.verify(directory: f.bundle)
        }
        try EvidenceTestFixture.write(#"{"_type": "https://in-toto.io/Statement/v0.1", "subject": [], "predicateType": "https://gatekeeper.dev/evidence/v1"}"#, to: statement)
        #expect(throws: SourceError(file: statement, line: nil, message: #"_type is "https://in-toto.io/Statement/v0.1", expected "https://in-toto.io/Statement/v1""#)) {
            try EvidenceVerifier.verify(directory: f.bundle)
        }
        try FileManager.default.removeItem(atPath: f.bundle + "/SHA256SUMS")
        #expect(throws: SourceError(file: f.bundle + "/SHA256SUMS", line: nil, message: "missing: this folder is not an evidence bundle, or it was damaged")) {
            try EvidenceVerifier.verify(directory: f.bundle)
        }
        #expect(throws: SourceError(file: f.root + "/nowhere", line: nil, message: "no such folder")) {
            try EvidenceVerifier.verify(directory: f.root + "/nowhere")
        }
    }
}
