import Foundation
import Support
import TOML
import Cargo
import Checks

/// A value `init` looked for: found, with where it came from, or not, with why. Both reasons
/// are one printable line: they become comments of gatekeeper.toml.
public enum Finding<Value: Sendable & Equatable>: Sendable, Equatable {
    case found(Value, source: String)
    case notFound(why: String)

    public var value: Value? {
        if case .found(let v, _) = self { return v }
        return nil
    }

    /// The source, or the reason it was not found.
    public var note: String {
        switch self {
        case .found(_, let source): return source
        case .notFound(let why): return "not found: \(why)"
        }
    }
}

/// What `init` finds for the keys a team would otherwise write by hand: `upstream` from the
/// pinned release's package, `fix_commit` from the plan resolved in that upstream, `[rollout]
/// qa` from the plan's QA commands block.
public struct InitFindings: Sendable, Equatable {
    public var upstream: Finding<String>
    public var fixCommit: Finding<String>
    public var qa: Finding<[String]>

    public init(upstream: Finding<String>, fixCommit: Finding<String>, qa: Finding<[String]>) {
        self.upstream = upstream
        self.fixCommit = fixCommit
        self.qa = qa
    }

    /// Nothing looked up (`init --offline`): the plan's QA block is still read.
    public static func offline(plan: String?, planName: String) -> InitFindings {
        InitFindings(upstream: .notFound(why: "--offline: the registry was not asked"),
                     fixCommit: .notFound(why: "--offline: the upstream was not read"),
                     qa: qa(plan: plan, planName: planName))
    }

    public static func discover(dependency: String, pinned: () throws -> SemVer, index: String, plan: String?,
                                planName: String, release: PinnedRelease) -> InitFindings {
        let upstream = Self.upstream(dependency: dependency, pinned: pinned, index: index, release: release)
        return InitFindings(upstream: upstream,
                            fixCommit: fixCommit(plan: plan, planName: planName, upstream: upstream, release: release),
                            qa: qa(plan: plan, planName: planName))
    }

    static func upstream(dependency: String, pinned: () throws -> SemVer, index: String, release: PinnedRelease) -> Finding<String> {
        let version: SemVer
        do { version = try pinned() } catch {
            return .notFound(why: "no pinned version to read the package of (\(PrintableText.line("\(error)")))")
        }
        let name = "\(dependency) \(version)"
        let package: CratePackage
        do { package = try release.package(dependency: dependency, version: version, index: index) } catch {
            return .notFound(why: "could not read \(name) from the registry: \(PrintableText.line("\(error)"))")
        }
        let repository: String
        do {
            let manifest = try TOMLReader.parse(package.manifest, file: "\(dependency)-\(version).crate/Cargo.toml")
            guard let value = manifest["package"]?.value.tableValue?["repository"]?.value.stringValue else {
                return .notFound(why: "\(name)'s Cargo.toml names no repository")
            }
            repository = value
        } catch {
            return .notFound(why: PrintableText.line("\(error)"))
        }
        switch UpstreamURL.cloneable(repository) {
        case .success(let url): return .found(url, source: "the repository of \(name)'s Cargo.toml (the package \(PrintableText.line(index)) serves)")
        case .failure(let refusal): return .notFound(why: "\(name)'s Cargo.toml names the repository \(PrintableText.quoted(repository)): \(refusal.description)")
        }
    }

    static func fixCommit(plan: String?, planName: String, upstream: Finding<String>, release: PinnedRelease) -> Finding<String> {
        guard let plan else { return .notFound(why: "there is no \(planName) to name it") }
        let mentions = PlanReferences.read(plan).commits
        guard !mentions.isEmpty else { return .notFound(why: "\(planName) names no commit id (7 to 40 hex digits in backticks)") }
        let named = mentions.prefix(3).map { "\(planName):\($0.line) names `\($0.abbreviation)`" }.joined(separator: ", ")
        guard let url = upstream.value else {
            return .notFound(why: "\(named), but with no upstream it cannot be resolved to a full id")
        }
        var resolved: [(mention: PlanReferences.Commit, id: String)] = []
        var failures: [String] = []
        for mention in mentions {
            do {
                let id = try release.commit(mention.abbreviation, in: url).hex
                if !resolved.contains(where: { $0.id == id }) { resolved.append((mention, id)) }
            } catch {
                failures.append("\(planName):\(mention.line) `\(mention.abbreviation)`: \(PrintableText.line("\(error)"))")
            }
        }
        switch resolved.count {
        case 1:
            let (mention, id) = resolved[0]
            return .found(id, source: "\(planName):\(mention.line) names `\(mention.abbreviation)`, resolved in the upstream")
        case 0:
            return .notFound(why: failures.prefix(3).joined(separator: "; "))
        default:
            let list = resolved.map { "`\($0.mention.abbreviation)` (line \($0.mention.line))" }.joined(separator: ", ")
            return .notFound(why: "\(planName) names several commits of the upstream: \(list); write the fix's")
        }
    }

    static func qa(plan: String?, planName: String) -> Finding<[String]> {
        guard let plan else { return .notFound(why: "there is no \(planName)") }
        guard let block = PlanReferences.read(plan).qa else {
            return .notFound(why: "\(planName) has no QA commands block (a fenced shell block under a heading that says QA)")
        }
        let lines = block.lines.lowerBound == block.lines.upperBound ? "\(block.lines.lowerBound)" : "\(block.lines.lowerBound)-\(block.lines.upperBound)"
        return .found(block.commands, source: "\(planName):\(lines), the commands block under \(PrintableText.quoted(block.heading))")
    }
}

/// A package's `repository` as an upstream gatekeeper can clone: an http(s), git or ssh URL
/// without credentials, whitespace or control characters; a GitHub, GitLab or Codeberg page
/// under the repository (`…/tree/main/crates/x`) is cut back to the repository.
public enum UpstreamURL {
    public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
    }

    static let forges: Set<String> = ["github.com", "gitlab.com", "codeberg.org"]

    public static func cloneable(_ text: String) -> Result<String, Refusal> {
        guard text.utf8.count <= 2048 else { return .failure(Refusal(description: "longer than 2048 bytes")) }
        guard !text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }) else {
            return .failure(Refusal(description: "it holds whitespace or control characters"))
        }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              ["https", "http", "git", "ssh"].contains(scheme), let host = components.host, !host.isEmpty else {
            return .failure(Refusal(description: "not an https, http, git or ssh URL"))
        }
        guard !URLCredentials.present(in: text) else { return .failure(Refusal(description: "the URL carries credentials")) }
        var url = text
        if forges.contains(host.lowercased()) {
            let parts = components.path.split(separator: "/")
            guard parts.count >= 2 else { return .failure(Refusal(description: "names no repository on \(host)")) }
            url = "\(scheme)://\(host)/\(parts[0])/\(parts[1])"
        }
        while url.hasSuffix("/") { url.removeLast() }
        return .success(url)
    }
}
