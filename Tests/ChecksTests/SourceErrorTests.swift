import Foundation
import Support
import Testing
import TOML
import Cargo
import Checks

/// A broken TOML file is reported the same way whoever reads it (issue 14: six callers each
/// re-wrapped `TOMLError` into their own error type): one `SourceError`, `FILE:LINE: MESSAGE`.
@Suite struct SourceErrorTests {
    static let broken = "[package]\nname = \"x\"\nversion = = \"1\"\n"

    @Test func everyReaderOfABrokenTOMLFileNamesItTheSameWay() throws {
        let dir = NSTemporaryDirectory() + "gatekeeper-source-error-\(UInt64.random(in: 0...UInt64.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.broken.write(toFile: dir + "/Cargo.toml", atomically: true, encoding: .utf8)

        func caught(_ body: () throws -> Void) -> SourceError? {
            do { try body() } catch let e as SourceError { return e } catch { Issue.record("not a SourceError: \(type(of: error)) \(error)") }
            return nil
        }
        let config = caught { _ = try GatekeeperConfig.parse(Self.broken, file: "Cargo.toml") }
        let pins = caught { _ = try PinnedVersion.read(dependency: "x", manifests: ["Cargo.toml"], repo: dir) }
        let bump = caught { _ = try ManifestEditor.bump(Self.broken, file: "Cargo.toml", dependency: "x", to: SemVer(major: 1, minor: 0, patch: 0)) }
        let scan = caught { _ = try ManifestScan(repo: dir) }
        let all = [config, pins, bump, scan]
        #expect(all.allSatisfy { $0 != nil })
        #expect(Set(all.compactMap { $0?.description }).count == 1, "\(all)")
        #expect(config?.file == "Cargo.toml" && config?.line == 3)
        #expect(config?.description.hasPrefix("Cargo.toml:3: ") == true)
    }

    @Test func aWellFormedFileIsNoError() throws {
        // The control: the same readers accept the file once the line is mended.
        let mended = Self.broken.replacingOccurrences(of: "= = ", with: "= ")
        #expect(throws: Never.self) { try TOMLReader.parse(mended, file: "Cargo.toml") }
        #expect(throws: SourceError.self) { try TOMLReader.parse(Self.broken, file: "Cargo.toml") }
    }
}
