import CGit2
import Foundation

/// Lends `strings` to libgit2 as a `git_strarray` for the duration of `body`. The copies are
/// owned here (strdup/free), so libgit2 never sees Swift-managed memory that could move.
func withGitStringArray<R>(_ strings: [String], _ body: (inout git_strarray) throws -> R) rethrows -> R {
    var copies: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    return try copies.withUnsafeMutableBufferPointer { buffer in
        var array = git_strarray(strings: buffer.baseAddress, count: buffer.count)
        return try body(&array)
    }
}
