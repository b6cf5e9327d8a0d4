import Checks
import Foundation
import Runbook
import Testing
import TestSupport
@testable import Git

@Suite struct RunbookGitPushTests {
    typealias S = GitRunbookSupport

    /// A work repository with a bare `origin` (a plain path remote) that already has `main`.
    func cloneLike(_ folder: borrowing GitRunbookFolder, url: ((String) -> String)? = nil) throws -> (repo: GitRepository, origin: GitRepository, base: GitObjectID) {
        let origin = try GitRepository.initialize(at: folder.sub("origin.git"), bare: true)
        let (repo, base) = try S.repository(at: folder.sub("work"), files: ["Cargo.toml": "v = 1\n"])
        _ = try GitRemote.create("origin", url: url?(folder.sub("origin.git")) ?? folder.sub("origin.git"), in: repo)
        try repo.push(branch: "main", remote: "origin", token: nil)
        return (repo, origin, base)
    }

    func commit(_ repo: GitRepository, _ file: String, _ text: String) throws -> GitObjectID {
        try S.write(text, to: try repo.workdirPath + "/" + file)
        try repo.stage([file])
        return try repo.commitIndex(message: "change \(file)\n", author: S.author)
    }

    @Test func newBranchThenFastForwardThenARejectedPush() throws {
        let folder = try GitRunbookFolder()
        let (repo, origin, base) = try cloneLike(folder)
        #expect(try origin.resolve("refs/heads/main") == base)

        try repo.createBranch("deps/x-0.1.2")
        try repo.checkoutBranch("deps/x-0.1.2")
        let first = try commit(repo, "Cargo.toml", "v = 2\n")
        try repo.push(branch: "deps/x-0.1.2", remote: "origin", token: nil)
        #expect(try origin.resolve("refs/heads/deps/x-0.1.2") == first)
        #expect(try S.git(folder.sub("origin.git"), "log", "--format=%s", "deps/x-0.1.2") == "change Cargo.toml\ninitial")

        let second = try commit(repo, "PLAN.md", "ticked\n")
        try repo.push(branch: "deps/x-0.1.2", remote: "origin", token: nil)
        #expect(try origin.resolve("refs/heads/deps/x-0.1.2") == second, "a fast-forward")
        #expect(try origin.resolve("refs/heads/main") == base, "other branches of origin are untouched")

        // Someone else moved the branch on origin: our next push is not a fast-forward.
        let theirs = try origin.commitFiles(
            ["other.txt": "theirs\n"], message: "theirs\n", author: S.author, parent: second, updating: "refs/heads/deps/x-0.1.2")
        _ = try commit(repo, "PLAN.md", "ours\n")
        let unknown = try #require(throws: GitError.self) { try repo.push(branch: "deps/x-0.1.2", remote: "origin", token: nil) }
        #expect(unknown.message.contains("cannot push"), "libgit2's message: \(unknown.message)")
        #expect(unknown.code == -11, "GIT_ENONFASTFORWARD")
        #expect(try origin.resolve("refs/heads/deps/x-0.1.2") == theirs, "origin keeps their commit")

        // A rewritten branch whose old tip we know: libgit2's own non-fast-forward check.
        try repo.createBranch("rewrite", at: base)
        try repo.checkoutBranch("rewrite")
        _ = try commit(repo, "Cargo.toml", "v = 3\n")
        try repo.push(branch: "rewrite", remote: "origin", token: nil)
        try repo.checkoutBranch("main")
        try repo.deleteBranch("rewrite")
        try repo.createBranch("rewrite", at: base)
        try repo.checkoutBranch("rewrite")
        _ = try commit(repo, "Cargo.toml", "v = 4\n")
        let rewritten = try #require(throws: GitError.self) { try repo.push(branch: "rewrite", remote: "origin", token: nil) }
        #expect(rewritten.message.contains("non-fastforwardable"), "libgit2's message: \(rewritten.message)")
    }

    @Test func aTokenForALocalRemoteIsHarmlessAndNeverStored() throws {
        let folder = try GitRunbookFolder()
        let token = "ghp_SuperSecretToken1234567890"
        let (repo, origin, _) = try cloneLike(folder) { "file://" + $0 }
        #expect(try repo.remoteURL("origin") == "file://" + folder.sub("origin.git"))
        #expect(try repo.remoteURL("upstream") == nil)

        try repo.createBranch("topic")
        try repo.checkoutBranch("topic")
        let head = try commit(repo, "a.txt", "a\n")
        try repo.push(branch: "topic", remote: "origin", token: token)
        #expect(try origin.resolve("refs/heads/topic") == head)

        for file in [folder.sub("work/.git/config"), folder.sub("origin.git/config")] {
            let text = try #require(S.read(file))
            #expect(!text.contains(token), "\(file) holds no token")
        }
        let grep = try S.run("grep", ["-rl", token, folder.sub("work/.git"), folder.sub("origin.git")])
        #expect(grep.output.isEmpty, "no file of either repository holds the token: \(grep.output)")
    }

    @Test func missingBranchRemoteOrUnreachableURLAreErrorsWithoutTheToken() throws {
        let folder = try GitRunbookFolder()
        let token = "ghp_AnotherSecret0987654321"
        let (repo, _, _) = try cloneLike(folder)
        let noBranch = try #require(throws: GitError.self) { try repo.push(branch: "absent", remote: "origin", token: token) }
        #expect(noBranch.message.contains("absent"))
        let noRemote = try #require(throws: GitError.self) { try repo.push(branch: "main", remote: "upstream", token: token) }
        #expect(noRemote.message.contains("upstream"))

        _ = try GitRemote.create("gone", url: folder.sub("no-such-repo.git"), in: repo)
        let gone = try #require(throws: GitError.self) { try repo.push(branch: "main", remote: "gone", token: token) }
        #expect(gone.message.contains("gone") && gone.message.contains("no repository at"), "got: \(gone.message)")
        for error in [noBranch, noRemote, gone] { #expect(!error.message.contains(token)) }
    }

    @Test func theTokenIsNeverSentOverPlainHTTP() throws {
        let folder = try GitRunbookFolder()
        let token = "ghp_PlainHttpMustNotSeeThis42"
        let (repo, _) = try S.repository(at: folder.sub("work"), files: ["a": "1\n"])
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        server.routePrefix("/team/repo.git") { _ in
            (401, ["WWW-Authenticate": "Basic realm=\"git\"", "Content-Type": "text/plain"], Array("auth required\n".utf8))
        }
        _ = try GitRemote.create("origin", url: server.baseURL + "/team/repo.git", in: repo)

        let error = try #require(throws: GitError.self) { try repo.push(branch: "main", remote: "origin", token: token) }
        #expect(!error.message.contains(token))
        #expect(error.message.contains("origin"), "got: \(error.message)")
        #expect(error.message.contains("only sent to https"), "says why nothing was sent: \(error.message)")
        #expect(!server.requests.isEmpty, "libgit2 reached the server")
        #expect(server.requests.allSatisfy { $0.headers["authorization"] == nil }, "no credentials went out in clear")
    }
}
