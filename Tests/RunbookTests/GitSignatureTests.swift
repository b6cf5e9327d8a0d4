import Checks
import Foundation
import Runbook
import Testing
@testable import Git

@Suite struct RunbookGitSignatureTests {
    typealias S = GitRunbookSupport
    let time: Int64 = 1_770_886_800

    /// An environment whose global config is an empty folder and whose system config is off,
    /// so this machine's ~/.gitconfig never decides a test.
    func isolated(_ home: String, _ extra: [String: String] = [:]) -> [String: String] {
        ["HOME": home, "GIT_CONFIG_NOSYSTEM": "1"].merging(extra) { $1 }
    }

    @Test func gatekeeperAuthorWins() throws {
        let folder = try GitRunbookFolder()
        let (repo, _) = try S.repository(at: folder.sub("repo"), files: ["f": "1\n"])
        let config = try #require(S.read(folder.sub("repo/.git/config")))
        try S.write(config + "[user]\n\tname = Config Person\n\temail = config@example.com\n", to: folder.sub("repo/.git/config"))
        let env = isolated(folder.sub("home"), ["GATEKEEPER_AUTHOR": "  Release Bot <release-bot@example.com> "])
        #expect(try repo.signature(environment: env, time: time) == GitSignature(name: "Release Bot", email: "release-bot@example.com", time: time))

        for bad in ["Release Bot", "<bot@example.com>", "Bot <>", "Bot <a@b> trailing", "Bot <a<b>"] {
            let error = try #require(throws: GitError.self, "\(bad)") {
                try repo.signature(environment: isolated(folder.sub("home"), ["GATEKEEPER_AUTHOR": bad]), time: time)
            }
            #expect(error.message.contains("GATEKEEPER_AUTHOR") || error.message.contains("signature"), "\(bad): \(error.message)")
        }
    }

    @Test func repositoryConfigThenGlobalConfig() throws {
        let folder = try GitRunbookFolder()
        let root = folder.sub("repo")
        let (repo, _) = try S.repository(at: root, files: ["f": "1\n"])
        let home = folder.sub("home")
        try S.write("[user]\n\tname = Global Person\n\temail = global@example.com\n", to: home + "/.gitconfig")
        #expect(try repo.signature(environment: isolated(home), time: time) == GitSignature(name: "Global Person", email: "global@example.com", time: time))

        let config = try #require(S.read(root + "/.git/config"))
        try S.write(config + "[user]\n\tname = Local Person\n", to: root + "/.git/config")
        #expect(try repo.signature(environment: isolated(home), time: time) == GitSignature(name: "Local Person", email: "global@example.com", time: time),
                "the repository's value wins, the global one fills the gap")
        #expect(try S.run("git", ["-C", root, "config", "user.name"], environment: isolated(home)).output == "Local Person\n", "git reads the same")

        let xdgHome = folder.sub("home2")
        try S.write("[user]\n\tname = Xdg Person\n\temail = xdg@example.com\n", to: xdgHome + "/.config/git/config")
        let other = try GitRepository.open(folder.sub("repo"))
        #expect(try other.signature(environment: isolated(xdgHome), time: time).email == "xdg@example.com")
        let explicitGlobal = folder.sub("elsewhere.gitconfig")
        try S.write("[user]\n\temail = explicit@example.com\n", to: explicitGlobal)
        #expect(try other.signature(environment: isolated(home, ["GIT_CONFIG_GLOBAL": explicitGlobal]), time: time).email == "explicit@example.com")
    }

    @Test func neitherSetSaysHowToSetOne() throws {
        let folder = try GitRunbookFolder()
        let (repo, _) = try S.repository(at: folder.sub("repo"), files: ["f": "1\n"])
        try FileManager.default.createDirectory(atPath: folder.sub("home"), withIntermediateDirectories: true)
        let error = try #require(throws: GitError.self) { try repo.signature(environment: isolated(folder.sub("home")), time: time) }
        #expect(error.message.contains("GATEKEEPER_AUTHOR"), "got: \(error.message)")
        #expect(error.message.contains("git config user.name"), "got: \(error.message)")
        #expect(error.message.contains("user.name and user.email"), "got: \(error.message)")
    }
}
