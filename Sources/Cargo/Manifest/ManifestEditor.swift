import TOML

/// Format-preserving version bumps of Cargo manifests: only the bytes of each requirement
/// string of the dependency change, so the diff a reviewer reads is exactly the bump.
public enum ManifestEditor {
    /// Moves every requirement of `dependency` in the manifest text to `version`, keeping its
    /// operator ("0.1.1"→"0.1.2", "=0.1.1"→"=0.1.2", "~0.1.1"→"~0.1.2", ">=0.1.1, <0.3"→">=0.1.2, <0.3"),
    /// replacing only the bytes of each requirement string (quote style kept); comments,
    /// whitespace, key order and every other byte stay. The result is re-parsed and compared
    /// with the original: exactly the intended values may differ, else an error. Declarations
    /// without a requirement (`workspace = true`, path or git only) are left alone; a manifest
    /// that does not declare the dependency at all is an error naming the file.
    public static func bump(_ text: String, file: String, dependency: String, to version: SemVer) throws -> ManifestEdit {
        try rewrite(text, file: file, dependency: dependency, accepting: version) { _, requirement in requirement.bumped(to: version) }
    }

    /// Sets every requirement of `dependency` to what `newRequirement` says for it (a rollout
    /// pins `=X` while cargo locks X, then writes the bumped requirement), with the same
    /// format-preserving edit and verification as `bump`. Each new requirement must accept
    /// `version`.
    package static func rewrite(_ text: String, file: String, dependency: String, accepting version: SemVer,
                        to newRequirement: (DependencyDeclaration, VersionRequirement) -> String) throws -> ManifestEdit {
        let document = try TOMLReader.parse(text, file: file)
        let declarations: [DependencyDeclaration]
        do {
            declarations = try ManifestDependencies.find(dependency, in: document, file: file)
        } catch let e as ManifestDependencies.ReadError {
            throw ManifestEditError(file: e.file, line: e.line, message: e.message)
        }
        guard !declarations.isEmpty else {
            throw ManifestEditError(file: file, line: nil, message: "does not depend on \(dependency)")
        }

        var bytes = Array(text.utf8)
        var changes: [ManifestEdit.Change] = []
        // Old span start → the value the string must hold afterwards (for the verification).
        var expected: [Int: String] = [:]
        var edits: [(span: TOMLSpan, literal: [UInt8])] = []
        for declaration in declarations {
            guard let requirement = declaration.requirement, let span = declaration.requirementSpan else { continue }
            let newText = newRequirement(declaration, requirement)
            guard newText != requirement.text else { continue }
            try checkAccepts(newText, version: version, was: requirement.text, file: file, line: span.line)
            let literal = try RequirementLiteral.replacing(bytes[span.start..<span.end], value: requirement.text, with: newText,
                                                           file: file, line: span.line)
            edits.append((span, literal))
            expected[span.start] = newText
            changes.append((declaration.table, declaration.key, span.line, requirement.text, newText))
        }
        // Back to front, so earlier offsets stay valid.
        for edit in edits.sorted(by: { $0.span.start > $1.span.start }) {
            bytes.replaceSubrange(edit.span.start..<edit.span.end, with: edit.literal)
        }
        let after = String(decoding: bytes, as: UTF8.self)
        try ManifestVerifier.verify(before: document, after: after, expected: expected, file: file)
        return ManifestEdit(file: file, before: text, after: after, changes: changes.sorted { $0.line < $1.line })
    }

    /// Keeping the operator can exclude the very version (`">0.1.1"` → `">0.1.2"`, or an upper
    /// bound it now meets); such a requirement needs a person, not a rewrite.
    private static func checkAccepts(_ newText: String, version: SemVer, was old: String, file: String, line: Int) throws {
        guard let matcher = try? RequirementMatcher(newText) else {
            throw ManifestEditError(file: file, line: line, message: "requirement \"\(old)\" would become \"\(newText)\", which is not a valid requirement")
        }
        guard matcher.accepts(version) else {
            throw ManifestEditError(file: file, line: line,
                message: "requirement \"\(old)\" would become \"\(newText)\", which does not accept \(version); edit it by hand")
        }
    }
}
