import Archive
/// Walks a verified package's entries once, applying the limits and path rules to every entry,
/// hashing every file as git would (its blob id) and keeping only the few files gatekeeper reads.
struct CrateReader {
    struct Contents {
        var manifest: String
        var originalManifest: [UInt8]?
        var changelog: (path: String, text: String)?
        var vcsInfo: VCSInfo?
        var entryCount: Int
        var files: [PackageFile]
        /// The bytes of the files asked for with `keep` (those within `maxReadFileBytes`).
        var kept: [String: [UInt8]]
    }

    let package: String
    /// `<name>-<version>`, the one folder cargo puts everything in.
    let root: String
    let limits: PackageLimits
    /// Files whose bytes the caller wants besides the manifest, vcs info and changelog.
    var keep: Set<String> = []

    private static let gzipMagic: [UInt8] = [0x1F, 0x8B]

    private struct State {
        var count = 0
        var declaredBytes: Int64 = 0
        var seen = Set<String>()
        var lastPath: [UInt8]?
        var manifest: [UInt8]?
        var originalManifest: [UInt8]?
        var changelog: (rank: Int, path: String, bytes: [UInt8])?
        var vcsInfo: [UInt8]?
        var files: [PackageFile] = []
        var kept: [String: [UInt8]] = [:]
    }

    func read(_ bytes: [UInt8]) throws -> Contents {
        let looksGzip = bytes.starts(with: Self.gzipMagic)
        do {
            return try ArchiveReader.withArchive(bytes) { archive in
                try read(archive, looksGzip: looksGzip)
            }
        } catch let failure as ArchiveFailure {
            // Inside `read(_:looksGzip:)` every failure is named; one that escapes is from opening.
            throw unreadable(failure, looksGzip: looksGzip)
        }
    }

    private func read(_ archive: ArchiveReader, looksGzip: Bool) throws -> Contents {
        var state = State()
        while let entry = try next(archive, state: state, looksGzip: looksGzip) {
            state.count += 1
            state.lastPath = entry.path
            guard state.count <= limits.maxEntries else { throw fail("more than \(limits.maxEntries) entries") }
            if let path = try admit(entry, state: &state) {
                try collect(entry, at: path, from: archive, state: &state)
            }
            guard archive.uncompressedBytes <= Int64(limits.maxUncompressedBytes) else { throw uncompressedTooLarge(at: entry.path) }
        }
        return try finish(state)
    }

    /// The next header; the first one also proves the input is one gzip layer over tar.
    private func next(_ archive: ArchiveReader, state: State, looksGzip: Bool) throws -> ArchiveEntry? {
        let entry: ArchiveEntry?
        do {
            entry = try archive.next()
        } catch let failure as ArchiveFailure {
            guard state.count == 0 else {
                throw fail("damaged archive after entry \(EntryPath.display(state.lastPath)) (\(failure.message))")
            }
            throw unreadable(failure, looksGzip: looksGzip)
        }
        if state.count == 0, !archive.isSingleGzip {
            throw fail("not a gzip-compressed tar archive (\(archive.isUncompressed ? "a plain tar without gzip" : "more than one compression layer"))")
        }
        return entry
    }

    /// The path and type rules. Returns the entry's path under the root when it is a regular
    /// file, nil for a directory; throws for anything else.
    private func admit(_ entry: ArchiveEntry, state: inout State) throws -> String? {
        let placement: EntryPath.Placement
        do {
            placement = try EntryPath.place(entry.path ?? [], root: root)
        } catch let refusal as EntryPath.Refusal {
            throw refuse(entry, refusal.reason)
        }
        switch entry.kind {
        case .regular where entry.isSparse: throw refuse(entry, "is a sparse file; packages hold regular files only")
        case .regular, .directory: break
        case .symlink: throw refuse(entry, "is a symbolic link; packages hold regular files only")
        case .hardlink: throw refuse(entry, "is a hard link to \(EntryPath.display(entry.linkTarget)); packages hold regular files only")
        case .other(let kind): throw refuse(entry, "is a \(kind); packages hold regular files only")
        }
        let path: String
        switch placement {
        case .root:
            guard entry.kind == .directory else { throw refuse(entry, "is a file where the package folder belongs") }
            path = ""
        case .inside(let inside): path = inside
        }
        // Two entries with one path would leave "the" Cargo.toml up to whoever reads last.
        guard state.seen.insert(path).inserted else { throw refuse(entry, "appears twice") }
        return entry.kind == .regular ? path : nil
    }

    /// Counts a regular file against the limits, then reads it if gatekeeper wants it, else skips it.
    private func collect(_ entry: ArchiveEntry, at path: String, from archive: ArchiveReader, state: inout State) throws {
        guard let size = entry.size, size >= 0 else { throw refuse(entry, "has no valid size") }
        // Refused from the header alone, before a byte of a bomb is decompressed. A header can
        // declare up to 2^63 bytes, so the sum must not overflow.
        let (total, overflow) = state.declaredBytes.addingReportingOverflow(size)
        guard !overflow, total <= Int64(limits.maxUncompressedBytes) else { throw uncompressedTooLarge(at: entry.path) }
        state.declaredBytes = total

        let wanted = wants(path, state: state)
        let limit = limits.maxReadFileBytes
        if wanted, size > Int64(limit) {
            throw refuse(entry, "is \(size) bytes, over the \(PackageLimits.describe(limit)) limit for files gatekeeper reads")
        }
        let keeping = wanted || (keep.contains(path) && size <= Int64(limit))
        var hasher = BlobHasher(size: size)
        var data: [UInt8] = []
        if keeping { data.reserveCapacity(Int(size)) }
        do {
            try archive.streamData { block in
                hasher.update(block)
                if keeping { data.append(contentsOf: block) }
            }
        } catch let failure as ArchiveFailure {
            throw refuse(entry, "cannot be read (\(failure.message))")
        }
        // tar stores exactly the declared size; anything else is a damaged or forged header.
        guard let blob = hasher.finish() else { throw refuse(entry, "does not hold the \(size) bytes its header declares") }
        state.files.append(PackageFile(path: path, size: size, blob: blob))
        if keep.contains(path), keeping { state.kept[path] = data }
        guard wanted else { return }
        switch path {
        case "Cargo.toml": state.manifest = data
        case "Cargo.toml.orig": state.originalManifest = data
        case ".cargo_vcs_info.json": state.vcsInfo = data
        default: state.changelog = (ChangelogNames.rank(path) ?? 0, path, data)
        }
    }

    /// Only the manifests, the vcs info and a changelog better than the one already kept are read.
    private func wants(_ path: String, state: State) -> Bool {
        if path == "Cargo.toml" || path == "Cargo.toml.orig" || path == ".cargo_vcs_info.json" { return true }
        guard !path.contains("/"), let rank = ChangelogNames.rank(path) else { return false }
        return state.changelog.map { rank < $0.rank } ?? true
    }

    private func finish(_ state: State) throws -> Contents {
        guard let manifestBytes = state.manifest else { throw fail("no Cargo.toml at \(root)/Cargo.toml") }
        guard let manifest = String(validating: manifestBytes, as: UTF8.self) else {
            throw fail("entry \(root)/Cargo.toml is not UTF-8 text")
        }
        var vcsInfo: VCSInfo?
        if let bytes = state.vcsInfo {
            do {
                vcsInfo = try VCSInfoReader.parse(bytes)
            } catch let invalid as VCSInfoReader.Invalid {
                throw fail(".cargo_vcs_info.json: \(invalid.message)")
            }
        }
        // A changelog is prose to search, not a contract: a stray Latin-1 byte should not
        // hide the rest of it, so invalid sequences become U+FFFD.
        let changelog = state.changelog.map { (path: $0.path, text: String(decoding: $0.bytes, as: UTF8.self)) }
        return Contents(manifest: manifest, originalManifest: state.originalManifest, changelog: changelog, vcsInfo: vcsInfo, entryCount: state.count,
                        files: state.files, kept: state.kept)
    }

    // MARK: messages

    private func fail(_ message: String) -> PackageError {
        PackageError(package: package, message: message)
    }

    private func refuse(_ entry: ArchiveEntry, _ reason: String) -> PackageError {
        fail("entry \(EntryPath.display(entry.path)) \(reason)")
    }

    /// An archive that fails before its first entry: either not gzip at all, or damaged early.
    private func unreadable(_ failure: ArchiveFailure, looksGzip: Bool) -> PackageError {
        looksGzip
            ? fail("damaged archive at its first entry (\(failure.message))")
            : fail("not a gzip-compressed tar archive (\(failure.message))")
    }

    private func uncompressedTooLarge(at path: [UInt8]?) -> PackageError {
        fail("uncompressed size passes the \(PackageLimits.describe(limits.maxUncompressedBytes)) limit at entry \(EntryPath.display(path))")
    }
}
