import CGit2

/// Who made a commit and when (libgit2 `git_signature`).
public struct GitSignature: Sendable, Equatable {
    public var name: String
    public var email: String
    /// Seconds since the Unix epoch.
    public var time: Int64
    /// The author's time zone as minutes east of UTC.
    public var offsetMinutes: Int32 = 0

    public init(name: String, email: String, time: Int64, offsetMinutes: Int32 = 0) {
        self.name = name
        self.email = email
        self.time = time
        self.offsetMinutes = offsetMinutes
    }

    init(_ signature: UnsafePointer<git_signature>) {
        let s = signature.pointee
        name = s.name.map { String(cString: $0) } ?? ""
        email = s.email.map { String(cString: $0) } ?? ""
        time = s.when.time
        offsetMinutes = s.when.offset
    }

    /// Lends a libgit2 signature for the duration of `body`; libgit2 validates name and email.
    public func withGitSignature<R>(_ body: (UnsafePointer<git_signature>) throws -> R) throws -> R {
        try GitLibrary.initialise()  // libgit2 allocates the signature
        var signature: UnsafeMutablePointer<git_signature>?
        try GitError.check(
            git_signature_new(&signature, name, email, time, offsetMinutes),
            context: "invalid signature '\(name) <\(email)>'")
        guard let signature else { throw GitError(code: -1, message: "libgit2 returned no signature") }
        defer { git_signature_free(signature) }
        return try body(signature)
    }
}
