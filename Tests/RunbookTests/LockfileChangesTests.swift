import Cargo
@testable import Runbook
import Testing

/// What cargo moved in a lockfile besides the dependency: shown to the reviewer as cargo's.
@Suite struct LockfileChangesTests {
    static func lock(_ packages: [(String, String)]) -> String {
        "version = 3\n\n" + packages.map { "[[package]]\nname = \"\($0.0)\"\nversion = \"\($0.1)\"\n" }.joined(separator: "\n")
    }

    @Test func aWorkspaceMembersOwnVersionCatchingUpIsListedAndTheDependencyIsNot() throws {
        let before = try CargoLock(text: Self.lock([("alchemy-llm", "0.1.1"), ("alchemy_llm_py", "0.1.0"), ("serde", "1.0.1"), ("log", "0.4.21")]), file: "Cargo.lock").nameVersions
        let after = try CargoLock(text: Self.lock([("alchemy-llm", "0.1.2"), ("alchemy_llm_py", "0.1.3"), ("serde", "1.0.1"), ("itoa", "1.0.0")]), file: "Cargo.lock").nameVersions
        #expect(Lockfiles.changes(from: before, to: after, except: "alchemy-llm") == ["alchemy_llm_py 0.1.0 → 0.1.3", "+ itoa 1.0.0", "- log 0.4.21"])
        #expect(Lockfiles.changes(from: before, to: before, except: "alchemy-llm") == [])
    }

    @Test func twoVersionsOfOneNameAreListedOneByOne() throws {
        let before = try CargoLock(text: Self.lock([("rand", "0.7.3"), ("rand", "0.8.5")]), file: "Cargo.lock").nameVersions
        let after = try CargoLock(text: Self.lock([("rand", "0.8.6")]), file: "Cargo.lock").nameVersions
        #expect(Lockfiles.changes(from: before, to: after, except: "alchemy-llm") == ["- rand 0.7.3", "- rand 0.8.5", "+ rand 0.8.6"])
    }
}
