import Support

/// An in-toto ResourceDescriptor: what a gate read or judged, by URI and digest, so an
/// attestation can cite it ("the index file with this sha256", "commit e8678aa").
public struct ResourceDescriptor: Sendable, Equatable, Codable {
    public let name: String?
    /// nil for a subject known by name and digest only (a file of the bundle).
    public let uri: String?
    /// Algorithm → lower-case hex: "sha256", or "gitCommit" for a commit id.
    public let digest: [String: String]

    public init(name: String? = nil, uri: String?, digest: [String: String]) {
        self.name = name
        self.uri = uri
        self.digest = digest
    }

    /// The crate a registry serves, as a package URL: `pkg:cargo/NAME@VERSION`, digest its `cksum`.
    public static func crate(_ name: String, version: String, checksum: String, downloadURL: String?) -> ResourceDescriptor {
        ResourceDescriptor(name: "pkg:cargo/\(name)@\(version)", uri: downloadURL ?? "pkg:cargo/\(name)@\(version)", digest: ["sha256": checksum])
    }

    /// In the specification's member order; digests sorted by algorithm.
    public var json: JSONValue {
        let digests = JSONValue.object(JSONObject(digest.keys.sorted().map { .init(key: $0, value: .string(digest[$0] ?? "")) }))
        let resource: JSONValue = ["name": name.map { .string($0) } ?? .null, "uri": uri.map { .string($0) } ?? .null, "digest": digests]
        return resource.omittingNull("name", "uri")
    }
}
