import Foundation
import Support

/// `evidence keygen`: a key pair as two PEM files. The private one is created 0600 and neither
/// replaces nor follows anything already at its path.
public enum KeyPairFiles {
    public static let privateName = "signing-key.pem"
    public static let publicName = "signing-key.pub.pem"

    public static func write(_ key: SigningKey, into folder: String) throws -> (privatePath: String, publicPath: String, keyID: String) {
        let privatePath = (folder as NSString).appendingPathComponent(privateName)
        let publicPath = (folder as NSString).appendingPathComponent(publicName)
        for path in [privatePath, publicPath] where FileManager.default.fileExists(atPath: path) || AtomicFile.linkTarget(path) != nil {
            throw SourceError(file: path, line: nil, message: "exists; gatekeeper does not replace a key (remove it first, or choose another --out)")
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw SourceError(file: folder, line: nil, message: "cannot create the folder: \(error.localizedDescription)")
        }
        try AtomicFile.create(Data(key.pem.utf8), at: privatePath, mode: 0o600)
        try AtomicFile.create(Data(key.verifyingKey.pem.utf8), at: publicPath, mode: 0o644)
        return (privatePath, publicPath, key.verifyingKey.keyID)
    }
}
