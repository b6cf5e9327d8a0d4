import Support

/// Reads `.cargo_vcs_info.json`, which cargo writes as
/// `{"git": {"sha1": "…", "dirty": true}, "path_in_vcs": "…"}` (`dirty` only when true,
/// `path_in_vcs` since cargo 1.58). Anything else is refused: provenance rests on this commit.
enum VCSInfoReader {
    struct Invalid: Error {
        let message: String
    }

    static func parse(_ bytes: [UInt8]) throws -> VCSInfo {
        let value: JSONValue
        do {
            value = try JSONReader.parse(bytes)
        } catch {
            throw Invalid(message: "not valid JSON: \(error)")
        }
        guard case .object(let top) = value else { throw Invalid(message: "expected a JSON object, got \(value.typeDescription)") }
        try refuseDuplicates(top, at: "")
        guard let gitValue = top["git"] else { throw Invalid(message: "no \"git\" object (cargo records only git)") }
        guard case .object(let git) = gitValue else { throw Invalid(message: "\"git\" must be an object, got \(gitValue.typeDescription)") }
        try refuseDuplicates(git, at: "git.")
        guard case .string(let sha1)? = git["sha1"] else {
            throw Invalid(message: "\"git.sha1\" must be a string, got \(git["sha1"]?.typeDescription ?? "nothing")")
        }
        // A full object id and nothing else: an abbreviation or a name could be resolved as a
        // branch or tag of the upstream, which anyone with push access can point anywhere.
        guard sha1.utf8.count == 40, sha1.allSatisfy(\.isHexDigit), sha1.allSatisfy(\.isASCII) else {
            throw Invalid(message: "\"git.sha1\" is not a full git commit id (40 hex digits): \"\(EntryPath.display(Array(sha1.utf8.prefix(80))))\"")
        }
        let dirty: Bool
        switch git["dirty"] {
        case nil: dirty = false
        case .bool(let d)?: dirty = d
        case let other?: throw Invalid(message: "\"git.dirty\" must be a boolean, got \(other.typeDescription)")
        }
        let path: String?
        switch top["path_in_vcs"] {
        case nil, .null?: path = nil
        case .string(let p)?: path = p
        case let other?: throw Invalid(message: "\"path_in_vcs\" must be a string, got \(other.typeDescription)")
        }
        return VCSInfo(commit: sha1.lowercased(), pathInVCS: path, dirty: dirty)
    }

    /// Readers disagree on which of two equal keys wins; a provenance record must not be ambiguous.
    private static func refuseDuplicates(_ object: JSONObject, at prefix: String) throws {
        if let key = object.duplicateKeys.first {
            throw Invalid(message: "the key \"\(prefix)\(EntryPath.display(Array(key.utf8)))\" appears twice")
        }
    }
}
