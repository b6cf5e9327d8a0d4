import Checks
import Runbook
import Testing
@testable import Cargo

@Suite struct ManifestEditorErrorTests {
    let v012 = try! SemVer("0.1.2")

    func error(_ text: String, file: String = "bindings/Cargo.toml", to version: String = "0.1.2") -> ManifestEditError? {
        do {
            _ = try ManifestEditor.bump(text, file: file, dependency: "alchemy-llm", to: SemVer(version))
            return nil
        } catch let e as ManifestEditError {
            return e
        } catch {
            Issue.record("unexpected error type: \(error)")
            return nil
        }
    }

    @Test func noDeclarationNamesTheFile() {
        let e = error("[dependencies]\nother-crate = \"0.1.1\"\n")
        #expect(e?.description == "bindings/Cargo.toml: does not depend on alchemy-llm")
    }

    @Test func malformedTOMLNamesFileAndLine() {
        let e = error("[package]\nname = \"x\"\n\n[dependencies]\nalchemy-llm = \"0.1.1\n")
        #expect(e?.file == "bindings/Cargo.toml")
        #expect(e?.line == 5)
        #expect(e?.description.hasPrefix("bindings/Cargo.toml:5: unterminated string") == true)
    }

    @Test func badRequirementNamesFileAndLine() {
        let e = error("[dependencies]\n\nalchemy-llm = { version = 12 }\n")
        #expect(e?.description == "bindings/Cargo.toml:3: dependencies.alchemy-llm.version must be a string, got an integer")
    }

    @Test func aKeptOperatorThatWouldExcludeTheVersionIsRefused() {
        let strict = error("[dependencies]\nalchemy-llm = \">0.1.1\"\n")
        #expect(strict?.description == "bindings/Cargo.toml:2: requirement \">0.1.1\" would become \">0.1.2\", which does not accept 0.1.2; edit it by hand")
        let capped = error("[dependencies]\nalchemy-llm = \">=0.1.1, <0.1.2\"\n")
        #expect(capped?.line == 2)
        #expect(capped?.message.contains("\">=0.1.2, <0.1.2\"") == true)
        let minor = error("[dependencies]\nalchemy-llm = \"~0.1.1\"\n", to: "0.2.0")
        #expect(minor == nil, "~0.1.1 becomes ~0.2.0, which accepts 0.2.0")
    }
}
