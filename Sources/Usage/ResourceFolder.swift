import Foundation

/// A folder of data files shipped with a module (SwiftPM `.copy` resources): beside the
/// executable (installed or built), else in the source tree the module was built from. Never
/// `Bundle.module`, which traps when the bundle has moved.
public enum ResourceFolder {
    /// `module`: the target's name ("Usage"); `sourceFile`: `#filePath` of a file directly in
    /// that target's folder, for the source-tree fallback.
    public static func locate(module: String, folder: String, sourceFile: String) -> (path: String?, candidates: [String]) {
        let bundleName = "gatekeeper_\(module).resources"
        var candidates: [String] = []
        if let exe = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent() {
            candidates.append(exe.appendingPathComponent(bundleName).appendingPathComponent(folder).path)
        }
        candidates.append(Bundle.main.bundleURL.appendingPathComponent(bundleName).appendingPathComponent(folder).path)
        candidates.append(URL(fileURLWithPath: sourceFile).deletingLastPathComponent().appendingPathComponent(folder).path)
        var isDir: ObjCBool = false
        for path in candidates where FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue {
            return (path, candidates)
        }
        return (nil, candidates)
    }
}
