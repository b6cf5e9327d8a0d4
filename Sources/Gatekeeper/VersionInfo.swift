import Checks
import HTTP
import Git

/// What `gatekeeper --version` prints: the tool and the C libraries it runs with.
enum VersionInfo {
    static let gatekeeper = "0.1.0"

    static var text: String {
        // Initialising here proves the libraries load, not only that they link.
        let curlState = (try? CurlLibrary.initialise()) != nil ? "" : " (failed to initialise)"
        let gitState = (try? GitLibrary.initialise()) != nil ? "" : " (failed to initialise)"
        var curl = "libcurl \(CurlLibrary.version)\(curlState)"
        if let ssl = CurlLibrary.sslVersion { curl += " (\(ssl))" }
        return """
            gatekeeper \(gatekeeper)
            \(curl)
            libgit2 \(GitLibrary.version)\(gitState)
            """
    }
}
