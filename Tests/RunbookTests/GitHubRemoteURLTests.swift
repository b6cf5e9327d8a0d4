import Runbook
import Testing

@Suite struct GitHubRemoteURLTests {
    @Test func everyRemoteURLFormIsRead() {
        let ref = GitHubRepositoryRef(owner: "alchemiststudiosDOTai", name: "alchemy-rs")
        let forms = [
            "https://github.com/alchemiststudiosDOTai/alchemy-rs",
            "https://github.com/alchemiststudiosDOTai/alchemy-rs.git",
            "https://github.com/alchemiststudiosDOTai/alchemy-rs/",
            "http://github.com/alchemiststudiosDOTai/alchemy-rs.git",
            "HTTPS://GitHub.com/alchemiststudiosDOTai/alchemy-rs.git",
            "https://x-access-token:ghs_abc@github.com/alchemiststudiosDOTai/alchemy-rs.git",
            "git@github.com:alchemiststudiosDOTai/alchemy-rs.git",
            "git@github.com:alchemiststudiosDOTai/alchemy-rs",
            "github.com:alchemiststudiosDOTai/alchemy-rs.git",
            "ssh://git@github.com/alchemiststudiosDOTai/alchemy-rs.git",
            "ssh://git@ssh.github.com:443/alchemiststudiosDOTai/alchemy-rs.git",
            "git://github.com/alchemiststudiosDOTai/alchemy-rs.git",
            "  https://github.com/alchemiststudiosDOTai/alchemy-rs.git  ",
        ]
        for form in forms {
            #expect(GitHubRepositoryRef.parse(remoteURL: form) == ref, "\(form)")
        }
    }

    @Test func enterpriseHostsAreReadLikewise() {
        let ref = GitHubRepositoryRef(owner: "platform", name: "gate.keeper_2")
        for form in ["https://github.example.com/platform/gate.keeper_2.git",
                     "git@github.example.com:platform/gate.keeper_2.git",
                     "ssh://git@github.example.com:2222/platform/gate.keeper_2.git"] {
            #expect(GitHubRepositoryRef.parse(remoteURL: form) == ref, "\(form)")
            #expect(GitHubRepositoryRef.apiBase(forRemoteURL: form) == "https://github.example.com/api/v3")
        }
        #expect(GitHubRepositoryRef.apiBase(forRemoteURL: "git@github.com:o/r.git") == "https://api.github.com")
    }

    @Test func urlsThatAreNotGitHubShapedAreRefused() {
        let refused = [
            "", "   ", "origin", "/srv/git/repo.git", "../repo", "file:///srv/git/o/r.git",
            "https://github.com/o", "https://github.com/o/", "https://github.com/o/r/tree/main",
            "https://gitlab.com/group/sub/repo.git", "https://github.com", "https://github.com/",
            "ftp://github.com/o/r.git", "git@github.com:o", "git@github.com:/o/r.git", "C:/o/r",
            "https://github.com/o/r?tab=readme", "https://github.com/o/r#readme", "https://github.com/o/r%20x",
            "https://github.com/o/..", "https://github.com/o/.git", "https://github.com//r",
            "https://github.com/o o/r", "https://github.com:port/o/r", "https://github.com/ö/r",
            "https://github.com/o/r\n", "ssh://git@github.com", "https://-bad.host/o/r",
        ]
        for text in refused {
            #expect(GitHubRepositoryRef.parse(remoteURL: text) == nil, "\(text.debugDescription)")
            #expect(GitHubRepositoryRef.apiBase(forRemoteURL: text) == nil)
        }
    }
}
