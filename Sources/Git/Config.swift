import CGit2
import Foundation

extension GitRepository {
    /// The signature to commit with, at `time` (UTC): GATEKEEPER_AUTHOR ("Name <email>") from
    /// `environment`, else user.name and user.email from git config — the repository's own,
    /// then the global files that `environment` points at, as git finds them (GIT_CONFIG_GLOBAL,
    /// else $HOME/.gitconfig and $XDG_CONFIG_HOME/git/config), then the system file unless
    /// GIT_CONFIG_NOSYSTEM is set — else an error that says how to set one.
    public func signature(environment: [String: String], time: Int64) throws -> GitSignature {
        if let author = environment["GATEKEEPER_AUTHOR"], !author.trimmingCharacters(in: .whitespaces).isEmpty {
            let signature = try Self.parseAuthor(author, time: time)
            try signature.withGitSignature { _ in }  // libgit2's own checks, before it is needed
            return signature
        }
        let config = try identityConfig(environment: environment)
        defer { git_config_free(config) }
        let name = try Self.string(config, "user.name"), email = try Self.string(config, "user.email")
        guard let name, let email else {
            let missing = [name == nil ? "user.name" : nil, email == nil ? "user.email" : nil].compactMap { $0 }
            throw GitError(
                code: GIT_ENOTFOUND.rawValue,
                message: "no commit author: \(missing.joined(separator: " and ")) not set; set GATEKEEPER_AUTHOR=\"Name <email>\", or run `git config user.name \"Name\"` and `git config user.email \"email\"` in \(workdir ?? path) (add --global for every repository)")
        }
        let signature = GitSignature(name: name, email: email, time: time)
        try signature.withGitSignature { _ in }
        return signature
    }

    /// "Name <email>" split at the last "<"; both parts required.
    static func parseAuthor(_ text: String, time: Int64) throws -> GitSignature {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let usage = "GATEKEEPER_AUTHOR must look like \"Name <email>\", got \"\(text)\""
        guard trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") else {
            throw GitError(code: GIT_EINVALID.rawValue, message: usage)
        }
        let name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
        let email = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
            .trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, !email.isEmpty else { throw GitError(code: GIT_EINVALID.rawValue, message: usage) }
        return GitSignature(name: name, email: email, time: time)
    }

    /// The configuration git would read for this repository, with the global and system files
    /// located through `environment` rather than this process's, so callers (and tests) decide.
    private func identityConfig(environment: [String: String]) throws -> OpaquePointer {
        var config: OpaquePointer?
        try GitError.check(git_config_new(&config), context: "cannot read git config")
        guard let config else { throw GitError(code: -1, message: "libgit2 returned no config") }
        var files: [(String, git_config_level_t)] = [(path + "/config", GIT_CONFIG_LEVEL_LOCAL)]
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
        if let global = environment["GIT_CONFIG_GLOBAL"] {
            files.append((global, GIT_CONFIG_LEVEL_GLOBAL))
        } else if let home {
            files.append((home + "/.gitconfig", GIT_CONFIG_LEVEL_GLOBAL))
            let xdg = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.config"
            files.append((xdg + "/git/config", GIT_CONFIG_LEVEL_XDG))
        } else {
            // No HOME given: libgit2's own idea of the global files.
            files += [(Self.found(git_config_find_global), GIT_CONFIG_LEVEL_GLOBAL), (Self.found(git_config_find_xdg), GIT_CONFIG_LEVEL_XDG)]
                .compactMap { file, level in file.map { ($0, level) } }
        }
        if environment["GIT_CONFIG_NOSYSTEM"].map({ $0.isEmpty || $0 == "0" || $0.lowercased() == "false" }) ?? true,
            let system = Self.found(git_config_find_system)
        {
            files.append((system, GIT_CONFIG_LEVEL_SYSTEM))
        }
        for (file, level) in files where FileManager.default.isReadableFile(atPath: file) {
            let code = git_config_add_file_ondisk(config, file, level, pointer, 0)
            if code < 0 {
                git_config_free(config)
                try GitError.check(code, context: "cannot read git config \(file)")
            }
        }
        return config
    }

    /// A value of the repository's own config file (`remote.origin.url`), as written: nil when unset.
    func localConfigString(_ name: String) throws -> String? {
        var config: OpaquePointer?
        try GitError.check(git_config_open_ondisk(&config, path + "/config"), context: "cannot read \(path)/config")
        guard let config else { throw GitError(code: -1, message: "libgit2 returned no config") }
        defer { git_config_free(config) }
        return try Self.string(config, name)
    }

    /// A config value as text, nil when unset or empty.
    private static func string(_ config: OpaquePointer, _ name: String) throws -> String? {
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        let code = git_config_get_string_buf(&buffer, config, name)
        if code == GIT_ENOTFOUND.rawValue { return nil }
        try GitError.check(code, context: "cannot read \(name) from git config")
        guard let text = buffer.ptr.map({ String(cString: $0) }), !text.isEmpty else { return nil }
        return text
    }

    /// The path a libgit2 `git_config_find_*` function reports, nil when there is none.
    private static func found(_ find: (UnsafeMutablePointer<git_buf>?) -> Int32) -> String? {
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        guard find(&buffer) == 0, let text = buffer.ptr else { return nil }
        return String(cString: text)
    }
}
