import Crypto
import Support
import Git

/// The id git gives a file's bytes as a blob (SHA-1 of "blob <size>\0" and the bytes), computed
/// while a package streams past, so its files compare with a tree's entries without a checkout.
struct BlobHasher {
    private var sha1 = Insecure.SHA1()
    private let declared: Int64
    private var seen: Int64 = 0

    init(size: Int64) {
        declared = size
        sha1.update(data: Array("blob \(size)\u{0}".utf8))
    }

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        sha1.update(bufferPointer: bytes)
        seen += Int64(bytes.count)
    }

    /// The blob id; nil when the bytes seen were not the size announced in the header.
    func finish() -> GitObjectID? {
        guard seen == declared else { return nil }
        return GitObjectID(hex: HexDigits.lower(sha1.finalize()))
    }
}
