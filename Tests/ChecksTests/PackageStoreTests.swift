import Support
import Checks
import DemoWorld
import Foundation
import Testing
@testable import Cargo

@Suite struct PackageStoreTests {
    typealias F = PackageFixture

    private func withStore(_ body: (PackageStore, String) throws -> Void) throws {
        let dir = "/tmp/gatekeeper-store-\(UInt64.random(in: 0...UInt64.max))"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try body(PackageStore(directory: dir), dir)
    }

    /// Every regular file under `dir`, relative to it.
    private func files(_ dir: String) -> [String] {
        let all = FileManager.default.enumerator(atPath: dir)?.allObjects as? [String] ?? []
        return all.filter { path in
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: "\(dir)/\(path)", isDirectory: &isDir) && !isDir.boolValue
        }.sorted()
    }

    @Test func savedPackagesLoadBack() throws {
        try withStore { store, dir in
            let bytes = try F.crate(["Cargo.toml": CrateFixture.manifest(name: F.name, version: F.version)])
            let checksum = SHA256Hex.of(bytes)
            #expect(store.load(name: F.name, version: F.version, checksum: checksum) == nil, "absent at first")
            try store.save(bytes, name: F.name, version: F.version, checksum: checksum)
            #expect(store.load(name: F.name, version: F.version, checksum: checksum) == bytes)
            #expect(store.load(name: F.name, version: F.version, checksum: checksum.uppercased()) == bytes)
            #expect(store.load(name: F.name, version: "0.1.3", checksum: checksum) == nil)
            #expect(store.load(name: F.name, version: F.version, checksum: SHA256Hex.of([])) == nil, "another checksum is another package")
            #expect(files(dir) == ["alchemy-llm/alchemy-llm-0.1.2-\(checksum).crate"])
        }
    }

    @Test func aTamperedCachedFileIsDropped() throws {
        try withStore { store, dir in
            let bytes = try F.crate(["Cargo.toml": CrateFixture.manifest(name: F.name, version: F.version)])
            let checksum = SHA256Hex.of(bytes)
            try store.save(bytes, name: F.name, version: F.version, checksum: checksum)
            let path = "\(dir)/\(files(dir)[0])"
            var tampered = bytes
            tampered[tampered.count / 2] ^= 0x01
            try Data(tampered).write(to: URL(fileURLWithPath: path))
            #expect(store.load(name: F.name, version: F.version, checksum: checksum) == nil)
            #expect(!FileManager.default.fileExists(atPath: path), "the bad file is removed")
            try store.save(bytes, name: F.name, version: F.version, checksum: checksum)
            #expect(store.load(name: F.name, version: F.version, checksum: checksum) == bytes, "fetched again, cached again")
        }
    }

    @Test func bytesThatDoNotMatchAreNeverCached() throws {
        try withStore { store, dir in
            let bytes = Array("not the package".utf8)
            let checksum = SHA256Hex.of(Array("the package".utf8))
            #expect(throws: PackageError.self) { try store.save(bytes, name: F.name, version: F.version, checksum: checksum) }
            #expect(files(dir).isEmpty)
        }
    }

    @Test func namesFromTheRegistryCannotLeaveTheDirectory() throws {
        try withStore { store, dir in
            let bytes = Array("x".utf8)
            let checksum = SHA256Hex.of(bytes)
            for (name, version) in [("../../etc", "1.0.0"), ("ok", "1.0.0/../../x"), ("a/b", "1.0.0")] {
                #expect(throws: PackageError.self) { try store.save(bytes, name: name, version: version, checksum: checksum) }
                #expect(store.load(name: name, version: version, checksum: checksum) == nil)
            }
            #expect(throws: PackageError.self) { try store.save(bytes, name: "ok", version: "1.0.0", checksum: "../x") }
            #expect(!FileManager.default.fileExists(atPath: dir))
        }
    }

    @Test func concurrentSavesOfOnePackageAllSucceed() async throws {
        let dir = "/tmp/gatekeeper-store-\(UInt64.random(in: 0...UInt64.max))"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = PackageStore(directory: dir)
        let bytes = try F.crate(["Cargo.toml": CrateFixture.manifest(name: F.name, version: F.version),
                                 "src/lib.rs": String(repeating: "fn f() {}\n", count: 50_000)])
        let checksum = SHA256Hex.of(bytes)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<16 {
                group.addTask { try store.save(bytes, name: F.name, version: F.version, checksum: checksum) }
            }
            try await group.waitForAll()
        }
        #expect(store.load(name: F.name, version: F.version, checksum: checksum) == bytes)
        #expect(files(dir) == ["alchemy-llm/alchemy-llm-0.1.2-\(checksum).crate"], "no temporary file left behind")
    }
}
