import Checks
import Testing
import Support

@Suite struct URLCredentialsTests {
    @Test(arguments: [
        ("https://x-access-token:ghp_abc@github.com/o/r.git", true),
        ("https://ghp_abc@github.com/o/r.git", true),           // a token works as the user name
        ("http://user:pass@127.0.0.1:8080/index/", true),
        ("git+https://tok@host/r", true),
        ("ftp://u:secret@host/x", true),                         // a password, whatever the scheme
        ("ssh://git@github.com/o/r.git", false),                 // ssh's user is a name
        ("https://index.crates.io/", false),
        ("https://github.com/o/r.git", false),
        ("https://host/path@v1", false),                         // an @ in the path is no user-info
        ("file:///srv/registry/index/", false),
        ("git@github.com:o/r.git", false),                       // scp-like, not a URL
    ])
    func credentialsAreToldFromNames(url: String, secret: Bool) {
        #expect(URLCredentials.present(in: url) == secret, "\(url)")
    }

    @Test func everyURLWithCredentialsInATextIsRedactedAndTheRestKept() {
        let text = "cannot push deps/x to origin (https://x-access-token:ghp_abc@github.com/o/r.git): 403; also see 'http://tok@127.0.0.1:1/r' and ssh://git@host/r, https://github.com/o/r@main"
        #expect(URLCredentials.redacted(text) == "cannot push deps/x to origin (https://[redacted]@github.com/o/r.git): 403; also see 'http://[redacted]@127.0.0.1:1/r' and ssh://git@host/r, https://github.com/o/r@main")
        #expect(URLCredentials.redacted("no url @ all") == "no url @ all")
        #expect(URLCredentials.redacted("https://a:b@h") == "https://[redacted]@h", "at the very end")
        #expect(URLCredentials.redacted("://x@y") == "://x@y", "no scheme")
    }
}
